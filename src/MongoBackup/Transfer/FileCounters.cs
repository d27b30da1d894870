using System;
using System.Threading;

namespace MongoBackup.Transfer
{
    /// <summary>
    /// The live numbers of one file being downloaded, updated from its workers' threads: bytes in place (may drop
    /// back when a server ignoring ranges forces a restart), bytes received (monotonic, for the rate), retries.
    /// </summary>
    internal sealed class FileCounters
    {
        private readonly Action<long> _onReceived;
        private long _done;
        private long _received;
        private long _total = -1;
        private int _retries;

        public FileCounters(string name, long? expectedSize, Action<long> onReceived = null)
        {
            Name = name;
            _onReceived = onReceived;
            if (expectedSize.HasValue) _total = expectedSize.Value;
            Meter = new RateMeter(RateMeter.DefaultWindow);
        }

        public string Name { get; }
        public long Done => Interlocked.Read(ref _done);
        public long Received => Interlocked.Read(ref _received);
        public int Retries => Volatile.Read(ref _retries);

        /// <summary>The file's size once known (the server's total, else the expected size).</summary>
        public long? Total
        {
            get
            {
                long t = Interlocked.Read(ref _total);
                return t < 0 ? (long?)null : t;
            }
            set => Interlocked.Exchange(ref _total, value ?? -1);
        }

        /// <summary>Sampled by the progress tick only.</summary>
        internal RateMeter Meter { get; }

        public void SetDone(long bytes) => Interlocked.Exchange(ref _done, bytes);

        public void AddReceived(long bytes)
        {
            Interlocked.Add(ref _done, bytes);
            Interlocked.Add(ref _received, bytes);
            _onReceived?.Invoke(bytes);
        }

        public void AddRetry() => Interlocked.Increment(ref _retries);
    }
}
