using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Client;
using MongoBackup.Transfer;
using Xunit;

namespace MongoBackup.Tests.Transfer
{
    [Collection("Transfer")]
    public class ChecksumTests : TransferTestBase
    {
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task AFlippedByteIsChecksumMismatchAndLeavesNeitherFileNorPartial(bool multipart)
        {
            long size = multipart ? 3 * 1024 * 1024 + 5 : 700_001;
            var item = Item("flipped.tar", size);
            Store.FlipAt = size / 3;

            var observer = await RunAsync(Multipart(), item);

            var error = observer.SingleFailure();
            Assert.Equal(ErrorCatalog.ChecksumMismatch, error.Code);
            Assert.Equal(FailureCategory.InvalidResult, error.Category);
            byte[] bad = FakeObjectStore.Content(size);
            bad[size / 3] ^= 0xFF;
            Assert.Contains($"CRC64 {Crc64.Compute(bad, 0, bad.Length)}", error.Message);
            Assert.Contains($"CRC64 {FakeObjectStore.Crc64Of(size)}", error.Message);
            Assert.Contains("x-cos-hash-crc64ecma", error.Message);
            Assert.False(File.Exists(item.DestinationPath));
            Assert.False(File.Exists(item.DestinationPath + PartialFile.Suffix));
            Assert.Equal(size, Store.BytesServed); // the file was never read back to be checked
        }

        [Fact]
        public async Task AfterAMismatchTheNextRunStartsOverAndSucceeds()
        {
            long size = 2 * 1024 * 1024;
            var item = Item("again.tar", size);
            Store.FlipAt = 10;
            Assert.Equal(ErrorCatalog.ChecksumMismatch, (await RunAsync(Multipart(), item)).SingleFailure().Code);
            Store.FlipAt = -1;
            var result = (await RunAsync(Multipart(), Item("again.tar", size))).Single();
            Assert.Equal(0, result.ResumedFrom);
            Assert.Equal(FakeObjectStore.Crc64Of(size), result.Crc64);
            AssertContent(item.DestinationPath, size);
        }

        [Fact]
        public async Task ACorruptResumedPrefixIsCaughtByTheOneReadOfThePrefix()
        {
            long size = 900_000;
            var item = Item("bad-prefix.tar", size);
            byte[] prefix = FakeObjectStore.Content(400_000);
            prefix[1234] ^= 1;
            File.WriteAllBytes(item.DestinationPath + PartialFile.Suffix, prefix);

            var observer = await RunAsync(Options(), item);

            Assert.Equal(ErrorCatalog.ChecksumMismatch, observer.SingleFailure().Code);
            Assert.Equal(size - 400_000, Store.BytesServed);
            Assert.False(File.Exists(item.DestinationPath + PartialFile.Suffix));
        }

        [Fact]
        public async Task SkipChecksumDoesNotCheck()
        {
            var item = Item("unchecked.tar", 100_000);
            Store.FlipAt = 5;
            var observer = await RunAsync(Options(o => o.VerifyChecksum = false), item);
            Assert.Null(observer.Single().Crc64);
            Assert.DoesNotContain(observer.Verbose, v => v.Contains("CRC64"));
            Assert.NotEqual(FakeObjectStore.Content(100_000), File.ReadAllBytes(item.DestinationPath));
        }

        [Fact]
        public async Task AMissingHeaderIsSaidOnTheVerboseStreamAndOnlyTheSizeIsChecked()
        {
            Store.SendCrc = false;
            var item = Item("old-object.tar", 300_000);
            var observer = await RunAsync(Options(), item);
            Assert.Null(observer.Single().Crc64);
            Assert.Contains(observer.Verbose, v => v.Contains("sent no x-cos-hash-crc64ecma header") && v.Contains("only the size"));
            AssertContent(item.DestinationPath, 300_000);
        }

