using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace MongoBackup.Client
{
    /// <summary>
    /// The one seam for time, waits and randomness (the API client, the rate limiter, the retries and the downloads all
    /// take it), so tests control them. <see cref="System"/> is the real clock.
    /// </summary>
    internal sealed class Timing
    {
        private static readonly Stopwatch Uptime = Stopwatch.StartNew();
        private readonly object _randomLock = new object();
        private readonly Random _random = new Random();

        public static Timing System { get; } = new Timing();

        public Timing()
        {
            NextRandom = () =>
            {
                lock (_randomLock) return _random.NextDouble();
            };
        }

        /// <summary>Wall-clock time (the TC3 timestamp).</summary>
        public Func<DateTimeOffset> UtcNow { get; set; } = () => DateTimeOffset.UtcNow;

        /// <summary>A monotonic clock (limiter windows, rates, elapsed times).</summary>
        public Func<TimeSpan> Monotonic { get; set; } = () => Uptime.Elapsed;

        /// <summary>A cancellable wait (retry backoff, limiter waits, progress ticks, polling).</summary>
        public Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = Task.Delay;

        /// <summary>A number in [0, 1), for the backoff's jitter.</summary>
        public Func<double> NextRandom { get; set; }
    }
}
