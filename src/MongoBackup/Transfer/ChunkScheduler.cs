using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace MongoBackup.Transfer
{
    /// <summary>
    /// Multipart download of one file: [start, total) is cut into chunks, N workers take them in order and fetch
    /// them with ranged requests, and the <see cref="OrderedChunkWriter"/> appends them to the .partial in order.
    /// The probe's answer (the first chunk's range) is the first chunk's data. The first failure stops every worker.
    /// </summary>
    internal sealed class ChunkScheduler
    {
        private readonly RangeFetcher _fetcher;
        private readonly PartialFile _file;
        private readonly int _connections;
        private readonly int _chunkSize;
        private readonly ConcurrentDictionary<int, ChunkBuffer> _inFlight = new ConcurrentDictionary<int, ChunkBuffer>();
        private int _taken;
        private Exception _failure;
        private RangeAnswer _first;

        public ChunkScheduler(RangeFetcher fetcher, PartialFile file, int connections, int chunkSize)
        {
            _fetcher = fetcher;
            _file = file;
            _connections = connections;
            _chunkSize = chunkSize;
        }

        /// <summary>Fetches [start, total); <c>first</c> is the open answer for the first chunk's range, disposed here.</summary>
        public async Task RunAsync(long start, long total, RangeAnswer first, CancellationToken token)
        {
            _first = first;
            long count = (total - start + _chunkSize - 1) / _chunkSize;
            if (count > int.MaxValue)
            {
                first.Dispose();
                throw new ArgumentOutOfRangeException(nameof(total), "The file has too many chunks; raise the chunk size.");
            }
            var writer = new OrderedChunkWriter(_file, _connections, _chunkSize);
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(token))
            {
                Task[] workers = Enumerable.Range(0, (int)Math.Min(_connections, count))
                    .Select(_ => Task.Run(() => WorkAsync(start, total, (int)count, writer, stop), CancellationToken.None))
                    .ToArray();
                try
                {
                    await Task.WhenAll(workers).ConfigureAwait(false);
                }
                catch when (_failure != null || token.IsCancellationRequested)
                {
                    // Reported below: the caller's cancellation first, else the first failure (not the others' stops).
                }
                finally
                {
                    Interlocked.Exchange(ref _first, null)?.Dispose();
                }
                if (_failure != null || token.IsCancellationRequested)
                {
                    _inFlight.TryGetValue(writer.Next, out ChunkBuffer head);
                    await writer.SalvageAsync(head).ConfigureAwait(false);
                    token.ThrowIfCancellationRequested();
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(_failure).Throw();
                }
            }
        }

        private async Task WorkAsync(long start, long total, int count, OrderedChunkWriter writer, CancellationTokenSource stop)
        {
            try
            {
                while (true)
                {
                    await writer.Window.WaitAsync(stop.Token).ConfigureAwait(false);
                    int index = Interlocked.Increment(ref _taken) - 1;
                    if (index >= count)
                    {
                        writer.Window.Release();
                        return;
                    }
                    long from = start + (long)index * _chunkSize;
                    var chunk = new ChunkBuffer(index, from, writer.Rent(), (int)Math.Min(_chunkSize, total - from));
                    _inFlight[index] = chunk;
                    RangeAnswer first = index == 0 ? Interlocked.Exchange(ref _first, null) : null;
                    await _fetcher.FetchAsync(from, from + chunk.Length, chunk, first, stop.Token).ConfigureAwait(false);
                    await writer.CompleteAsync(chunk).ConfigureAwait(false);
                    _inFlight.TryRemove(index, out _);
                }
            }
            catch (Exception e)
            {
                if (!(e is OperationCanceledException) || !stop.IsCancellationRequested)
                    Interlocked.CompareExchange(ref _failure, e, null);
                stop.Cancel();
                throw;
            }
        }
    }
}
