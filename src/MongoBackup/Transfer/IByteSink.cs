using System;
using System.Threading.Tasks;

namespace MongoBackup.Transfer
{
    /// <summary>Where a ranged fetch puts the bytes it receives: blocks of one part of a file, in order.</summary>
    internal interface IBlockSink
    {
        /// <summary>An empty block now, when memory allows (no allocation).</summary>
        bool TryRent(out Block block);

        /// <summary>An empty block, once memory allows (the fetcher stops reading until then); cancelled by the file's stop.</summary>
        Task<Block> RentAsync();

        /// <summary>Hands over a block holding bytes [Offset, End) (computes its CRC first when the file is checked).</summary>
        void Submit(Block block);

        /// <summary>Gives back a block that received nothing.</summary>
        void Release(Block block);

        /// <summary>True when the sink can start over from byte 0 (a server that ignores Range answers 200).</summary>
        bool CanRestart { get; }

        Task RestartAsync();
    }

    /// <summary>
    /// One part of a file, [Start, …), fetched over one connection into the file's <see cref="FileWriter"/>: the only part
    /// of a single-stream download (which can restart), or one ranged part of a multipart one (which cannot).
    /// </summary>
    internal sealed class PartSink : IBlockSink
    {
        private readonly FileWriter _writer;
        private readonly bool _checksum;
        private Func<bool> _isHead;

        public PartSink(FileWriter writer, long start, bool checksum, bool canRestart)
        {
            _writer = writer;
            Start = start;
            _checksum = checksum;
            CanRestart = canRestart;
            _isHead = writer.HeadTest(start);
        }

        public long Start { get; private set; }

        public bool CanRestart { get; }

        public bool TryRent(out Block block) => _writer.TryRent(_isHead, out block);

        public Task<Block> RentAsync() => _writer.RentAsync(_isHead);

        public void Submit(Block block)
        {
            // The CRC of each block is taken here, on the fetcher's task, as the bytes arrive; the writer only combines.
            if (_checksum) block.Crc = Crc64.Compute(block.Data, 0, block.Length);
            _writer.Submit(block);
        }

        public void Release(Block block) => _writer.Release(block);

        public async Task RestartAsync()
        {
            if (!CanRestart) throw new System.NotSupportedException("A part cannot restart.");
            await _writer.RestartAsync().ConfigureAwait(false);
            Start = 0;
            _isHead = _writer.HeadTest(0);
        }
    }
}
