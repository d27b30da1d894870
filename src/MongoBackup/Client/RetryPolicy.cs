using System;
using System.Net;
using System.Net.Sockets;

namespace MongoBackup.Client
{
    /// <summary>
    /// When the shared client retries a call, and how long it waits. Safe actions (Describe*, which change nothing) are
    /// retried on throttling, service-side failures, HTTP 5xx, timeouts, broken connections and cut-off answers. Other
    /// actions (Create, Set, Delete, Modify…) are retried only on failures that prove the service did not act on the
    /// request: throttling (RequestLimitExceeded is refused before any work) and a connection that was never made.
    /// Waits back off exponentially with full jitter: a random time between 0 and min(RetryMaxDelay, base × 2^attempt).
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
        /// <summary>No retry starts once this much time has passed since the first attempt.</summary>
        public TimeSpan MaxTotal { get; }

        /// <summary>Whether an action changes nothing, so repeating it is harmless.</summary>
        public static bool IsSafe(string action) =>
            action.StartsWith("Describe", StringComparison.Ordinal) || action.StartsWith("Inquire", StringComparison.Ordinal)
            || action.StartsWith("Get", StringComparison.Ordinal) || action.StartsWith("List", StringComparison.Ordinal);

        /// <summary>Why the failure is worth another attempt, or null when it is not.</summary>
        public static string TransientReason(string action, TencentCloudException error)
        {
            string code = error.Code ?? "";
            if (code == "RequestLimitExceeded" || code.StartsWith("RequestLimitExceeded.", StringComparison.Ordinal))
                return code + " (throttled)";
            if (error.HostNotFound) return null; // a misspelt endpoint does not heal by waiting
            if (error.RequestNotSent)
                return "the connection could not be made (" + code + ")";
            if (!IsSafe(action)) return null;
            if (code == "InternalError" || code.StartsWith("InternalError.", StringComparison.Ordinal)) return code;
            if (code == "ResourceUnavailable" || code.StartsWith("ResourceUnavailable.", StringComparison.Ordinal)) return code;
            if (code == ClientErrorCodes.HttpError && error.HttpStatus >= 500) return "HTTP " + error.HttpStatus;
            if (code == ClientErrorCodes.HttpError && (error.HttpStatus == 408 || error.HttpStatus == 429)) return "HTTP " + error.HttpStatus;
            if (code == ClientErrorCodes.Timeout) return "no answer in time";
            if (code == ClientErrorCodes.ConnectionFailure) return "the connection failed";
            if (code == ClientErrorCodes.InvalidResponse) return "a cut-off or malformed answer";
            return null;
        }

        /// <summary>The wait before retry number <paramref name="retry"/> (1-based), given a uniform random number in [0, 1).</summary>
        public TimeSpan Delay(int retry, double random)
        {
            double cap = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 30)));
            return TimeSpan.FromMilliseconds(cap * Math.Max(0, Math.Min(random, 1)));
        }

        /// <summary>Whether the exception chain says no connection was ever made (so the request never reached the service).</summary>
        internal static bool ConnectionNeverMade(Exception e, out bool hostNotFound)
        {
            hostNotFound = false;
            for (Exception inner = e; inner != null; inner = inner.InnerException)
            {
                if (inner is SocketException socket)
                {
                    switch (socket.SocketErrorCode)
                    {
                        case SocketError.HostNotFound:
                        case SocketError.NoData:
                        case SocketError.TryAgain:
                            hostNotFound = true;
                            return true;
                        case SocketError.ConnectionRefused:
                        case SocketError.HostUnreachable:
                        case SocketError.NetworkUnreachable:
                        case SocketError.AddressNotAvailable:
                            return true;
                    }
                }
                if (inner is WebException web)
                {
                    if (web.Status == WebExceptionStatus.NameResolutionFailure) { hostNotFound = true; return true; }
                    if (web.Status == WebExceptionStatus.ConnectFailure) return true;
                }
            }
            return false;
        }
    }
}
