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

    /// <summary>One file's share of the pool: how many head blocks it holds.</summary>
    internal sealed class PoolAccount
    {
        internal PoolAccount(BufferPool pool) { Pool = pool; }

        public BufferPool Pool { get; }

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
        public const int HeadBlocksPerFile = 4;

        private readonly object _lock = new object();
        private readonly Stack<Block> _free = new Stack<Block>();
        private readonly LinkedList<Waiter> _waiters = new LinkedList<Waiter>();
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

        public PoolAccount Open()
        {
            lock (_lock) _accounts++;
            return new PoolAccount(this);
        }

        public void Close(PoolAccount account)
        {
            lock (_lock)
            {
                if (account.Closed) return;
                account.Closed = true;
                _accounts--;
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
            Waiter waiter;
            lock (_lock)
            {
                if (_waiters.Count == 0)
                {
                    Block block = TryTake(account, isHead());
                    if (block != null) return Task.FromResult(block);
                }
                waiter = new Waiter(account, isHead);
                waiter.Node = _waiters.AddLast(waiter);
                // Under the lock, so a grant never sees the waiter without its registration (the lock is re-entrant
                // if the token is already cancelled and the callback runs at once).
                if (token.CanBeCanceled) waiter.Registration = token.Register(() => Cancel(waiter, token));
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

        /// <summary>Serves the waiters that can be served now (a head moved, a block came back).</summary>
        public void Poke() => Grant();

        /// <summary>
        /// The size of the next ranged part of a file fetched over <paramref name="connections"/> connections: the parts ahead
        /// of the head, (connections - 1) of them per open file, share the memory left beyond the reserve, so every
        /// connection keeps receiving while the head is written. Whole blocks, between one block and <paramref name="largest"/>.
        /// </summary>
        public long PartSize(int connections, long largest)
        {
            int files;
            lock (_lock) files = Math.Max(1, _accounts);
            long share = (long)_aheadCapacity * BlockSize / ((long)files * Math.Max(1, connections - 1));
            long size = Math.Max(BlockSize, share / BlockSize * BlockSize);
            return Math.Max(1, Math.Min(largest, size));
        }

        private void Grant()
        {
            List<Waiter> served = null;
            lock (_lock)
            {
                for (LinkedListNode<Waiter> node = _waiters.First; node != null;)
                {
                    LinkedListNode<Waiter> next = node.Next;
                    Waiter w = node.Value;
                    Block block = TryTake(w.Account, w.IsHead());
                    if (block != null)
                    {
                        _waiters.Remove(node);
                        w.Block = block;
                        (served ?? (served = new List<Waiter>())).Add(w);
                    }
                    else if (_inUse >= Capacity)
                    {
                        break;
                    }
                    node = next;
                }
            }
            if (served == null) return;
            foreach (Waiter w in served)
            {
                w.Registration.Dispose();
                w.Signal.TrySetResult(w.Block);
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
                if (waiter.Node.List == null) return; // already served: the caller gets (and returns) the block
                _waiters.Remove(waiter.Node);
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
            public LinkedListNode<Waiter> Node { get; set; }
            public CancellationTokenRegistration Registration { get; set; }
            public Block Block { get; set; }
        }
    }
}
