using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace MongoBackup.Cmdlets
{
    /// <summary>
    /// The first layer under every cmdlet: a CancellationToken cancelled by Ctrl+C (StopProcessing) that every blocking
    /// wait takes, and the pump that lets asynchronous work write to the pipeline from the pipeline thread only.
    /// </summary>
    public abstract class CancellableCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private PipelinePump _pump;

        /// <summary>Cancelled when the user presses Ctrl+C; every blocking wait takes it.</summary>
        protected CancellationToken CancelToken => _stopping.Token;

        internal PipelinePump Pump => _pump ?? (_pump = new PipelinePump(this));

        protected override void StopProcessing() => _stopping.Cancel();

        protected override void EndProcessing() => _pump?.Drain();

        /// <summary>Runs asynchronous work, writing what it posts, until it completes or Ctrl+C.</summary>
        internal T Await<T>(Func<CancellationToken, Task<T>> operation) => Pump.Await(operation, CancelToken);

        internal void Await(Func<CancellationToken, Task> operation) =>
            Pump.Await(async ct => { await operation(ct).ConfigureAwait(false); return true; }, CancelToken);

        /// <summary>A per-input failure: a non-terminating error whose TargetObject is the input.</summary>
        internal void WriteFailure(Exception exception, object target) => WriteError(ErrorRecords.From(this, exception, target));

        /// <summary>A failure that makes the whole invocation unusable.</summary>
        internal void ThrowFailure(Exception exception, object target) => ThrowTerminatingError(ErrorRecords.From(this, exception, target));

        public void Dispose()
        {
            _stopping.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
