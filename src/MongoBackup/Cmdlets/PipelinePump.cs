using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>
    /// Lets asynchronous work report to PowerShell: background threads post writes (verbose, progress, objects), and
    /// the pipeline thread runs them while it waits, because a cmdlet may write only from its pipeline thread.
    /// </summary>
    internal sealed class PipelinePump : IApiLog
    {
        private readonly ConcurrentQueue<Action> _pending = new ConcurrentQueue<Action>();
        private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);
        private readonly Cmdlet _cmdlet;

        public PipelinePump(Cmdlet cmdlet)
        {
            _cmdlet = cmdlet;
            WantsVerbose = Wants(cmdlet, "VerbosePreference", "Verbose");
            WantsDebug = Wants(cmdlet, "DebugPreference", "Debug");
        }

        /// <summary>Whether verbose lines are shown or kept: when not, they are neither formatted nor posted.</summary>
        public bool WantsVerbose { get; }

        /// <summary>Whether debug lines are shown or kept: when not, the client's per-request lines cost no wake-up of the pipeline thread.</summary>
        public bool WantsDebug { get; }

        /// <summary>The cmdlet's -Verbose/-Debug, else the preference variable in its scope (read on the pipeline thread).</summary>
        private static bool Wants(Cmdlet cmdlet, string preference, string parameter)
        {
            if (!(cmdlet is PSCmdlet ps)) return true;
            try
            {
                if (ps.MyInvocation.BoundParameters.TryGetValue(parameter, out object given))
                    return given is SwitchParameter sw ? sw.IsPresent : LanguagePrimitives.IsTrue(given);
                object value = ps.GetVariableValue(preference);
                return !(value is ActionPreference p) || (p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore);
            }
            catch (Exception e) when (e is InvalidOperationException || e is PSInvalidOperationException || e is NullReferenceException)
            {
                return true; // not on the pipeline thread, or no session: keep everything
            }
        }

        /// <summary>Queues a write; it runs on the pipeline thread during the next <see cref="Await{T}"/> or <see cref="Drain"/>.</summary>
        public void Post(Action write)
        {
            _pending.Enqueue(write);
            _signal.Release();
        }

        public void Verbose(string message)
        {
            if (WantsVerbose) Post(() => _cmdlet.WriteVerbose(message));
        }

        public void Debug(string message)
        {
            if (WantsDebug) Post(() => _cmdlet.WriteDebug(message));
        }

        /// <summary>Runs the posted writes (pipeline thread only).</summary>
        public void Drain()
        {
            while (_pending.TryDequeue(out Action write)) write();
        }

        /// <summary>
        /// Starts <paramref name="operation"/> and, until it completes, runs the writes it posts. Cancelling
        /// <paramref name="token"/> (Ctrl+C) stops the wait at once with <see cref="PipelineStoppedException"/>.
        /// </summary>
        public T Await<T>(Func<CancellationToken, Task<T>> operation, CancellationToken token)
        {
            Task<T> task;
            try
            {
                task = operation(token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            task.ContinueWith(_ => _signal.Release(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            while (true)
            {
                Drain();
                if (task.IsCompleted) break;
                try
                {
                    _signal.Wait(token);
                }
                catch (OperationCanceledException)
                {
                    throw new PipelineStoppedException();
                }
            }
            Drain();
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }
    }
}
