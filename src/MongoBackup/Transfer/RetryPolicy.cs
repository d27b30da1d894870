using System;

namespace MongoBackup.Transfer
{
    /// <summary>
    /// When and how long to wait before another attempt: up to MaxRetries consecutive attempts without progress, with
    /// exponential backoff (base * 2^(n-1), at most RetryMaxDelay) and "equal jitter" (half fixed, half random), and at
    /// least the server's Retry-After (still at most RetryMaxDelay).
    /// </summary>
    internal sealed class RetryPolicy
    {
        private readonly DownloadOptions _options;
        private readonly Func<double> _random;

        public RetryPolicy(DownloadOptions options, Func<double> random)
        {
            _options = options;
            _random = random;
        }

        public int MaxRetries => _options.MaxRetries;

        /// <summary>True while another attempt is allowed after <paramref name="failuresWithoutProgress"/> such failures.</summary>
        public bool ShouldRetry(int failuresWithoutProgress) => failuresWithoutProgress <= _options.MaxRetries;

        /// <summary>The wait before the next attempt; <c>failuresWithoutProgress</c> is 1 for a first failure (or one after progress).</summary>
        public TimeSpan NextDelay(int failuresWithoutProgress, TimeSpan? retryAfter)
        {
            double max = _options.RetryMaxDelay.TotalMilliseconds;
            double exponential = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, failuresWithoutProgress - 1));
            double capped = Math.Min(max, exponential);
            double jittered = capped / 2 + capped / 2 * _random();
            if (retryAfter.HasValue) jittered = Math.Max(jittered, Math.Min(max, retryAfter.Value.TotalMilliseconds));
            return TimeSpan.FromMilliseconds(Math.Max(0, jittered));
        }
    }
}
