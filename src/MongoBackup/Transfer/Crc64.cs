using System;
using System.Runtime.CompilerServices;

namespace MongoBackup.Transfer
{
    /// <summary>
    /// CRC-64/XZ, the CRC64 object storage (COS) keeps for every object and sends as <c>x-cos-hash-crc64ecma</c>: the
    /// ECMA-182 polynomial 0x42F0E1EBA9EA3693, reflected (0xC96C5795D7870F42), input and output reflected, init and xorout
    /// all ones (Go's <c>crc64.ECMA</c> table, the COS SDKs' crc64). The check value of the ASCII bytes "123456789" is
    /// 0x995DC9BBDF1939FA. Values are the finished CRCs (xorout applied), so <c>Append(0, data)</c> is the CRC of
    /// <c>data</c> and <c>Append(Append(0, a), b)</c> that of a followed by b. Slicing-by-16 tables (32 KB, built on first
    /// use) read 16 bytes per step; <see cref="Combine"/> joins the CRCs of consecutive parts without their bytes, so
    /// parts checked as they arrive need no second read. Hand-written: the module ships no other assembly.
    /// </summary>
    internal static class Crc64
    {
        /// <summary>The reflected ECMA-182 polynomial.</summary>
        public const ulong Polynomial = 0xC96C5795D7870F42UL;

        // Table k (k = 0..15) at [k * 256]: the CRC of byte b followed by k zero bytes.
        private static readonly ulong[] Tables = BuildTables();

        // x^(2^n) mod P, in the reflected representation (x^0 is the top bit): the steps of Combine.
        private static readonly ulong[] PowersOfTwo = BuildPowers();

        /// <summary>The CRC of <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        public static ulong Compute(byte[] data, int offset, int count) => Append(0, data, offset, count);

        // MethodImplOptions.AggressiveOptimization (512; not in netstandard2.0's enum, honoured by .NET Core 3.0 and later,
        // ignored by .NET Framework): the loop is compiled fully optimized on its first call instead of running the first
        // megabytes in unoptimized tier-0 code.
        private const MethodImplOptions FullyOptimized = (MethodImplOptions)512;

        /// <summary>The CRC of the bytes whose CRC is <paramref name="crc"/> followed by the given bytes.</summary>
        [MethodImpl(FullyOptimized)]
        public static unsafe ulong Append(ulong crc, byte[] data, int offset, int count)
        {
            if (data == null) throw new ArgumentNullException(nameof(data));
            if (offset < 0 || count < 0 || offset > data.Length - count) throw new ArgumentOutOfRangeException(nameof(count));
            ulong c = ~crc;
            if (count == 0) return crc;
            fixed (byte* start = &data[offset])
            fixed (ulong* t = Tables)
            {
                byte* p = start;
                byte* end = start + count;
                if (BitConverter.IsLittleEndian)
                {
                    while (end - p >= 16)
                    {
                        ulong a = *(ulong*)p ^ c;
                        ulong b = *(ulong*)(p + 8);
                        c = t[15 * 256 + (a & 0xFF)] ^ t[14 * 256 + ((a >> 8) & 0xFF)] ^ t[13 * 256 + ((a >> 16) & 0xFF)] ^ t[12 * 256 + ((a >> 24) & 0xFF)]
                          ^ t[11 * 256 + ((a >> 32) & 0xFF)] ^ t[10 * 256 + ((a >> 40) & 0xFF)] ^ t[9 * 256 + ((a >> 48) & 0xFF)] ^ t[8 * 256 + (a >> 56)]
                          ^ t[7 * 256 + (b & 0xFF)] ^ t[6 * 256 + ((b >> 8) & 0xFF)] ^ t[5 * 256 + ((b >> 16) & 0xFF)] ^ t[4 * 256 + ((b >> 24) & 0xFF)]
                          ^ t[3 * 256 + ((b >> 32) & 0xFF)] ^ t[2 * 256 + ((b >> 40) & 0xFF)] ^ t[256 + ((b >> 48) & 0xFF)] ^ t[b >> 56];
                        p += 16;
                    }
                }
                while (p < end)
                {
                    c = t[(c ^ *p) & 0xFF] ^ (c >> 8);
                    p++;
                }
            }
            return ~c;
        }

        /// <summary>
        /// The CRC of A followed by B from the CRC of A, the CRC of B and B's length (zlib's crc32_combine method:
        /// crc(A·B) = crc(A) × x^(8·len(B)) + crc(B) mod P, with the powers x^(2^n) tabled), in O(log len) steps.
        /// </summary>
        public static ulong Combine(ulong crcA, ulong crcB, long lengthB)
        {
            if (lengthB < 0) throw new ArgumentOutOfRangeException(nameof(lengthB));
            if (lengthB == 0) return crcA;
            return MultiplyModP(XPowerOfEightN(lengthB), crcA) ^ crcB;
        }

        /// <summary>x^(8n) mod P: a shift by n zero bytes.</summary>
        private static ulong XPowerOfEightN(long n)
        {
            ulong p = 1UL << 63; // x^0
            int k = 3;            // 8n = n × 2^3
            while (n != 0)
            {
                if ((n & 1) != 0) p = MultiplyModP(PowersOfTwo[k & 63], p);
                n >>= 1;
                k++;
            }
            return p;
        }

        /// <summary>a × b mod P, both reflected (bit 63 is x^0).</summary>
        private static ulong MultiplyModP(ulong a, ulong b)
        {
            ulong m = 1UL << 63, product = 0;
            while (true)
            {
                if ((a & m) != 0)
                {
                    product ^= b;
                    if ((a & (m - 1)) == 0) return product;
                }
                m >>= 1;
                b = (b & 1) != 0 ? (b >> 1) ^ Polynomial : b >> 1;
            }
        }

        private static ulong[] BuildTables()
        {
            var tables = new ulong[16 * 256];
            for (int b = 0; b < 256; b++)
            {
                ulong c = (ulong)b;
                for (int bit = 0; bit < 8; bit++) c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
                tables[b] = c;
            }
            for (int k = 1; k < 16; k++)
                for (int b = 0; b < 256; b++)
                {
                    ulong previous = tables[(k - 1) * 256 + b];
                    tables[k * 256 + b] = (previous >> 8) ^ tables[previous & 0xFF];
                }
            return tables;
        }

        private static ulong[] BuildPowers()
        {
            var powers = new ulong[64];
            ulong p = 1UL << 62; // x^1
            powers[0] = p;
            for (int n = 1; n < 64; n++) powers[n] = p = MultiplyModP(p, p);
            return powers;
        }
    }
}
