using System;

namespace MongoBackup.Client
{
    /// <summary>
    /// The module's one retry policy, for API calls and downloads alike. <see cref="MaxRetries"/> is the number of
    /// retries after failures: an API call is tried at most MaxRetries + 1 times; a download is retried up to MaxRetries
    /// times in a row without a byte of progress (each retry resumes from the byte reached, so progress resets the count).
    /// Waits back off exponentially with full jitter: a random time between 0 and min(MaxDelay, BaseDelay × 2^(n-1)),
    /// and never less than a server's Retry-After (itself capped at MaxDelay). No API retry starts after MaxTotal.
    /// Which failures are retried: <see cref="TransientReason"/> for API calls, <see cref="Failures"/> for both.
    /// </summary>
    internal sealed class RetryPolicy
    {
        public const int DefaultMaxRetries = 5;
        public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(20);
        public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(500);
        public static readonly TimeSpan DefaultMaxTotal = TimeSpan.FromMinutes(3);

        public RetryPolicy(int maxRetries, TimeSpan maxDelay, TimeSpan? baseDelay = null, TimeSpan? maxTotal = null)
        {
            if (maxRetries < 0) throw new ArgumentOutOfRangeException(nameof(maxRetries));
            MaxRetries = maxRetries;
            MaxDelay = maxDelay < TimeSpan.Zero ? TimeSpan.Zero : maxDelay;
            BaseDelay = baseDelay ?? DefaultBaseDelay;
            MaxTotal = maxTotal ?? DefaultMaxTotal;
        }

        public static RetryPolicy Default { get; } = new RetryPolicy(DefaultMaxRetries, DefaultMaxDelay);

        public int MaxRetries { get; }
        public TimeSpan MaxDelay { get; }
        public TimeSpan BaseDelay { get; }
        /// <summary>No API retry starts once this much time has passed since the first attempt.</summary>
        public TimeSpan MaxTotal { get; }

        /// <summary>Whether another attempt is allowed after <paramref name="failures"/> failures (in a row, for downloads).</summary>
        public bool AllowsRetry(int failures) => failures <= MaxRetries;

        /// <summary>
        /// The wait before retry number <paramref name="retry"/> (1-based), given a uniform random number in [0, 1) and
        /// the server's Retry-After when it sent one.
        /// </summary>
        public TimeSpan Delay(int retry, double random, TimeSpan? retryAfter = null)
        {
            double max = MaxDelay.TotalMilliseconds;
            double cap = Math.Min(max, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(Math.Max(retry, 1) - 1, 30)));
            double wait = cap * Math.Max(0, Math.Min(random, 1));
            if (retryAfter.HasValue) wait = Math.Max(wait, Math.Min(max, retryAfter.Value.TotalMilliseconds));
            return TimeSpan.FromMilliseconds(Math.Max(0, wait));
        }

        /// <summary>
        /// Why a failed API call is worth another attempt, or null when it is not. Safe actions (that change nothing) are
        /// retried on throttling, service-side failures, HTTP 5xx/408/429, timeouts, broken connections and cut-off
        /// answers; other actions only when the service surely did not act: throttling (refused before any work) and a
        /// connection that was never made. A host name that does not resolve is never retried.
        /// </summary>
        public static string TransientReason(bool safe, TencentCloudException error)
        {
            string code = error.Code ?? "";
            if (ErrorCatalog.InFamily(code, ErrorCatalog.Throttled)) return code + " (throttled)";
            if (error.HostNotFound) return null; // a misspelt endpoint does not heal by waiting
            if (error.RequestNotSent) return "the connection could not be made (" + code + ")";
            if (!safe) return null;
            if (ErrorCatalog.InFamily(code, ErrorCatalog.InternalError) || ErrorCatalog.InFamily(code, ErrorCatalog.ResourceUnavailable)) return code;
            if (code == ErrorCatalog.HttpError && error.HttpStatus.HasValue && Failures.IsTransientStatus(error.HttpStatus.Value))
                return "HTTP " + error.HttpStatus;
            if (code == ErrorCatalog.RequestTimeout) return "no answer in time";
            if (code == ErrorCatalog.ConnectionFailure) return "the connection failed";
            if (code == ErrorCatalog.InvalidResponse) return "a cut-off or malformed answer";
            return null;
        }
    }
}
