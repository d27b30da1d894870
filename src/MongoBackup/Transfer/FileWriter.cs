using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Client;

namespace MongoBackup.Transfer
{
    /// <summary>
    /// Writes one file's blocks to its .partial strictly in order. A block is written when it starts where the file ends;
    /// blocks that came early wait, keyed by offset. Whoever hands over the block the file waits for writes it at once,
    /// with every waiting block that follows, on its own thread (no hand-off to another task: on a download that is
    /// mostly one connection, the fetcher of the head writes as curl does, read then write), while the fetchers of later
    /// parts just leave their blocks and go on reading. Each block goes back to the <see cref="BufferPool"/> as soon as it
    /// is written: that return is what lets the fetchers go on. The file's CRC64 is the blocks' CRCs (computed by the
    /// fetchers as the bytes arrived) combined in order; the SHA256, when asked for, is fed here.
    /// <see cref="CompleteAsync"/> writes what is contiguous and stops: after a failure or a cancellation that keeps the
    /// longest prefix received, so a resume loses as little as possible.
    /// </summary>
    internal sealed class FileWriter
    {
        private readonly PartialFile _file;
        private readonly BufferPool _pool;
        private readonly PoolAccount _account;
        private readonly bool _checksum;
        private readonly bool _sha;
        private readonly long _writeBytesPerSecond;
        private readonly Action _onFailure;
        private readonly bool _writeback;
        private readonly object _lock = new object();
        private readonly Dictionary<long, Block> _blocks = new Dictionary<long, Block>();
        private IncrementalHash _hash;
        private Stopwatch _pace;
        private long _paced;
        private long _written;
        private ulong _crc;
        private bool _draining;
        private bool _ended;
        private Exception _failure;

        public FileWriter(PartialFile file, BufferPool pool, bool checksum, bool sha, long writeBytesPerSecond, Action onFailure, CancellationToken stop, bool writeback = true)
        {
            _writeback = writeback;
            _file = file;
            _pool = pool;
            _account = pool.Open(stop);
            _checksum = checksum;
            _sha = sha;
            _writeBytesPerSecond = writeBytesPerSecond;
            _onFailure = onFailure;
            _hash = sha ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
            _written = file.Length;
        }

        /// <summary>Where the file ends: every byte before it is written (in the page cache until <see cref="PartialFile.Flush"/>).</summary>
        public long Written => Interlocked.Read(ref _written);

        /// <summary>The CRC64 of the bytes written (and of the prefix fed by <see cref="Consume"/>).</summary>
        public ulong Crc => _crc;

        /// <summary>The write failure that stopped the writer, if any.</summary>
        public Exception Failure => Volatile.Read(ref _failure);

        public BufferPool Pool => _pool;

        /// <summary>Stops every fetch of the file (a part failed): the file's stop token is cancelled.</summary>
        public void StopFile() => _onFailure?.Invoke();

        /// <summary>Feeds bytes already in the file (a resumed prefix) to the CRC and the hash, before any block.</summary>
        public void Consume(byte[] data, int offset, int count)
        {
            if (_checksum) _crc = Crc64.Append(_crc, data, offset, count);
            _hash?.AppendData(data, offset, count);
        }

        /// <summary>
        /// Whether the part that starts at <paramref name="partStart"/> is the head: the file has reached its start, so it
        /// draws on the reserve; a part further ahead waits while the others' blocks fill the pool.
        /// </summary>
        public Func<bool> HeadTest(long partStart) => () => Interlocked.Read(ref _written) >= partStart;

        /// <summary>A block for a part at once, when the pool allows (no allocation).</summary>
        public bool TryRent(Func<bool> isHead, out Block block) => _pool.TryRent(_account, isHead, out block);

        /// <summary>A block for a part once the pool has one for it; cancelled by the file's stop.</summary>
        public Task<Block> RentAsync(Func<bool> isHead) => _pool.RentAsync(_account, isHead, CancellationToken.None);

