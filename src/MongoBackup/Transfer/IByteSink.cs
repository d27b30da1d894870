using System.Threading.Tasks;

namespace MongoBackup.Transfer
{
    /// <summary>Where a ranged fetch puts the bytes it receives, in order.</summary>
    internal interface IByteSink
    {
        Task WriteAsync(byte[] buffer, int offset, int count);

        /// <summary>True when the sink can start over from byte 0 (a server that ignores Range answers 200).</summary>
        bool CanRestart { get; }

        void Restart();
    }

    /// <summary>One part of a multipart download, held in memory until the in-order writer takes it.</summary>
    internal sealed class ChunkBuffer : IByteSink
    {
        public ChunkBuffer(int index, long start, byte[] buffer, int length)
        {
            Index = index;
            Start = start;
            Buffer = buffer;
            Length = length;
        }

        public int Index { get; }
        public long Start { get; }
        public byte[] Buffer { get; }
        public int Length { get; }

        /// <summary>Bytes received so far (the first <see cref="Received"/> bytes of the part).</summary>
        public int Received { get; private set; }

        public bool CanRestart => false;

        public Task WriteAsync(byte[] buffer, int offset, int count)
        {
            System.Buffer.BlockCopy(buffer, offset, Buffer, Received, count);
            Received += count;
            return Task.CompletedTask;
        }

        public void Restart() => throw new System.NotSupportedException("A part cannot restart.");
    }
}
