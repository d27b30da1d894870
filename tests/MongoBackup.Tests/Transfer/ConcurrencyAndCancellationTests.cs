using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Transfer;
using Xunit;

namespace MongoBackup.Tests.Transfer
{
    [Collection("Transfer")]
    public class ConcurrencyAndCancellationTests : TransferTestBase
    {
        public ConcurrencyAndCancellationTests()
        {
            // Slow bodies, so concurrent requests overlap for sure.
            Store.ReadDelay = TimeSpan.FromMilliseconds(2);
            Store.MaxRead = 16 * 1024;
        }

        [Fact]
        public async Task ThrottleLimitBoundsTheFilesInFlight()
        {
            var items = Enumerable.Range(0, 7).Select(i => Item($"f{i}.tar", 200_000)).ToArray();
            var observer = await RunAsync(Options(o => o.ThrottleLimit = 3), items);

            Assert.Equal(7, observer.Results.Count);
            Assert.Equal(3, Store.MaxActivePaths);
            foreach (var item in items) AssertContent(item.DestinationPath, 200_000);
        }

        [Fact]
        public async Task ConnectionsPerFileBoundsTheRequestsOfOneFile()
        {
            long size = 3 * 1024 * 1024;
            var items = new[] { Item("a.tar", size), Item("b.tar", size) };
            var observer = await RunAsync(Multipart(o =>
            {
                o.ConnectionsPerFile = 2;
                o.ChunkSize = 128 * 1024;
            }), items);

            Assert.Equal(2, observer.Results.Count);
            Assert.Equal(2, Store.MaxActive("/backups/a.tar"));
            Assert.Equal(2, Store.MaxActive("/backups/b.tar"));
            Assert.Equal(2 * size, Store.BytesServed);
        }

        [Fact]
        public async Task TheSameDestinationTwiceAtOnceIsRefusedNotInterleaved()
        {
            var item = Item("twice.tar", 400_000);
            var again = Item("twice.tar", 400_000);
            var observer = await RunAsync(Options(o => o.ThrottleLimit = 2), item, again);

            var result = Assert.Single(observer.Results);
            Assert.Contains(observer.SingleFailure().Code, new[] { MongoBackup.Client.ErrorCatalog.WriteFailed, MongoBackup.Client.ErrorCatalog.FileExists });
            Assert.Equal(400_000, result.BytesFetched);
            Assert.Equal(400_000, Store.BytesServed); // the second never downloaded into the same .partial
            AssertContent(item.DestinationPath, 400_000);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task CancellationStopsPromptlyAndKeepsOnlyThePartial(bool multipart)
        {
            long size = 4 * 1024 * 1024;
            var item = Item("cancel.tar", size);
            var observer = new RecordingObserver();
            var sinceCancel = new Stopwatch();
            using (var cts = new CancellationTokenSource())
            using (var http = new HttpClient(Store, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan })
            {
                Store.OnServed = total =>
                {
                    if (total >= 700_000 && !cts.IsCancellationRequested)
                    {
                        sinceCancel.Start();
                        cts.Cancel();
                    }
                };
                var options = multipart ? Multipart() : Options(o => o.MultipartThreshold = long.MaxValue);
                var queue = new DownloadQueue(http, options, observer, cts.Token, Environment);
                queue.Add(item);
                queue.CompleteAdding();

                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.Completion.WaitAsync(Patience));
                Assert.True(sinceCancel.Elapsed < TimeSpan.FromSeconds(2), $"stopped {sinceCancel.Elapsed} after the cancel");
                Assert.True(queue.Completion.IsCanceled);
                Assert.Equal(0, Store.ActiveRequests); // every request ended
                queue.Dispose();
            }

            Assert.Empty(observer.Results);
            Assert.Empty(observer.Failures);
            Assert.False(File.Exists(item.DestinationPath));
            string partial = item.DestinationPath + ".partial";
            long kept = new FileInfo(partial).Length;
            Assert.InRange(kept, 1, size - 1);
            byte[] prefix = File.ReadAllBytes(partial); // closed: readable, and a true prefix of the object
            Assert.True(prefix.SequenceEqual(FakeObjectStore.Content(kept)));
        }

        [Fact]
        public async Task CancellationIsPromptEvenWhileABodyStalls()
        {
            var item = Item("stalled.tar", 1_000_000);
            Store.StallNext(1, afterBytes: 100_000);
            var observer = new RecordingObserver();
            using (var cts = new CancellationTokenSource())
            using (var http = new HttpClient(Store, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan })
            using (var queue = new DownloadQueue(http, Options(o => o.ReadTimeout = TimeSpan.FromMinutes(5)), observer, cts.Token, Environment))
            {
                Store.OnServed = total =>
                {
                    if (total >= 100_000) cts.CancelAfter(50);
                };
                queue.Add(item);
                queue.CompleteAdding();
                var watch = Stopwatch.StartNew();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.Completion.WaitAsync(Patience));
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
            }
            Assert.Equal(100_000, new FileInfo(item.DestinationPath + ".partial").Length);
            Assert.False(File.Exists(item.DestinationPath));
        }

        [Fact]
        public async Task ItemsAddedLaterStartWhileOthersRun()
        {
            var observer = new RecordingObserver();
            using (var http = new HttpClient(Store, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan })
            using (var queue = new DownloadQueue(http, Options(), observer, CancellationToken.None, Environment))
            {
                queue.Add(Item("first.tar", 100_000));
                await WaitUntil(() => observer.Results.Count == 1);
                queue.Add(Item("second.tar", 100_000));
                queue.CompleteAdding();
                await queue.Completion.WaitAsync(Patience);
                Assert.Throws<InvalidOperationException>(() => queue.Add(Item("late.tar", 1)));
            }
            Assert.Equal(new[] { "first.tar", "second.tar" }, observer.Results.Select(r => r.Item.DisplayName));
        }

        private static async Task WaitUntil(Func<bool> condition)
        {
            var watch = Stopwatch.StartNew();
            while (!condition())
            {
                Assert.True(watch.Elapsed < Patience, "timed out waiting");
                await Task.Delay(10);
            }
        }
    }
}
