using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Client;

namespace MongoBackup.Transfer
{
    /// <summary>
    /// Streaming download queue: the cmdlet adds items as pipeline input arrives and ThrottleLimit workers start on
    /// them at once. Each item ends in exactly one <see cref="IDownloadObserver.OnCompleted"/> or
    /// <see cref="IDownloadObserver.OnFailed"/>; a progress snapshot goes out every ProgressInterval while anything is
    /// active (and a last one, with nothing active, at the end). <see cref="Completion"/> is cancelled only by the
    /// token (or Dispose), after every request stopped and every .partial was closed.
    /// </summary>
    internal sealed class DownloadQueue : IDisposable
    {
        
        private readonly HttpClient _http;
        private readonly DownloadOptions _options;
        private readonly IDownloadObserver _observer;
        private readonly Timing _timing;
        private readonly CancellationTokenSource _stop;
        private readonly ConcurrentQueue<DownloadItem> _pending = new ConcurrentQueue<DownloadItem>();
        private readonly SemaphoreSlim _available = new SemaphoreSlim(0);
        private readonly ProgressTracker _tracker = new ProgressTracker();
        private readonly BufferPool _pool;
        private readonly object _addLock = new object();
        private bool _addingCompleted;

        public DownloadQueue(HttpClient http, DownloadOptions options, IDownloadObserver observer, CancellationToken cancellationToken)
            : this(http, options, observer, cancellationToken, Timing.System)
        {
        }

        internal DownloadQueue(HttpClient http, DownloadOptions options, IDownloadObserver observer, CancellationToken cancellationToken, Timing timing)
        {
            _http = http ?? throw new ArgumentNullException(nameof(http));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _observer = observer ?? throw new ArgumentNullException(nameof(observer));
            _timing = timing ?? Timing.System;
            options.Validate();
            // One pool for the whole command: the memory of every file and connection together is bounded.
            _pool = new BufferPool(options.BlockSize, options.BufferBytes, options.ThrottleLimit);
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task[] workers = Enumerable.Range(0, options.ThrottleLimit)
                .Select(_ => Task.Run(() => WorkAsync(_stop.Token), CancellationToken.None))
                .ToArray();
            Task all = Task.WhenAll(workers);
            Completion = FinishAsync(all, ReportProgressAsync(all));
        }

        /// <summary>The memory every download of this queue shares.</summary>
        internal BufferPool Pool => _pool;

        /// <summary>All items finished; cancelled only by the token.</summary>
        public Task Completion { get; }

        public void Add(DownloadItem item)
        {
            if (item == null) throw new ArgumentNullException(nameof(item));
            if (string.IsNullOrEmpty(item.DestinationPath)) throw new ArgumentException("The item has no DestinationPath.", nameof(item));
            lock (_addLock)
            {
                if (_addingCompleted) throw new InvalidOperationException("CompleteAdding was called: the queue takes no more items.");
                _tracker.Enqueued(item);
                _pending.Enqueue(item);
            }
            _available.Release();
        }

        public void CompleteAdding()
        {
            lock (_addLock)
            {
                if (_addingCompleted) return;
                _addingCompleted = true;
            }
            _available.Release();
        }

        /// <summary>Stops everything, like the token.</summary>
        public void Dispose()
        {
            if (!Completion.IsCompleted) _stop.Cancel();
            Completion.ContinueWith(_ => _stop.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        private async Task WorkAsync(CancellationToken token)
        {
            while (true)
            {
                await _available.WaitAsync(token).ConfigureAwait(false);
                if (_pending.TryDequeue(out DownloadItem item))
                {
                    await ProcessAsync(item, token).ConfigureAwait(false);
                }
                else if (Volatile.Read(ref _addingCompleted))
                {
                    _available.Release(); // wake the next worker so it ends too
                    return;
                }
            }
        }

        private async Task ProcessAsync(DownloadItem item, CancellationToken token)
        {
            FileCounters counters = _tracker.Start(item);
            DownloadResult result;
            try
            {
                token.ThrowIfCancellationRequested();
                result = await new FileDownload(_http, _options, _timing, _pool, item, counters, _observer.OnVerbose).RunAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                _tracker.Abandoned(counters);
                throw;
            }
            catch (Exception e)
            {
                _tracker.Failed(counters);
                _observer.OnFailed(item, e as TencentCloudException
                    ?? new TencentCloudException(ErrorCatalog.DownloadFailed, $"{item.Name}: {Redaction.ScrubUrl(e.Message, item.Url)}"));
                return;
            }
            _tracker.Completed(counters, result.Length, result.Skipped);
            _observer.OnCompleted(result);
        }

        private async Task ReportProgressAsync(Task workers)
        {
            bool reported = false;
            using (var done = new CancellationTokenSource())
            {
                var stopTicking = workers.ContinueWith(_ => done.Cancel(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                while (!workers.IsCompleted)
                {
                    try
                    {
                        await _timing.Delay(_options.ProgressInterval, done.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                    if (workers.IsCompleted || !_tracker.AnyActive) continue;
                    _observer.OnProgress(_tracker.Snapshot(_timing.Monotonic()));
                    reported = true;
                }
                await stopTicking.ConfigureAwait(false);
            }
            if (reported && !_stop.IsCancellationRequested) _observer.OnProgress(_tracker.Snapshot(_timing.Monotonic()));
        }

        private static async Task FinishAsync(Task workers, Task progress)
        {
            try
            {
                await workers.ConfigureAwait(false);
            }
            finally
            {
                await progress.ConfigureAwait(false);
            }
        }
    }
}