        /// <summary>
        /// Hands over a filled block; if the file waits for it, writes it (and what follows) now, on this thread. Never
        /// throws: a write failure is kept in <see cref="Failure"/> and stops the file's fetchers; after the end or a
        /// failure the block just goes back to the pool.
        /// </summary>
        public void Submit(Block block)
        {
            Block unwanted = null;
            lock (_lock)
            {
                if (_ended || _blocks.ContainsKey(block.Offset))
                {
                    unwanted = block; // the writer ended (or a duplicate): back to the pool
                }
                else
                {
                    _blocks.Add(block.Offset, block);
                    if (_draining || block.Offset != _written) return;
                    _draining = true;
                }
            }
            if (unwanted != null) _pool.Return(unwanted);
            else Drain();
        }

        /// <summary>Gives back a block that received nothing.</summary>
        public void Release(Block block) => _pool.Return(block);

        /// <summary>
        /// Starts the file over from byte 0 (a server that ignores ranges answered the whole object): drops the blocks not
        /// yet written, empties the file and the checks. Called by the only fetcher of a single-stream download, between
        /// its submissions, so no write is in progress.
        /// </summary>
        public Task RestartAsync()
        {
            List<Block> dropped;
            lock (_lock)
            {
                if (_draining) throw new InvalidOperationException("A restart while blocks are being written.");
                dropped = new List<Block>(_blocks.Values);
                _blocks.Clear();
                _file.Truncate();
                Interlocked.Exchange(ref _written, 0);
                _crc = 0;
                _hash?.Dispose();
                _hash = _sha ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
            }
            foreach (Block b in dropped) _pool.Return(b);
            return Task.CompletedTask;
        }

        /// <summary>
        /// Writes every block that continues the file, then stops and gives the others back. Throws the write failure, if
        /// there was one. Called once every fetcher of the file has stopped.
        /// </summary>
        public Task CompleteAsync()
        {
            bool drain;
            lock (_lock)
            {
                drain = !_ended && !_draining && _blocks.ContainsKey(_written);
                if (drain) _draining = true;
            }
            if (drain) Drain();
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
            if (_failure != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(_failure).Throw();
            return Task.CompletedTask;
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

        /// <summary>Writes the waiting blocks that continue the file, in order, until the next one is not there yet.</summary>
        private void Drain()
        {
            while (true)
            {
                Block next;
                lock (_lock)
                {
                    if (_ended || !_blocks.TryGetValue(_written, out next))
                    {
                        _draining = false;
                        return;
                    }
                    _blocks.Remove(_written);
                }
                try
                {
                    _file.Write(next.Data, 0, next.Length);
                    if (_checksum) _crc = Crc64.Combine(_crc, next.Crc, next.Length);
                    _hash?.AppendData(next.Data, 0, next.Length);
                    long end = Interlocked.Add(ref _written, next.Length);
                    if (_writeback) _file.StartWriteback(end);
                }
                catch (Exception e)
                {
                    Fail(e);
                    _pool.Return(next);
                    return;
                }
                int length = next.Length;
                _pool.Return(next); // after the file moved on: the pool sees the new head
                _pool.Tidy();
                if (_writeBytesPerSecond > 0) Pace(length);
            }
        }

        private void Fail(Exception e)
        {
            Volatile.Write(ref _failure, e);
            lock (_lock)
            {
                _ended = true;
                _draining = false;
            }
            _onFailure?.Invoke();
        }

        /// <summary>A simulated slow disk (tests and benchmarks): no more than the set bytes per second are written.</summary>
        private void Pace(int length)
        {
            if (_pace == null) _pace = Stopwatch.StartNew();
            _paced += length;
            TimeSpan due = TimeSpan.FromSeconds((double)_paced / _writeBytesPerSecond) - _pace.Elapsed;
            if (due > TimeSpan.Zero) Thread.Sleep(due);
        }
    }
}
