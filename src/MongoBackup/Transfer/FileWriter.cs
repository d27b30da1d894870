using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Client;

namespace MongoBackup.Transfer
{
    /// <summary>
    /// Writes one file's blocks to its .partial strictly in order, on a task of its own, so the fetchers keep receiving
    /// while the disk works. A block is written when it starts where the file ends (blocks that came early wait, keyed
    /// by offset), then given back to the <see cref="BufferPool"/>: that return is what lets the fetchers go on. The file's
    /// CRC64 is the blocks' CRCs (computed by the fetchers as the bytes arrived) combined in order; the SHA256, when
    /// asked for, is fed here. <see cref="CompleteAsync"/> writes what is contiguous and stops: after a failure or a
    /// cancellation that keeps the longest prefix received, so a resume loses as little as possible.
    /// </summary>
    internal sealed class FileWriter
    {
        private readonly PartialFile _file;
        private readonly BufferPool _pool;
        private readonly PoolAccount _account;
        private readonly bool _checksum;
        private readonly bool _sha;
        private readonly Timing _timing;
        private readonly long _writeBytesPerSecond;
        private readonly Action _onFailure;
        private readonly object _lock = new object();
        private readonly SemaphoreSlim _io = new SemaphoreSlim(1, 1);
        private readonly Dictionary<long, Block> _blocks = new Dictionary<long, Block>();
        private IncrementalHash _hash;
        private TaskCompletionSource<bool> _wake;
        private Task _loop;
        private long _written;
        private ulong _crc;
        private bool _completing;
        private bool _ended;
        private Exception _failure;

        public FileWriter(PartialFile file, BufferPool pool, bool checksum, bool sha, Timing timing, long writeBytesPerSecond, Action onFailure, CancellationToken stop)
        {
            _file = file;
            _pool = pool;
            _account = pool.Open(stop);
            _checksum = checksum;
            _sha = sha;
            _timing = timing ?? Timing.System;
            _writeBytesPerSecond = writeBytesPerSecond;
            _onFailure = onFailure;
            _hash = sha ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
            _written = file.Length;
        }

        /// <summary>Where the file ends: every byte before it is on disk (in the page cache until <see cref="PartialFile.Flush"/>).</summary>
        public long Written => Interlocked.Read(ref _written);

        /// <summary>The CRC64 of the bytes written (and of the prefix fed by <see cref="Consume"/>).</summary>
        public ulong Crc => _crc;

        /// <summary>The write failure that stopped the writer, if any.</summary>
        public Exception Failure => Volatile.Read(ref _failure);

        public BufferPool Pool => _pool;

        /// <summary>Stops every fetch of the file (a part failed): the file's stop token is cancelled.</summary>
        public void StopFile() => _onFailure?.Invoke();

        /// <summary>Feeds bytes already in the file (a resumed prefix) to the CRC and the hash; before <see cref="Start"/>.</summary>
        public void Consume(byte[] data, int offset, int count)
        {
            if (_checksum) _crc = Crc64.Append(_crc, data, offset, count);
            _hash?.AppendData(data, offset, count);
        }

        public void Start() => _loop = Task.Run(RunAsync);

        /// <summary>
        /// Whether the part that starts at <paramref name="partStart"/> is the head: the file has reached its start, so it
        /// draws on the reserve; a part further ahead waits while the others' blocks fill the pool.
        /// </summary>
        public Func<bool> HeadTest(long partStart) => () => Interlocked.Read(ref _written) >= partStart;

        /// <summary>A block for a part at once, when the pool allows (no allocation).</summary>
        public bool TryRent(Func<bool> isHead, out Block block) => _pool.TryRent(_account, isHead, out block);

        /// <summary>A block for a part once the pool has one for it; cancelled by the file's stop.</summary>
        public Task<Block> RentAsync(Func<bool> isHead) => _pool.RentAsync(_account, isHead, CancellationToken.None);

