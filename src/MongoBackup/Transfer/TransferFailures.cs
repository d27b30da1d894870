using System;

namespace MongoBackup.Transfer
{
    /// <summary>An attempt failed in a way worth retrying (connection lost, timeout, HTTP 5xx/408/429). Never leaves the engine.</summary>
    internal sealed class TransientFailure : Exception
    {
        public TransientFailure(string reason, TimeSpan? retryAfter = null) : base(reason)
        {
            RetryAfter = retryAfter;
        }

        public TimeSpan? RetryAfter { get; }
    }

    /// <summary>HTTP 403 for the link of <see cref="LinkVersion"/>: refresh the link, then go on. Never leaves the engine.</summary>
    internal sealed class LinkDenied : Exception
    {
        public LinkDenied(int linkVersion, string detail) : base("HTTP 403 " + detail)
        {
            LinkVersion = linkVersion;
        }

        public int LinkVersion { get; }
    }
}