        [Fact]
        public async Task AnUnreadableHeaderIsNamedAndNotTrusted()
        {
            Store.CrcOverride = "not-a-number";
            var item = Item("odd-header.tar", 3000);
            var observer = await RunAsync(Options(), item);
            Assert.Null(observer.Single().Crc64);
            Assert.Contains(observer.Verbose, v => v.Contains("('not-a-number') is not a number"));
        }

        [Fact]
        public async Task AMatchingHeaderIsSaidOnTheVerboseStream()
        {
            var item = Item("good.tar", 3 * 1024 * 1024 + 1);
            var observer = await RunAsync(Multipart(o => o.ComputeHash = true), item);
            var result = observer.Single();
            Assert.Equal(FakeObjectStore.Crc64Of(3 * 1024 * 1024 + 1), result.Crc64);
            Assert.Equal(FakeObjectStore.Sha256(3 * 1024 * 1024 + 1), result.Sha256);
            Assert.Contains(observer.Verbose, v => v.Contains($"CRC64 {result.Crc64} matches"));
        }

        [Fact]
        public async Task AHeaderThatChangesMidwayMeansTheObjectChanged()
        {
            long size = 3 * 1024 * 1024;
            var item = Item("changing.tar", size);
            Store.OnServed = served =>
            {
                if (served > size / 2) Store.CrcOverride = "12345";
            };
            var observer = await RunAsync(Multipart(), item);
            var error = observer.SingleFailure();
            Assert.Equal(ErrorCatalog.ChecksumMismatch, error.Code);
            Assert.Contains("changed during the download", error.Message);
            Assert.Contains("CRC64 12345", error.Message);
            Assert.False(File.Exists(item.DestinationPath));
        }
    }

    [Collection("Transfer")]
    public class BoundedMemoryTests : TransferTestBase
    {
        private const int Block = 64 * 1024;

        /// <summary>Runs a queue whose pool the test can read; samples how far the store ran ahead of the disk.</summary>
        private async Task<(BufferPool Pool, long MaxAhead, RecordingObserver Observer)> RunMeasuredAsync(DownloadOptions options, params DownloadItem[] items)
        {
            var observer = new RecordingObserver();
            long maxAhead = 0, lastSample = 0, before = Store.BytesServed;
            Store.OnServed = total =>
            {
                long served = total - before;
                if (served - Interlocked.Read(ref lastSample) < Block) return;
                Interlocked.Exchange(ref lastSample, served);
                long onDisk = items.Sum(i => Length(i.DestinationPath + PartialFile.Suffix) + Length(i.DestinationPath));
                long ahead = served - onDisk;
                long seen;
                while (ahead > (seen = Interlocked.Read(ref maxAhead)) && Interlocked.CompareExchange(ref maxAhead, ahead, seen) != seen) { }
            };
            BufferPool pool;
            using (var http = new HttpClient(Store, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan })
            using (var queue = new DownloadQueue(http, options, observer, CancellationToken.None, Environment))
            {
                pool = queue.Pool;
                foreach (DownloadItem item in items) queue.Add(item);
                queue.CompleteAdding();
                await queue.Completion.WaitAsync(TimeSpan.FromSeconds(60));
            }
            Assert.Empty(observer.Failures);
            return (pool, Interlocked.Read(ref maxAhead), observer);
        }

        private static long Length(string path)
        {
            try
            {
                return new FileInfo(path).Exists ? new FileInfo(path).Length : 0;
            }
            catch (IOException)
            {
                return 0;
            }
        }

        private static DownloadOptions SlowDisk(long budget, int files = 3) => Multipart(o =>
        {
            o.ThrottleLimit = files;
            o.ConnectionsPerFile = 4;
            o.BlockSize = Block;
            o.BufferBytes = budget;
            o.ChunkSize = 1024 * 1024;
            o.WriteBytesPerSecond = 40L * 1024 * 1024; // a disk much slower than the in-memory store
        });

