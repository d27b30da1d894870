using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MongoBackup.Transfer
{
    /// <summary>
    /// Writes the parts of a multipart download to the .partial strictly in order (so the file stays a contiguous
    /// prefix and is hashed as written). A part finished early waits in memory; the window (2 × connections parts
    /// taken but not yet written) keeps workers from running further ahead, which bounds memory to about
    /// 2 × connections × chunk size per file.
    /// </summary>
    internal sealed class OrderedChunkWriter
    {
        private readonly PartialFile _file;
        private readonly object _lock = new object();
        private readonly Dictionary<int, ChunkBuffer> _ready = new Dictionary<int, ChunkBuffer>();
        private readonly SemaphoreSlim _io = new SemaphoreSlim(1, 1);
        private readonly ConcurrentBag<byte[]> _buffers = new ConcurrentBag<byte[]>();
        private readonly int _chunkSize;
        private int _next;

        public OrderedChunkWriter(PartialFile file, int connections, int chunkSize)
        {
            _file = file;
            _chunkSize = chunkSize;
            Window = new SemaphoreSlim(2 * connections, 2 * connections);
        }

        /// <summary>One slot per part taken and not yet written; a worker waits for a slot before taking a part.</summary>
        public SemaphoreSlim Window { get; }

        /// <summary>The index of the next part to write.</summary>
        public int Next => Volatile.Read(ref _next);

        /// <summary>A buffer for a part (reused once its part is written).</summary>
        public byte[] Rent() => _buffers.TryTake(out byte[] buffer) ? buffer : new byte[_chunkSize];

        /// <summary>Hands over a finished part; writes it and every part that follows it in order and is ready.</summary>
        public async Task CompleteAsync(ChunkBuffer chunk)
        {
            lock (_lock) _ready.Add(chunk.Index, chunk);
            await _io.WaitAsync().ConfigureAwait(false);
            try
            {
                while (TryTakeNext(out ChunkBuffer next))
                {
                    await _file.WriteAsync(next.Buffer, 0, next.Length).ConfigureAwait(false);
                    Interlocked.Increment(ref _next);
                    _buffers.Add(next.Buffer);
                    Window.Release();
                }
            }
            finally
            {
                _io.Release();
            }
        }

        /// <summary>
        /// After the workers stopped (failure or cancellation): keeps the bytes already received of the part that
        /// comes next, so a resume loses as little as possible. Parts further ahead cannot be kept (the file must
        /// stay a prefix).
        /// </summary>
        public async Task SalvageAsync(ChunkBuffer head)
        {
            if (head == null || head.Index != Next || head.Received == 0 || _file.Length != head.Start) return;
            await _io.WaitAsync().ConfigureAwait(false);
            try
            {
                await _file.WriteAsync(head.Buffer, 0, head.Received).ConfigureAwait(false);
            }
            finally
            {
                _io.Release();
            }
        }

        private bool TryTakeNext(out ChunkBuffer chunk)
        {
            lock (_lock)
            {
                if (_ready.TryGetValue(_next, out chunk))
                {
                    _ready.Remove(_next);
                    return true;
                }
                return false;
            }
        }
    }
}