        /// <summary>Hands over a filled block (never throws: after the end or a failure the block just goes back).</summary>
        public void Submit(Block block)
        {
            TaskCompletionSource<bool> wake = null;
            lock (_lock)
            {
                if (!_ended && !_blocks.ContainsKey(block.Offset))
                {
                    _blocks.Add(block.Offset, block);
                    if (block.Offset == _written) { wake = _wake; _wake = null; }
                    block = null;
                }
            }
            if (block != null) _pool.Return(block);
            wake?.TrySetResult(true);
        }

        /// <summary>Gives back a block that received nothing.</summary>
        public void Release(Block block) => _pool.Return(block);

        /// <summary>
        /// Starts the file over from byte 0 (a server that ignores ranges answered the whole object): waits for the write in
        /// progress, drops the blocks not yet written, empties the file and the checks.
        /// </summary>
        public async Task RestartAsync()
        {
            await _io.WaitAsync().ConfigureAwait(false);
            List<Block> dropped;
            try
            {
                lock (_lock)
                {
                    dropped = new List<Block>(_blocks.Values);
                    _blocks.Clear();
                    _file.Truncate();
                    Interlocked.Exchange(ref _written, 0);
                    _crc = 0;
                    _hash?.Dispose();
                    _hash = _sha ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
                }
            }
            finally
            {
                _io.Release();
            }
            foreach (Block b in dropped) _pool.Return(b);
        }

        /// <summary>
        /// Writes every block that continues the file, then stops and gives the others back. Throws the write failure, if
        /// there was one.
        /// </summary>
        public async Task CompleteAsync()
        {
            TaskCompletionSource<bool> wake;
            lock (_lock)
            {
                _completing = true;
                wake = _wake;
                _wake = null;
            }
            wake?.TrySetResult(true);
            try
            {
                if (_loop != null) await _loop.ConfigureAwait(false);
            }
            finally
            {
                List<Block> rest;
                lock (_lock)
                {
                    _ended = true;
                    rest = new List<Block>(_blocks.Values);
                    _blocks.Clear();
                }
                foreach (Block b in rest) _pool.Return(b);
                _pool.Close(_account);
                _pool.Poke();
            }
            if (_failure != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(_failure).Throw();
        }

        /// <summary>The SHA256 of everything written (uppercase hex); null unless asked for.</summary>
        public string Sha256()
        {
            if (_hash == null) return null;
            string hex = HexText.Upper(_hash.GetHashAndReset());
            _hash.Dispose();
            _hash = null;
            return hex;
        }

        private async Task RunAsync()
        {
            var clock = _writeBytesPerSecond > 0 ? System.Diagnostics.Stopwatch.StartNew() : null;
            long paced = 0;
            try
            {
                while (true)
                {
                    Block next = null;
                    Task wait = null;
                    await _io.WaitAsync().ConfigureAwait(false);
                    try
                    {
                        lock (_lock)
                        {
                            if (_blocks.TryGetValue(_written, out next)) _blocks.Remove(_written);
                            else if (_completing) return;
                            else wait = (_wake = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
                        }
                        if (next != null)
                        {
                            _file.Write(next.Data, 0, next.Length);
                            if (_checksum) _crc = Crc64.Combine(_crc, next.Crc, next.Length);
                            _hash?.AppendData(next.Data, 0, next.Length);
                            Interlocked.Add(ref _written, next.Length);
                        }
                    }
                    finally
                    {
                        _io.Release();
                    }
                    if (next == null)
                    {
                        await wait.ConfigureAwait(false);
                        continue;
                    }
                    int length = next.Length;
                    _pool.Return(next); // after the file moved on: the pool sees the new head
                    _pool.Tidy();
                    if (clock != null)
                    {
                        // A simulated slow disk (tests and benchmarks): this many bytes per second at most.
                        paced += length;
                        TimeSpan due = TimeSpan.FromSeconds((double)paced / _writeBytesPerSecond) - clock.Elapsed;
                        if (due > TimeSpan.Zero) await _timing.Delay(due, CancellationToken.None).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception e)
            {
                Volatile.Write(ref _failure, e);
                lock (_lock) _ended = true;
                _onFailure?.Invoke();
            }
        }
    }
}