        [Fact]
        public async Task ASlowDiskHoldsTheFetchersBackInsteadOfPilingUpBuffers()
        {
            long size = 6 * 1024 * 1024 + 333;
            var items = Enumerable.Range(0, 3).Select(i => Item($"slow{i}.tar", size)).ToArray();
            var (pool, ahead, _) = await RunMeasuredAsync(SlowDisk(1024 * 1024), items);

            foreach (var item in items) AssertContent(item.DestinationPath, size);
            Assert.Equal(16, pool.Capacity); // 1 MiB of 64 KiB blocks, 6 of them the three heads' reserve
            Assert.True(pool.PeakInUse <= pool.Capacity, $"peak {pool.PeakInUse} of {pool.Capacity} blocks");
            Assert.True(pool.Allocated <= pool.Capacity, $"{pool.Allocated} blocks allocated of {pool.Capacity}");
            // Received but not yet on disk never exceeds the pool (plus one read in progress per connection).
            long bound = (long)pool.Capacity * Block + 12L * Store.MaxRead;
            Assert.True(ahead <= bound, $"the store ran {ahead:N0} bytes ahead of the disk; bound {bound:N0}");
            Assert.Equal(0, pool.InUse);
        }

        [Fact]
        public async Task MemoryDoesNotGrowWithTheFileSize()
        {
            var (small, smallAhead, _) = await RunMeasuredAsync(SlowDisk(1024 * 1024, files: 1), Item("small.tar", 2 * 1024 * 1024));
            var (large, largeAhead, _) = await RunMeasuredAsync(SlowDisk(1024 * 1024, files: 1), Item("large.tar", 16 * 1024 * 1024));
            Assert.Equal(small.Capacity, large.Capacity);
            Assert.True(large.Allocated <= small.Capacity, $"{large.Allocated} blocks for 16 MiB, capacity {small.Capacity}");
            long bound = (long)large.Capacity * Block + 4L * Store.MaxRead;
            Assert.True(largeAhead <= bound && smallAhead <= bound, $"ahead {smallAhead:N0} / {largeAhead:N0}, bound {bound:N0}");
            AssertContent(Path.Combine(Folder, "large.tar"), 16 * 1024 * 1024);
        }

        [Fact]
        public async Task TheSmallestPoolStillFinishesEveryFileWithoutDeadlock()
        {
            // One block beyond the heads' reserve, four files of four connections: the heads always go on.
            Store.ReadDelay = TimeSpan.FromMilliseconds(1);
            Store.MaxRead = 16 * 1024;
            long size = 2 * 1024 * 1024 + 17;
            var items = Enumerable.Range(0, 4).Select(i => Item($"tiny{i}.tar", size)).ToArray();
            var options = Multipart(o =>
            {
                o.ThrottleLimit = 4;
                o.ConnectionsPerFile = 4;
                o.BlockSize = 32 * 1024;
                o.BufferBytes = 1;
            });
            var (pool, _, observer) = await RunMeasuredAsync(options, items);
            Assert.Equal(pool.Reserve + 1, pool.Capacity);
            Assert.Equal(4, observer.Results.Count);
            foreach (var item in items) AssertContent(item.DestinationPath, size);
            Assert.Equal(0, pool.InUse);
        }

        [Fact]
        public async Task AFailedPartStopsTheWorkersThatWaitForMemory()
        {
            Store.ReadDelay = TimeSpan.FromMilliseconds(1);
            Store.MaxRead = 16 * 1024;
            var item = Item("refused-midway.tar", 4 * 1024 * 1024);
            int armed = 0;
            Store.OnServed = served =>
            {
                if (served > 300_000 && Interlocked.Exchange(ref armed, 1) == 0) Store.FailNext(1, System.Net.HttpStatusCode.BadRequest);
            };
            var options = Multipart(o =>
            {
                o.ConnectionsPerFile = 4;
                o.BlockSize = 32 * 1024;
                o.BufferBytes = 1;
            });
            var observer = await RunAsync(options, item); // RunAsync fails the test if the queue does not end in time
            Assert.Equal(ErrorCatalog.DownloadRefused, observer.SingleFailure().Code);
            Assert.False(File.Exists(item.DestinationPath));
            long kept = new FileInfo(item.DestinationPath + PartialFile.Suffix).Length;
            Assert.True(File.ReadAllBytes(item.DestinationPath + PartialFile.Suffix).SequenceEqual(FakeObjectStore.Content(kept)));
        }

