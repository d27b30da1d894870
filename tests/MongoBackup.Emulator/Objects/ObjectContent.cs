using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace MongoBackup.Emulator.Objects;

/// <summary>Deterministic pseudo-random file content, generated per 64 KiB block from (seed, block index) with
/// SplitMix64: any byte range can be produced on the fly, nothing is stored.</summary>
public static class ObjectContent
{
    public const int BlockSize = 64 * 1024;

    /// <summary>Fills <paramref name="block"/> (BlockSize bytes) with block number <paramref name="index"/>.</summary>
    public static void FillBlock(ulong seed, long index, Span<byte> block)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(block[..BlockSize]);
        var state = seed ^ ((ulong)index * 0xD1B54A32D192ED03UL);
        for (var i = 0; i < words.Length; i++)
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            words[i] = BitConverter.IsLittleEndian ? z ^ (z >> 31) : System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(z ^ (z >> 31));
        }
    }

    /// <summary>SHA-256 of the whole content of <paramref name="size"/> bytes.</summary>
    public static byte[] Sha256(ulong seed, long size)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var block = new byte[BlockSize];
        for (long index = 0, offset = 0; offset < size; index++, offset += BlockSize)
        {
            FillBlock(seed, index, block);
            hash.AppendData(block, 0, (int)Math.Min(BlockSize, size - offset));
        }
        return hash.GetHashAndReset();
    }
}
