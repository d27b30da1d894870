using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace MongoBackup.Transfer
{
    /// <summary>Time, waits and randomness of the downloads, injectable so tests control them.</summary>
    internal sealed class DownloadEnvironment
    {
        private static readonly Stopwatch Uptime = Stopwatch.StartNew();
        private readonly object _randomLock = new object();
        private readonly Random _random = new Random();

        public static DownloadEnvironment Default { get; } = new DownloadEnvironment();

        /// <summary>A monotonic clock.</summary>
        public Func<TimeSpan> Now { get; set; } = () => Uptime.Elapsed;

        /// <summary>A cancellable wait (the retry backoff and the progress ticks).</summary>
        public Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = Task.Delay;

        /// <summary>A number in [0, 1) for the backoff's jitter.</summary>
        public Func<double> NextRandom { get; set; }

        public DownloadEnvironment()
        {
            NextRandom = () =>
            {
                lock (_randomLock) return _random.NextDouble();
            };
        }
    }
}