        [Fact]
        public void PartsShrinkAsFilesShareThePool()
        {
            const int block = 256 * 1024;
            var pool = new BufferPool(block, 12L * 1024 * 1024, files: 4);
            Assert.Equal(48, pool.Capacity);
            Assert.Equal(8, pool.Reserve); // two blocks for each of four heads
            PoolAccount first = pool.Open();
            long alone = pool.PartSize(4, 8 * 1024 * 1024);
            PoolAccount[] others = { pool.Open(), pool.Open(), pool.Open() };
            long shared = pool.PartSize(4, 8 * 1024 * 1024);
            // 40 blocks ahead of the heads; four connections keep about 1.5 parts ahead of their head.
            Assert.Equal(26L * block, alone);
            Assert.Equal(6L * block, shared);
            Assert.Equal(8 * 1024 * 1024, new BufferPool(256 * 1024, 1L << 30, 1).PartSize(4, 8 * 1024 * 1024));
            pool.Close(first);
            foreach (var a in others) pool.Close(a);
            Assert.Equal(0, pool.OpenAccounts);
        }

        [Fact]
        public async Task AWaitingPartThatBecomesTheHeadIsServedFromTheReserve()
        {
            var pool = new BufferPool(1024, 3 * 1024, files: 1); // reserve 2, ahead 1
            PoolAccount file = pool.Open();
            bool head = false;
            Block ahead = await pool.RentAsync(file, () => false, CancellationToken.None);
            Task<Block> waiting = pool.RentAsync(file, () => head, CancellationToken.None);
            await Task.Delay(50);
            Assert.False(waiting.IsCompleted); // the ahead share is used up
            head = true;
            pool.Poke();
            Block served = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.True(served.Head);
            pool.Return(served);
            pool.Return(ahead);
            Assert.Equal(0, pool.InUse);

            using var cts = new CancellationTokenSource();
            Block a = await pool.RentAsync(file, () => false, CancellationToken.None);
            Task<Block> cancelled = pool.RentAsync(file, () => false, cts.Token);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
            pool.Return(a);
            Assert.Equal(0, pool.InUse);
        }
    }

    [Collection("Transfer")]
    public class PrivateFileTests : TransferTestBase
    {
        [Fact]
        public async Task SavedFilesAndTheFoldersCreatedAreTheOwnersOnly()
        {
            if (TestPlatform.IsWindows) return; // Windows: the inherited ACLs are kept
            var item = Item("private.tar", 200_000);
            item.DestinationPath = Path.Combine(Folder, "made", "by", "us", "private.tar");
            TestPlatform.SetMode(Folder, "755");

            await RunAsync(Options(), item);

            Assert.Equal("600", Mode(item.DestinationPath));
            Assert.Equal("700", Mode(Path.Combine(Folder, "made")));
            Assert.Equal("700", Mode(Path.Combine(Folder, "made", "by", "us")));
            Assert.Equal("755", Mode(Folder)); // a folder that was there is left as it was
        }

        [Fact]
        public async Task AnOlderReadablePartialIsMadePrivateBeforeItGrows()
        {
            if (TestPlatform.IsWindows) return;
            var item = Item("older.tar", 300_000);
            WritePartial(item.DestinationPath, 100_000);
            TestPlatform.SetMode(item.DestinationPath + PartialFile.Suffix, "644");
            var result = (await RunAsync(Options(), item)).Single();
            Assert.Equal(100_000, result.ResumedFrom);
            Assert.Equal("600", Mode(item.DestinationPath));
        }

        private static string Mode(string path) => TestPlatform.Mode(path);
    }
}
