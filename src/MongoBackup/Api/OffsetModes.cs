using System;
using System.Collections.Concurrent;

namespace MongoBackup.Api
{
    /// <summary>How an endpoint reads a paged action's Offset.</summary>
    internal enum OffsetReading
    {
        /// <summary>Offset is the number of items to pass over.</summary>
        Items,
        /// <summary>Offset is a page index: the answer starts at item Offset × Limit.</summary>
        Pages,
    }

    /// <summary>
    /// What the pager found out about each endpoint's reading of Offset, remembered for the process (all runspaces), so
    /// only the first listing that needs to know pays for the probe.
    /// </summary>
    internal sealed class OffsetModes
    {
        private readonly ConcurrentDictionary<string, OffsetReading> _known = new ConcurrentDictionary<string, OffsetReading>(StringComparer.Ordinal);

        public static OffsetModes Shared { get; } = new OffsetModes();

        public OffsetReading? Find(string endpoint, string action) =>
            _known.TryGetValue(Key(endpoint, action), out OffsetReading reading) ? reading : (OffsetReading?)null;

        public void Remember(string endpoint, string action, OffsetReading reading) => _known[Key(endpoint, action)] = reading;

        private static string Key(string endpoint, string action) => endpoint + "|" + action;
    }
}
