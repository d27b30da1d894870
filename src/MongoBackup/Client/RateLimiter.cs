using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MongoBackup.Client
{
    /// <summary>
    /// A client-side limit of requests per second, shared by every runspace of the process (one static table), so
    /// ForEach-Object -Parallel and thread jobs over hundreds of instances stay under the service's limit instead of
    /// provoking RequestLimitExceeded. It holds one slot per recent request: a slot is taken when a request is let go,
    /// and it is dated when that request's answer arrives (the service counted the request at some moment before that).
    /// A new request goes only when fewer than N slots are in flight or dated within the last window, so no window of
    /// the service's clock, however aligned and whatever the network delay, ever holds more than N of our requests.
    /// </summary>
    internal sealed class RateLimiter
    {
        public static readonly TimeSpan DefaultWindow = TimeSpan.FromMilliseconds(1020);
        private static readonly TimeSpan OneMillisecond = TimeSpan.FromMilliseconds(1);
        private static readonly ConcurrentDictionary<string, RateLimiter> Shared = new ConcurrentDictionary<string, RateLimiter>(StringComparer.Ordinal);

        private readonly object _gate = new object();
        private readonly List<Slot> _slots = new List<Slot>();
        private readonly Timing _timing;
        private readonly TimeSpan _window;
        private TaskCompletionSource<bool> _released = NewSignal();

        /// <summary>No client-side limit (Connect-TencentCloud -RequestsPerSecond 0): every request goes at once.</summary>
        public static readonly RateLimiter Unlimited = new RateLimiter();

        private static readonly Task<Lease> NoWait = Task.FromResult(new Lease(null, null, TimeSpan.Zero));
        private static int _processLimit = -1;

        private RateLimiter()
        {
            Limit = 0;
            _timing = Timing.System;
        }

        /// <summary>
        /// The process-wide limit Connect-TencentCloud -RequestsPerSecond sets for every action (for accounts whose quota was
        /// raised, and for measuring): null = each action's documented limit, 0 = no client-side limit.
        /// </summary>
        public static int? ProcessLimit
        {
            get
            {
                int limit = Volatile.Read(ref _processLimit);
                return limit < 0 ? (int?)null : limit;
            }
        }

        /// <summary>Sets <see cref="ProcessLimit"/> (null: back to the documented limits); requests already waiting keep their limiter.</summary>
        public static void SetProcessLimit(int? requestsPerSecond)
        {
            if (requestsPerSecond < 0) throw new ArgumentOutOfRangeException(nameof(requestsPerSecond));
            Volatile.Write(ref _processLimit, requestsPerSecond ?? -1);
        }

        public RateLimiter(int requestsPerWindow, TimeSpan window, Timing timing = null)
        {
            if (requestsPerWindow < 1) throw new ArgumentOutOfRangeException(nameof(requestsPerWindow));
            Limit = requestsPerWindow;
            _window = window;
            _timing = timing ?? Timing.System;
        }

        /// <summary>Requests per window; 0 for <see cref="Unlimited"/>.</summary>
        public int Limit { get; }

        /// <summary>
        /// The process-wide limiter of one action for one account at one endpoint, at the action's documented limit or the
        /// one <see cref="ProcessLimit"/> sets for every action (<see cref="Unlimited"/> for 0).
        /// </summary>
        public static RateLimiter For(string endpoint, string secretId, ActionDescriptor action, Timing timing = null)
        {
            int? process = ProcessLimit;
            if (process == 0) return Unlimited;
            int limit = process ?? action.RequestsPerSecond;
            return Shared.GetOrAdd(endpoint + "|" + secretId + "|" + action.Name + "|" + limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => new RateLimiter(limit, DefaultWindow, timing));
        }

        /// <summary>
        /// Waits (cancellably) until one more request fits and takes a slot for it. Dispose the lease when the answer (or
        /// the failure) arrives; the slot then counts for one more window.
        /// </summary>
        public Task<Lease> AcquireAsync(CancellationToken cancellationToken)
        {
            if (Limit == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return NoWait;
            }
            return AcquireLimitedAsync(cancellationToken);
        }

        private async Task<Lease> AcquireLimitedAsync(CancellationToken cancellationToken)
        {
            TimeSpan started = _timing.Monotonic();
            while (true)
            {
                Task wait;
                lock (_gate)
                {
                    TimeSpan now = _timing.Monotonic();
                    _slots.RemoveAll(s => !s.InFlight && now - s.Done >= _window);
                    if (_slots.Count < Limit)
                    {
                        var slot = new Slot { InFlight = true };
                        _slots.Add(slot);
                        return new Lease(this, slot, now - started);
                    }
                    TimeSpan oldestDone = TimeSpan.MaxValue;
                    foreach (Slot s in _slots) if (!s.InFlight && s.Done < oldestDone) oldestDone = s.Done;
                    Task released = _released.Task;
                    if (oldestDone == TimeSpan.MaxValue)
                    {
                        wait = released; // every slot is in flight: the next answer frees one
                    }
                    else
                    {
                        TimeSpan left = oldestDone + _window - now;
                        wait = Task.WhenAny(released, _timing.Delay(left > OneMillisecond ? left : OneMillisecond, cancellationToken));
                    }
                }
                if (cancellationToken.CanBeCanceled)
                    await Task.WhenAny(wait, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
                else
                    await wait.ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        private void Release(Slot slot)
        {
            TaskCompletionSource<bool> signal;
            lock (_gate)
            {
                slot.Done = _timing.Monotonic();
                slot.InFlight = false;
                signal = _released;
                _released = NewSignal();
            }
            signal.TrySetResult(true);
        }

        private static TaskCompletionSource<bool> NewSignal() =>
            new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        internal sealed class Slot
        {
            public bool InFlight;
            public TimeSpan Done;
        }

        /// <summary>One request's slot; disposing it dates the slot (once).</summary>
        internal sealed class Lease : IDisposable
        {
            private RateLimiter _owner;
            private readonly Slot _slot;

            public Lease(RateLimiter owner, Slot slot, TimeSpan waited)
            {
                _owner = owner;
                _slot = slot;
                Waited = waited;
            }

            /// <summary>How long the request waited for its slot.</summary>
            public TimeSpan Waited { get; }

            public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Release(_slot);
        }
    }
}
