using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Client;

namespace MongoBackup.Transfer
{
    /// <summary>
    /// One HTTP attempt: a watchdog that fails it when nothing arrives for ReadTimeout (reset before every read),
    /// and the classification of what went wrong: the caller's cancellation stays an OperationCanceledException,
    /// a lost connection or a timeout becomes a <see cref="TransientFailure"/>, final errors pass through.
    /// </summary>
    internal sealed class Attempt : IDisposable
    {
        private readonly TimeSpan _timeout;
        private readonly CancellationToken _outer;
        private readonly CancellationTokenSource _watchdog;
        private CancellationTokenRegistration _abort;

        public Attempt(TimeSpan timeout, CancellationToken outer)
        {
            _timeout = timeout;
            _outer = outer;
            _watchdog = CancellationTokenSource.CreateLinkedTokenSource(outer);
            _watchdog.CancelAfter(timeout);
        }

        public CancellationToken Token => _watchdog.Token;

        /// <summary>Body bytes this attempt put in the sink.</summary>
        public long Copied { get; set; }

        /// <summary>Restarts the watchdog: called before each read.</summary>
        public void Restart() => _watchdog.CancelAfter(_timeout);

        /// <summary>Stops the watchdog while the fetcher waits for memory (the silence is ours, not the server's).</summary>
        public void Pause() => _watchdog.CancelAfter(System.Threading.Timeout.Infinite);

        /// <summary>
        /// Disposes <paramref name="answer"/> when the attempt is cancelled, so a read blocked in a runtime that ignores
        /// cancellation tokens (.NET Framework's response streams) fails at once.
        /// </summary>
        public void Watch(RangeAnswer answer) => _abort = _watchdog.Token.Register(answer.Dispose);

        public async Task<T> Guard<T>(Func<Task<T>> operation)
        {
            try
            {
                return await operation().ConfigureAwait(false);
            }
            catch (Exception e) when (_outer.IsCancellationRequested && !(e is OperationCanceledException))
            {
                throw new OperationCanceledException(_outer);
            }
            catch (OperationCanceledException) when (!_outer.IsCancellationRequested)
            {
                // Ours (the watchdog) or the HttpClient's own timeout.
                throw new TransientFailure($"nothing received for {DisplayFormat.Duration(_timeout)}");
            }
            catch (Exception e) when (Failures.IsConnectionFailure(e))
            {
                throw _watchdog.IsCancellationRequested
                    ? new TransientFailure($"nothing received for {DisplayFormat.Duration(_timeout)}")
                    : new TransientFailure(Failures.Describe(e));
            }
        }

        public void Dispose()
        {
            _abort.Dispose();
            _watchdog.Dispose();
        }

    }
}
