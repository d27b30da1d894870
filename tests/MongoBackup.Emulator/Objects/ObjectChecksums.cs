using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace MongoBackup.Emulator.Objects;

/// <summary>The CRC64 that COS keeps per object and answers as <c>x-cos-hash-crc64ecma</c> (a decimal unsigned 64-bit
/// number): CRC-64/XZ (ECMA-182 polynomial, reflected, init and xorout all ones; "123456789" → 0x995DC9BBDF1939FA) of the
/// generated content. Computed once per object, on its first request, and cached (a 1 GiB object takes about a second).
/// The emulator's own slicing-by-8 code, independent of the module's, so each checks the other.</summary>
public sealed class ObjectChecksums
{
    private const ulong Reflected = 0xC96C5795D7870F42UL;
    private static readonly ulong[][] Table = BuildTable();
    private readonly ConcurrentDictionary<(ulong Seed, long Size), Lazy<Task<ulong>>> cache = new();

    public Task<ulong> Crc64Async(ulong seed, long size) =>
        cache.GetOrAdd((seed, size), key => new Lazy<Task<ulong>>(() => Task.Run(() => Compute(key.Seed, key.Size)))).Value;

    public static ulong Compute(ulong seed, long size)
    {
        var block = new byte[ObjectContent.BlockSize];
        ulong crc = 0;
        for (long index = 0, offset = 0; offset < size; index++, offset += ObjectContent.BlockSize)
        {
            ObjectContent.FillBlock(seed, index, block);
            crc = Update(crc, block.AsSpan(0, (int)Math.Min(ObjectContent.BlockSize, size - offset)));
        }
        return crc;
    }

    public static ulong Update(ulong crc, ReadOnlySpan<byte> data)
    {
        crc = ~crc;
        var t = Table;
        while (data.Length >= 8)
        {
            var word = crc ^ MemoryMarshal.Read<ulong>(data);
            if (!BitConverter.IsLittleEndian) word = crc ^ System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(MemoryMarshal.Read<ulong>(data));
            crc = t[7][word & 0xFF] ^ t[6][(word >> 8) & 0xFF] ^ t[5][(word >> 16) & 0xFF] ^ t[4][(word >> 24) & 0xFF]
                ^ t[3][(word >> 32) & 0xFF] ^ t[2][(word >> 40) & 0xFF] ^ t[1][(word >> 48) & 0xFF] ^ t[0][word >> 56];
            data = data[8..];
        }
        foreach (var b in data) crc = t[0][(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    private static ulong[][] BuildTable()
    {
        var t = new ulong[8][];
        for (var k = 0; k < 8; k++) t[k] = new ulong[256];
        for (var n = 0; n < 256; n++)
        {
            var c = (ulong)n;
            for (var i = 0; i < 8; i++) c = (c & 1) == 1 ? Reflected ^ (c >> 1) : c >> 1;
            t[0][n] = c;
        }
        for (var n = 0; n < 256; n++)
            for (var k = 1; k < 8; k++)
                t[k][n] = t[0][t[k - 1][n] & 0xFF] ^ (t[k - 1][n] >> 8);
        return t;
    }
}
