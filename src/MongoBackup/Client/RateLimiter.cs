using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace MongoBackup.Client
{
    /// <summary>
    /// A client-side limit of requests per second, shared by every runspace of the process (one static table), so
    /// ForEach-Object -Parallel and thread jobs over hundreds of instances stay under the service's limit instead of
    /// provoking RequestLimitExceeded. It keeps the times of the last N requests and lets a new one go only when the
    /// oldest of them is more than a window old, so no window of that length ever holds more than N requests, however the
    /// service aligns its own. The window is a second plus a margin for network jitter.
    /// </summary>
    internal sealed class RateLimiter
    {
        public static readonly TimeSpan DefaultWindow = TimeSpan.FromMilliseconds(1050);
        private static readonly ConcurrentDictionary<string, RateLimiter> Shared = new ConcurrentDictionary<string, RateLimiter>(StringComparer.Ordinal);

        private readonly object _gate = new object();
        private readonly Queue<long> _sent = new Queue<long>();
        private readonly Func<long> _now;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;
        private readonly long _windowTicks;

        public RateLimiter(int requestsPerWindow, TimeSpan window, Func<long> now = null, Func<TimeSpan, CancellationToken, Task> delay = null)
        {
            if (requestsPerWindow < 1) throw new ArgumentOutOfRangeException(nameof(requestsPerWindow));
            Limit = requestsPerWindow;
            _windowTicks = (long)(window.TotalSeconds * Stopwatch.Frequency);
            _now = now ?? Stopwatch.GetTimestamp;
            _delay = delay ?? Task.Delay;
        }

        public int Limit { get; }

        /// <summary>The documented per-action limits (requests per second); 20 where none is documented.</summary>
        public static int DocumentedLimit(string action)
        {
            switch (action)
            {
                case "DescribeDBBackups": return 150;
                default: return 20;
            }
        }

        /// <summary>The process-wide limiter of one action for one account at one endpoint.</summary>
        public static RateLimiter For(string endpoint, string secretId, string action) =>
            Shared.GetOrAdd(endpoint + "|" + secretId + "|" + action, _ => new RateLimiter(DocumentedLimit(action), DefaultWindow));

        /// <summary>Waits (cancellably) until one more request fits, and counts it as sent. Returns the time waited.</summary>
        public async Task<TimeSpan> WaitAsync(CancellationToken cancellationToken)
        {
            long started = _now();
            while (true)
            {
                long wait;
                lock (_gate)
                {
                    long now = _now();
                    while (_sent.Count > 0 && now - _sent.Peek() >= _windowTicks) _sent.Dequeue();
                    if (_sent.Count < Limit)
                    {
                        _sent.Enqueue(now);
                        return TimeSpan.FromSeconds((double)(now - started) / Stopwatch.Frequency);
                    }
                    wait = _sent.Peek() + _windowTicks - now;
                }
                await _delay(TimeSpan.FromSeconds(Math.Max(1, wait) / (double)Stopwatch.Frequency), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
