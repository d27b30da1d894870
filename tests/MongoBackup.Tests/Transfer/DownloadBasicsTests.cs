using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace MongoBackup.Tests.Transfer
{
    [Collection("Transfer")]
    public class DownloadBasicsTests : TransferTestBase
    {
        [Fact]
        public async Task SmallFileIsOneRequestWithTheRightBytesAndHash()
        {
            var item = Item("small.tar", 300_001);
            var observer = await RunAsync(Options(o => o.ComputeHash = true), item);

            var result = observer.Single();
            AssertContent(item.DestinationPath, 300_001);
            Assert.Equal(FakeObjectStore.Sha256(300_001), result.Sha256);
            Assert.Equal(300_001, result.Length);
            Assert.Equal(300_001, result.BytesFetched);
            Assert.Equal(0, result.ResumedFrom);
            Assert.False(result.Skipped);
            Assert.Same(item, result.Item);
            Assert.Equal(item.DestinationPath, result.Path);
            Assert.Equal(1, Store.Requests);
            Assert.Equal(new[] { "GET" }, Store.Methods.Distinct());
            Assert.False(File.Exists(item.DestinationPath + ".partial"));
        }

        [Fact]
        public async Task WithoutComputeHashNoHashIsReported()
        {
            var item = Item("nohash.tar", 1000);
            var observer = await RunAsync(Options(), item);
            Assert.Null(observer.Single().Sha256);
            AssertContent(item.DestinationPath, 1000);
        }

        [Theory]
        [InlineData(3 * 1024 * 1024 + 12345, true)]
        [InlineData(3 * 1024 * 1024 + 12345, false)]
        [InlineData(5 * 256 * 1024, true)]
        public async Task LargeFileComesInOrderedPartsOverSeveralConnections(long size, bool sizeKnown)
        {
            var item = Item("large.tar", size, sizeKnown ? size : (long?)null);
            var observer = await RunAsync(Multipart(o => o.ComputeHash = true), item);

            var result = observer.Single();
            AssertContent(item.DestinationPath, size);
            Assert.Equal(FakeObjectStore.Sha256(size), result.Sha256);
            Assert.Equal(size, Store.BytesServed);
            Assert.Equal(size, result.BytesFetched);
            // Parts of at most the chunk size, tiling the file; near the end the rest is shared among the connections.
            long fullParts = (size + 256 * 1024 - 1) / (256 * 1024);
            Assert.InRange(Store.Requests, fullParts, fullParts + 2 * 3);
            var ranges = Store.Ranges.OrderBy(r => r.From).ToList();
            Assert.Equal(0, ranges[0].From);
            for (int i = 1; i < ranges.Count; i++) Assert.Equal(ranges[i - 1].To + 1, ranges[i].From);
            Assert.Equal(size - 1, ranges[^1].To);
            Assert.All(ranges, r => Assert.InRange(r.To.Value - r.From.Value + 1, 1, 256 * 1024));
            Assert.InRange(Store.MaxActive("/backups/large.tar"), 1, 3); // overlap itself is shown with slow bodies elsewhere
            Assert.Contains(observer.Verbose, v => v.Contains("over 3 connections"));
        }

        [Fact]
        public async Task AFileBelowTheThresholdIsFetchedOverOneConnection()
        {
            long size = 700_000;
            var item = Item("medium.tar", size, expected: null);
            var observer = await RunAsync(Multipart(), item);

            AssertContent(item.DestinationPath, size);
            // Unknown size: the probe asks for the first chunk, the rest comes in a second request.
            Assert.Equal(2, Store.Requests);
            Assert.Equal(size, Store.BytesServed);
            Assert.Equal(1, Store.MaxActive("/backups/medium.tar"));
            Assert.Contains(observer.Verbose, v => v.Contains("over one connection"));
        }

        [Fact]
        public async Task KnownSmallSizeSkipsTheChunkProbe()
        {
            long size = 700_000;
            var item = Item("known.tar", size);
            await RunAsync(Multipart(), item);
            Assert.Equal(1, Store.Requests);
            Assert.Equal(0, Store.Ranges.Single().From);
            Assert.Null(Store.Ranges.Single().To);
        }

        [Fact]
        public async Task ServerWithoutRangesStreamsTheWholeObject()
        {
            Store.SupportsRanges = false;
            long size = 2 * 1024 * 1024 + 7;
            var item = Item("norange.tar", size);
            var observer = await RunAsync(Multipart(o => o.ComputeHash = true), item);

            AssertContent(item.DestinationPath, size);
            Assert.Equal(FakeObjectStore.Sha256(size), observer.Single().Sha256);
            Assert.Equal(1, Store.Requests);
            Assert.Contains(observer.Verbose, v => v.Contains("ignores byte ranges"));
        }

        [Fact]
        public async Task UnknownLengthWithoutRangesReadsToTheEnd()
        {
            Store.SupportsRanges = false;
            Store.OmitContentLength = true;
            var item = Item("chunked.tar", 123_456, expected: null);
            var observer = await RunAsync(Options(), item);
            AssertContent(item.DestinationPath, 123_456);
            Assert.Equal(123_456, observer.Single().Length);
        }

        [Fact]
        public async Task RangeAnswersWithoutATotalFallBackToOneOpenEndedRequest()
        {
            Store.HideTotal = true;
            var item = Item("startotal.tar", 3 * 1024 * 1024, expected: null);
            var observer = await RunAsync(Multipart(o => o.ComputeHash = true), item);
            AssertContent(item.DestinationPath, 3 * 1024 * 1024);
            Assert.Equal(FakeObjectStore.Sha256(3 * 1024 * 1024), observer.Single().Sha256);
            Assert.Equal(2, Store.Requests);
            Assert.Null(Store.Ranges.Last().To);
        }

        [Fact]
        public async Task EmptyObjectGivesAnEmptyFile()
        {
            var item = Item("empty.tar", 0);
            var observer = await RunAsync(Options(o => o.ComputeHash = true), item);
            Assert.Equal(0, new FileInfo(item.DestinationPath).Length);
            Assert.Equal(FakeObjectStore.Sha256(0), observer.Single().Sha256);
        }

        [Fact]
        public async Task DestinationFolderIsCreated()
        {
            var item = Item("nested.tar", 5000);
            item.DestinationPath = Path.Combine(Folder, "a", "b", "nested.tar");
            await RunAsync(Options(), item);
            AssertContent(item.DestinationPath, 5000);
        }

        [Fact]
        public async Task ProgressReportsSizesRatesAndAFinalSnapshot()
        {
            Store.ReadDelay = System.TimeSpan.FromMilliseconds(5);
            Store.MaxRead = 16 * 1024;
            long size = 1024 * 1024;
            var item = Item("progress.tar", size);
            var observer = await RunAsync(Options(o => o.ProgressInterval = System.TimeSpan.FromMilliseconds(30)), item);

            var snapshots = observer.Progress.ToList();
            Assert.True(snapshots.Count >= 3, $"{snapshots.Count} snapshots");
            var during = snapshots.First(p => p.Active.Count == 1 && p.DoneBytes > 0);
            Assert.Equal(size, during.TotalBytes);
            Assert.Equal("progress.tar", during.Active[0].DisplayName);
            Assert.Equal(size, during.Active[0].Total);
            Assert.Contains(snapshots, p => p.BytesPerSecond > 0 && p.Remaining.HasValue && p.Active.Any(f => f.BytesPerSecond > 0));
            for (int i = 1; i < snapshots.Count; i++) Assert.True(snapshots[i].DoneBytes >= snapshots[i - 1].DoneBytes);
            var last = snapshots.Last();
            Assert.Empty(last.Active);
            Assert.Equal(1, last.Completed);
            Assert.Equal(size, last.DoneBytes);
            Assert.Equal(size, last.TotalBytes);
            Assert.Contains(observer.Verbose, v => v.StartsWith("progress.tar: downloaded 1 MB"));
        }
    }
}
