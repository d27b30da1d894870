using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace MongoBackup.Transfer
{
    /// <summary>
    /// Multipart download of one file: N workers take consecutive ranged parts of [start, total) in order and stream each
    /// through small pooled blocks into the file's <see cref="FileWriter"/>, which appends them in order. A part's size is
    /// decided when it is taken, from the memory the pool can give the parts ahead of the head
    /// (<see cref="BufferPool.PartSize"/>), so every connection keeps receiving and memory stays bounded however many
    /// files download at once. The probe's answer is the first part's data. The first failure stops every worker.
    /// </summary>
    internal sealed class ChunkScheduler
    {
        private readonly RangeFetcher _fetcher;
        private readonly FileWriter _writer;
        private readonly int _connections;
        private readonly int _largestPart;
        private readonly bool _checksum;
        private readonly object _lock = new object();
        private long _next;
        private long _total;
        private long _firstEnd;
        private Exception _failure;
        private RangeAnswer _first;

        public ChunkScheduler(RangeFetcher fetcher, FileWriter writer, int connections, int largestPart, bool checksum)
        {
            _fetcher = fetcher;
            _writer = writer;
            _connections = connections;
            _largestPart = largestPart;
            _checksum = checksum;
        }

        /// <summary>Parts taken so far.</summary>
        public int Parts { get; private set; }

        /// <summary>
        /// Fetches [start, total); <c>first</c> is the open answer for [start, firstEnd), the first part, disposed here.
        /// Returns once every worker stopped (their partial blocks handed to the writer).
        /// </summary>
        public async Task RunAsync(long start, long total, RangeAnswer first, long firstEnd, CancellationToken token)
        {
            _first = first;
            _next = start;
            _total = total;
            _firstEnd = firstEnd;
            Task[] workers = Enumerable.Range(0, _connections)
                .Select(_ => Task.Run(() => WorkAsync(token), CancellationToken.None))
                .ToArray();
            try
            {
                await Task.WhenAll(workers).ConfigureAwait(false);
            }
            catch when (_failure != null || token.IsCancellationRequested)
            {
                // Reported below: the first failure (not the others' stops), else the cancellation.
            }
            finally
            {
                Interlocked.Exchange(ref _first, null)?.Dispose();
            }
            if (_failure != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(_failure).Throw();
            token.ThrowIfCancellationRequested();
        }

        private bool TakePart(out long from, out long to, out RangeAnswer first)
        {
            lock (_lock)
            {
                first = null;
                from = to = _next;
                if (_next >= _total) return false;
                if (Parts == 0)
                {
                    to = Math.Min(_firstEnd, _total);
                    first = Interlocked.Exchange(ref _first, null);
                }
                else
                {
                    // Near the end the rest is shared among the connections (each part a share of what is left, never less
                    // than a block), so they finish together instead of one fetching the last full part alone.
                    long size = _writer.Pool.PartSize(_connections, _largestPart);
                    long remaining = _total - _next;
                    if (remaining < size * _connections)
                    {
                        int block = _writer.Pool.BlockSize;
                        long share = (remaining + _connections - 1) / _connections;
                        size = Math.Max(block, (share + block - 1) / block * block);
                    }
                    to = Math.Min(_total, _next + size);
                }
                _next = to;
                Parts++;
                return true;
            }
        }

        /// <param name="token">The file's stop: cancelled by the caller, by the writer's failure, or by the first worker
        /// that fails (through <see cref="FileWriter.StopFile"/>), so the others stop too, waits for memory included.</param>
        private async Task WorkAsync(CancellationToken token)
        {
            try
            {
                while (!token.IsCancellationRequested && TakePart(out long from, out long to, out RangeAnswer first))
                    await _fetcher.FetchAsync(from, to, new PartSink(_writer, from, _checksum, canRestart: false), first, token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                if (!(e is OperationCanceledException) || !token.IsCancellationRequested)
                    Interlocked.CompareExchange(ref _failure, e, null);
                _writer.StopFile();
                throw;
            }
        }
    }
}
