using System;
using System.Text;
using MongoBackup.Transfer;
using Xunit;

namespace MongoBackup.Tests.Transfer
{
    /// <summary>The module's CRC-64/XZ against the standard check value, a bit-by-bit reference, and its own combine.</summary>
    public class Crc64Tests
    {
        /// <summary>The textbook bitwise CRC-64/XZ, sharing nothing with the module's tables.</summary>
        private static ulong Reference(byte[] data, int offset, int count)
        {
            ulong crc = ulong.MaxValue;
            for (int i = offset; i < offset + count; i++)
            {
                crc ^= data[i];
                for (int bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xC96C5795D7870F42UL : crc >> 1;
            }
            return ~crc;
        }

        [Fact]
        public void CheckValueOf123456789()
        {
            byte[] check = Encoding.ASCII.GetBytes("123456789");
            Assert.Equal(0x995DC9BBDF1939FAUL, Crc64.Compute(check, 0, check.Length));
            Assert.Equal(0x995DC9BBDF1939FAUL, Reference(check, 0, check.Length));
        }

        [Fact]
        public void EmptyIsZeroAndAppendingNothingChangesNothing()
        {
            Assert.Equal(0UL, Crc64.Compute(new byte[0], 0, 0));
            Assert.Equal(0x1234UL, Crc64.Append(0x1234UL, new byte[3], 1, 0));
            Assert.Equal(0x1234UL, Crc64.Combine(0x1234UL, 0, 0));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(15)]
        [InlineData(16)]
        [InlineData(17)]
        [InlineData(255)]
        [InlineData(100_003)]
        public void TablesAgreeWithTheBitwiseReferenceAtEveryLengthAndAlignment(int length)
        {
            var data = new byte[length + 7];
            new Random(length).NextBytes(data);
            for (int offset = 0; offset < 7; offset++)
                Assert.Equal(Reference(data, offset, length), Crc64.Compute(data, offset, length));
        }

        [Fact]
        public void AppendingInPiecesIsTheWhole()
        {
            var data = new byte[70_000];
            new Random(7).NextBytes(data);
            ulong whole = Crc64.Compute(data, 0, data.Length);
            ulong pieces = 0;
            for (int at = 0; at < data.Length; at += 4099) pieces = Crc64.Append(pieces, data, at, Math.Min(4099, data.Length - at));
            Assert.Equal(whole, pieces);
        }

        [Fact]
        public void CombiningTwoPartsIsTheWhole()
        {
            var data = new byte[1 << 20];
            new Random(11).NextBytes(data);
            ulong whole = Crc64.Compute(data, 0, data.Length);
            foreach (int split in new[] { 0, 1, 7, 8, 4096, 262_144, (1 << 20) - 1, 1 << 20 })
            {
                ulong a = Crc64.Compute(data, 0, split), b = Crc64.Compute(data, split, data.Length - split);
                Assert.Equal(whole, Crc64.Combine(a, b, data.Length - split));
            }
        }

        [Fact]
        public void CombiningRandomSplitsInOrderIsTheWhole()
        {
            var random = new Random(20190725);
            for (int round = 0; round < 50; round++)
            {
                var data = new byte[random.Next(1, 300_000)];
                random.NextBytes(data);
                ulong expected = Reference(data, 0, data.Length);
                ulong combined = 0;
                int at = 0;
                while (at < data.Length)
                {
                    int length = Math.Min(data.Length - at, random.Next(0, 40_000));
                    combined = Crc64.Combine(combined, Crc64.Compute(data, at, length), length);
                    at += length;
                }
                Assert.Equal(expected, combined);
            }
        }

        [Fact]
        public void CombineHandlesPartsOfManyGigabytes()
        {
            // x^(8n) for a large n through the doubling table equals appending the zero bytes one block at a time.
            var zeros = new byte[1 << 20];
            ulong crcOfZeros = 0;
            for (int i = 0; i < 64; i++) crcOfZeros = Crc64.Append(crcOfZeros, zeros, 0, zeros.Length);
            ulong a = 0xDEADBEEFCAFEF00DUL;
            ulong appended = a;
            for (int i = 0; i < 64; i++) appended = Crc64.Append(appended, zeros, 0, zeros.Length);
            Assert.Equal(appended, Crc64.Combine(a, crcOfZeros, 64L << 20));
        }

        [Fact]
        public void ArgumentsAreChecked()
        {
            Assert.Throws<ArgumentNullException>(() => Crc64.Compute(null, 0, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => Crc64.Compute(new byte[4], 2, 3));
            Assert.Throws<ArgumentOutOfRangeException>(() => Crc64.Combine(0, 0, -1));
        }
    }
}
