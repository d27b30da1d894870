using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MongoBackup.Transfer
{
    /// <summary>A piece of a file in memory: bytes [Offset, Offset + Length) of the object, and their CRC64.</summary>
    internal sealed class Block
    {
        internal Block(byte[] data) { Data = data; }

        public byte[] Data { get; }

        /// <summary>The object offset of <c>Data[0]</c>.</summary>
        public long Offset { get; set; }

        /// <summary>Bytes filled.</summary>
        public int Length { get; set; }

        /// <summary>CRC64 of the filled bytes, once computed.</summary>
        public ulong Crc { get; set; }

        public int Room => Data.Length - Length;

        public long End => Offset + Length;

        /// <summary>Rented against its file's head reserve (see <see cref="BufferPool"/>).</summary>
        internal bool Head { get; set; }

        internal PoolAccount Account { get; set; }
    }

    /// <summary>One file's share of the pool: how many head blocks it holds, and the token that stops its waits.</summary>
    internal sealed class PoolAccount
    {
        internal PoolAccount(BufferPool pool, CancellationToken token)
        {
            Pool = pool;
            Token = token;
        }

        public BufferPool Pool { get; }

        /// <summary>Cancels every wait of this file (one registration for them all).</summary>
        public CancellationToken Token { get; }

        internal CancellationTokenRegistration Registration { get; set; }

        internal int HeadInUse { get; set; }

        internal bool Closed { get; set; }
    }

    /// <summary>
    /// The bounded memory of a download command: every file and every connection of one Save-MongoBackupFile takes its
    /// buffers here, so the bytes held in memory never exceed <see cref="Capacity"/> blocks, whatever the number of files,
    /// connections, the file sizes or the speed of the disk. A fetcher that finds no block waits (it stops reading its
    /// connection, and TCP makes the server wait): that is the backpressure from the writers, which return each block as
    /// soon as it is on disk.
    /// <para>
    /// Files are written in order (a .partial is always a prefix of the object), so the part at a file's write position,
    /// its head, must always be able to go on, or blocks held by later parts would never be written: a deadlock. Hence the
    /// reserve: a head may hold up to <see cref="HeadBlocksPerFile"/> blocks from a reserve of that many per file the
    /// command may download at once, and other parts share only what is left of the capacity. A part waiting for a block
    /// that becomes its file's head is served from the reserve.
    /// </para>
    /// </summary>
    internal sealed class BufferPool
    {
        /// <summary>Blocks a file's head part may hold at once: one being filled, others being written.</summary>
        public const int HeadBlocksPerFile = 2;

        private readonly object _lock = new object();
        private readonly Stack<Block> _free = new Stack<Block>();
        private Waiter _first;
        private Waiter _last;
        private readonly int _aheadCapacity;
        private int _allocated;
        private int _inUse;
        private int _aheadInUse;
        private int _peakInUse;
        private int _accounts;

        /// <param name="blockSize">Bytes per block.</param>
        /// <param name="budgetBytes">The memory for blocks; raised when it cannot hold the reserve and one more block.</param>
        /// <param name="files">How many files may download at once (the reserve holds a head's blocks for each).</param>
        public BufferPool(int blockSize, long budgetBytes, int files)
        {
            if (blockSize < 1) throw new ArgumentOutOfRangeException(nameof(blockSize));
            if (files < 1) throw new ArgumentOutOfRangeException(nameof(files));
            BlockSize = blockSize;
            Reserve = HeadBlocksPerFile * files;
            Capacity = (int)Math.Max(Reserve + 1, Math.Min(int.MaxValue, budgetBytes / blockSize));
            _aheadCapacity = Capacity - Reserve;
        }

        public int BlockSize { get; }

        /// <summary>The most blocks that ever exist.</summary>
        public int Capacity { get; }

        /// <summary>Blocks kept for the files' heads.</summary>
        public int Reserve { get; }

        /// <summary>Blocks the parts ahead of their file's head may share.</summary>
        public int AheadCapacity => _aheadCapacity;

        /// <summary>The most blocks ever rented at once.</summary>
        public int PeakInUse
        {
            get { lock (_lock) return _peakInUse; }
        }

        public int InUse
        {
            get { lock (_lock) return _inUse; }
        }

        /// <summary>Blocks allocated so far (they are kept for reuse).</summary>
        public int Allocated
        {
            get { lock (_lock) return _allocated; }
        }

        /// <summary>Files with an open account.</summary>
        public int OpenAccounts
        {
            get { lock (_lock) return _accounts; }
        }

        /// <summary>An account for one file; <paramref name="token"/> (the file's stop) cancels its waits.</summary>
        public PoolAccount Open(CancellationToken token = default)
        {
            var account = new PoolAccount(this, token);
            lock (_lock) _accounts++;
            if (token.CanBeCanceled) account.Registration = token.Register(() => CancelWaitsOf(account));
            return account;
        }

        public void Close(PoolAccount account)
        {
            lock (_lock)
            {
                if (account.Closed) return;
                account.Closed = true;
                _accounts--;
            }
            account.Registration.Dispose();
        }

        /// <summary>A block at once if the rules allow one now (no allocation), else false: then wait with <see cref="RentAsync"/>.</summary>
        public bool TryRent(PoolAccount account, Func<bool> isHead, out Block block)
        {
            lock (_lock)
            {
                block = _first == null ? TryTake(account, isHead()) : null;
                return block != null;
            }
        }

        /// <summary>
        /// A block for <paramref name="account"/>'s part, waiting (cancellably) until one is free for it. <paramref name="isHead"/>
        /// tells, each time the pool looks, whether the part is its file's head; it is called under the pool's lock and must
        /// only read.
        /// </summary>
        public Task<Block> RentAsync(PoolAccount account, Func<bool> isHead, CancellationToken token)
        {
            token.ThrowIfCancellationRequested();
            if (account.Token.IsCancellationRequested) throw new OperationCanceledException(account.Token);
            Waiter waiter;
            lock (_lock)
            {
                if (_first == null)
                {
                    Block block = TryTake(account, isHead());
                    if (block != null) return Task.FromResult(block);
                }
                waiter = new Waiter(account, isHead);
                Append(waiter);
                // The account's token is registered once for all its waits; another token needs its own registration
                // (made under the lock, so a grant never sees the waiter without it; the lock is re-entrant if the token is
                // already cancelled and the callback runs at once).
                if (token.CanBeCanceled && token != account.Token) waiter.Registration = token.Register(() => Cancel(waiter, token));
            }
            // Others may be waiting ahead of this one, but this one may fit now (a head, say).
            Grant();
            return waiter.Signal.Task;
        }

        /// <summary>Gives a block back (its bytes are written, or no longer wanted) and serves the waiters it unblocks.</summary>
        public void Return(Block block)
        {
            if (block == null) return;
            lock (_lock)
            {
                _inUse--;
                if (block.Head) block.Account.HeadInUse--;
                else _aheadInUse--;
                block.Account = null;
                block.Length = 0;
                block.Crc = 0;
                _free.Push(block);
            }
            Grant();
        }

        /// <summary>
        /// Keeps the garbage of a long download (HTTP requests and answers, tasks) from growing the heap: when the managed
        /// heap has grown by <see cref="TidyBytes"/> since the last look, a gen-0 collection (a fraction of a millisecond,
        /// since a download keeps little alive) recycles the same few megabytes instead of letting the collector's gen-0
        /// budget, tens of megabytes on a machine with a large cache, become resident memory. Called after each block
        /// written; the check itself is one cheap read.
        /// </summary>
        public void Tidy()
        {
            long now = GC.GetTotalMemory(false);
            long last = Interlocked.Read(ref _tidyMark);
            if (now < last) Interlocked.CompareExchange(ref _tidyMark, now, last);
            else if (now - last > TidyBytes && Interlocked.CompareExchange(ref _tidyMark, long.MaxValue, last) == last)
            {
                GC.Collect(0, GCCollectionMode.Forced, blocking: true);
                Interlocked.Exchange(ref _tidyMark, GC.GetTotalMemory(false));
                Interlocked.Increment(ref _tidyCount);
            }
        }

        /// <summary>Heap growth that makes <see cref="Tidy"/> collect.</summary>
        public const long TidyBytes = 2L * 1024 * 1024;

        /// <summary>Collections <see cref="Tidy"/> made.</summary>
        public int TidyCount => Volatile.Read(ref _tidyCount);

        private long _tidyMark = GC.GetTotalMemory(false);
        private int _tidyCount;

        /// <summary>Serves the waiters that can be served now (a head moved, a block came back).</summary>
        public void Poke() => Grant();

        /// <summary>
        /// The size of the next ranged part of a file fetched over <paramref name="connections"/> connections, so that every
        /// connection keeps receiving while the head is written: the parts ahead of the heads share the memory beyond the
        /// reserve. With the connections staggered (each takes the next part when it finishes one, so their progress through
        /// their parts is spread evenly), the parts ahead of one head hold about (connections - 1) / 2 parts' worth of
        /// bytes. Whole blocks, between one block and <paramref name="largest"/>.
        /// </summary>
        public long PartSize(int connections, long largest)
        {
            int files;
            lock (_lock) files = Math.Max(1, _accounts);
            double ahead = Math.Max(1.0, (connections - 1) / 2.0);
            long share = (long)(_aheadCapacity * (double)BlockSize / (files * ahead));
            long size = Math.Max(BlockSize, share / BlockSize * BlockSize);
            return Math.Max(1, Math.Min(largest, size));
        }

        private void Grant()
        {
            Waiter served = null;
            lock (_lock)
            {
                for (Waiter w = _first; w != null;)
                {
                    Waiter next = w.Next;
                    Block block = TryTake(w.Account, w.IsHead());
                    if (block != null)
                    {
                        Unlink(w);
                        w.Block = block;
                        w.Next = served; // the served ones, chained (no list to allocate)
                        served = w;
                    }
                    else if (_inUse >= Capacity)
                    {
                        break;
                    }
                    w = next;
                }
            }
            while (served != null)
            {
                Waiter w = served;
                served = w.Next;
                w.Registration.Dispose();
                w.Signal.TrySetResult(w.Block);
            }
        }

        private void Append(Waiter w)
        {
            w.Linked = true;
            w.Prev = _last;
            w.Next = null;
            if (_last != null) _last.Next = w;
            else _first = w;
            _last = w;
        }

        private void Unlink(Waiter w)
        {
            if (w.Prev != null) w.Prev.Next = w.Next;
            else _first = w.Next;
            if (w.Next != null) w.Next.Prev = w.Prev;
            else _last = w.Prev;
            w.Prev = w.Next = null;
            w.Linked = false;
        }

        private void CancelWaitsOf(PoolAccount account)
        {
            Waiter cancelled = null;
            lock (_lock)
            {
                for (Waiter w = _first; w != null;)
                {
                    Waiter next = w.Next;
                    if (w.Account == account)
                    {
                        Unlink(w);
                        w.Next = cancelled;
                        cancelled = w;
                    }
                    w = next;
                }
            }
            while (cancelled != null)
            {
                Waiter w = cancelled;
                cancelled = w.Next;
                w.Registration.Dispose();
                w.Signal.TrySetCanceled(account.Token);
            }
        }

        /// <summary>Under the lock: a block if the rules allow one now.</summary>
        private Block TryTake(PoolAccount account, bool head)
        {
            if (_inUse >= Capacity) return null;
            if (head ? account.HeadInUse >= HeadBlocksPerFile : _aheadInUse >= _aheadCapacity) return null;
            Block block = _free.Count > 0 ? _free.Pop() : null;
            if (block == null)
            {
                block = new Block(new byte[BlockSize]);
                _allocated++;
            }
            _inUse++;
            if (_inUse > _peakInUse) _peakInUse = _inUse;
            if (head) account.HeadInUse++;
            else _aheadInUse++;
            block.Head = head;
            block.Account = account;
            block.Length = 0;
            block.Offset = 0;
            return block;
        }

        private void Cancel(Waiter waiter, CancellationToken token)
        {
            lock (_lock)
            {
                if (!waiter.Linked) return; // already served: the caller gets (and returns) the block
                Unlink(waiter);
            }
            waiter.Signal.TrySetCanceled(token);
        }

        private sealed class Waiter
        {
            public Waiter(PoolAccount account, Func<bool> isHead)
            {
                Account = account;
                IsHead = isHead;
            }

            public PoolAccount Account { get; }
            public Func<bool> IsHead { get; }
            public TaskCompletionSource<Block> Signal { get; } = new TaskCompletionSource<Block>(TaskCreationOptions.RunContinuationsAsynchronously);
            public Waiter Prev;
            public Waiter Next;
            public bool Linked;
            public CancellationTokenRegistration Registration;
            public Block Block;
        }
    }
}
