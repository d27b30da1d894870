using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using MongoBackup.Client;
using Xunit;

namespace MongoBackup.Tests.Transfer
{
    [Collection("Transfer")]
    public class ResumeAndRetryTests : TransferTestBase
    {
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task PartialFileIsResumedAndOnlyTheMissingBytesAreAsked(bool multipart)
        {
            long size = multipart ? 3 * 1024 * 1024 + 999 : 800_000;
            long present = multipart ? 1_000_003 : 300_017;
            var item = Item("resume.tar", size);
            WritePartial(item.DestinationPath, present);

            var observer = await RunAsync(Multipart(o => o.ComputeHash = true), item);

            var result = observer.Single();
            AssertContent(item.DestinationPath, size);
            Assert.Equal(FakeObjectStore.Sha256(size), result.Sha256);
            Assert.Equal(present, result.ResumedFrom);
            Assert.Equal(size - present, result.BytesFetched);
            Assert.Equal(size - present, Store.BytesServed);
            Assert.Equal(present, Store.Ranges.Min(r => r.From));
            Assert.Contains(observer.Verbose, v => v.Contains($"from byte {present:N0}"));
            Assert.False(File.Exists(item.DestinationPath + ".partial"));
        }

        [Fact]
        public async Task CompletePartialNeedsNoData()
        {
            var item = Item("whole.tar", 50_000);
            WritePartial(item.DestinationPath, 50_000);
            var observer = await RunAsync(Options(o => o.ComputeHash = true), item);

            Assert.Equal(FakeObjectStore.Sha256(50_000), observer.Single().Sha256);
            Assert.Equal(FakeObjectStore.Crc64Of(50_000), observer.Single().Crc64);
            Assert.Equal(0, Store.BytesServed);
            // The probe, answered 416 "bytes */50000" (no object headers), then one byte asked for the CRC64 header.
            Assert.Equal(2, Store.Requests);
            Assert.Equal(new long?[] { 50_000, 0 }, Store.Ranges.Select(r => r.From).ToArray());
            AssertContent(item.DestinationPath, 50_000);
        }

        [Fact]
        public async Task CompletePartialWithSkipChecksumNeedsOnlyTheProbe()
        {
            var item = Item("whole-nocheck.tar", 50_000);
            WritePartial(item.DestinationPath, 50_000);
            var observer = await RunAsync(Options(o => o.VerifyChecksum = false), item);
            Assert.Null(observer.Single().Crc64);
            Assert.Equal(1, Store.Requests);
        }

        [Fact]
        public async Task PartialLongerThanTheObjectStartsOver()
        {
            var item = Item("shrunk.tar", 40_000, expected: null);
            File.WriteAllBytes(item.DestinationPath + ".partial", new byte[45_000]);
            await RunAsync(Options(), item);
            AssertContent(item.DestinationPath, 40_000);
        }

        [Fact]
        public async Task PartialIsRestartedWhenTheServerIgnoresRanges()
        {
            Store.SupportsRanges = false;
            var item = Item("restart.tar", 200_000);
            File.WriteAllBytes(item.DestinationPath + ".partial", new byte[70_000]); // wrong bytes: must not survive
            var observer = await RunAsync(Options(o => o.ComputeHash = true), item);

            AssertContent(item.DestinationPath, 200_000);
            Assert.Equal(FakeObjectStore.Sha256(200_000), observer.Single().Sha256);
            Assert.Contains(observer.Verbose, v => v.Contains("starting over"));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task DroppedConnectionsResumeFromTheExactByte(bool multipart)
        {
            // Every body that meets a fault is longer than the fault's offset, so each fault really drops a connection.
            long size = multipart ? 2 * 1024 * 1024 + 100_000 : 1_000_000;
            var item = Item("flaky.tar", size);
            Store.DropNext(5, afterBytes: 30_000);

            var observer = await RunAsync(Multipart(o => o.ComputeHash = true), item);

            var result = observer.Single();
            AssertContent(item.DestinationPath, size);
            Assert.Equal(FakeObjectStore.Sha256(size), result.Sha256);
            Assert.Equal(5, result.Retries);
            Assert.Equal(size, result.BytesFetched);
            Assert.Equal(size, Store.BytesServed); // zero overlap
            Assert.Equal(5, observer.Verbose.Count(v => v.Contains("retrying from byte")));
        }

        [Fact]
        public async Task DropWithoutRangesRestartsFromZero()
        {
            Store.SupportsRanges = false;
            var item = Item("norange-drop.tar", 500_000);
            Store.DropNext(1, afterBytes: 123_000);

            var observer = await RunAsync(Options(), item);

            AssertContent(item.DestinationPath, 500_000);
            Assert.Equal(500_000 + 123_000, Store.BytesServed);
            Assert.Equal(500_000 + 123_000, observer.Single().BytesFetched);
        }

        [Fact]
        public async Task ServerErrorsAreRetriedWithBackoffAndRetryAfter()
        {
            var item = Item("busy.tar", 10_000);
            Store.FailNext(2, HttpStatusCode.ServiceUnavailable);
            Store.FailNext(1, (HttpStatusCode)429, retryAfter: TimeSpan.FromMilliseconds(15));

            var observer = await RunAsync(Options(o =>
            {
                o.Retry = new RetryPolicy(5, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(1));
                o.ProgressInterval = TimeSpan.FromHours(1); // keeps the progress tick's waits out of the recorded backoffs
            }), item);

            AssertContent(item.DestinationPath, 10_000);
            Assert.Equal(3, observer.Single().Retries);
            Assert.Equal(4, Store.Requests);
            var delays = Delays.ToArray().Where(d => d < TimeSpan.FromMilliseconds(100)).ToArray();
            Assert.Equal(3, delays.Length);
            Assert.InRange(delays[0].TotalMilliseconds, 0, 1);    // base 1 ms, full jitter
            Assert.InRange(delays[1].TotalMilliseconds, 0, 2);    // doubled
            Assert.InRange(delays[2].TotalMilliseconds, 15, 50);  // at least Retry-After
            Assert.Contains(observer.Verbose, v => v.Contains("HTTP 503"));
        }

        [Fact]
        public async Task RetriesWithoutProgressAreBounded()
        {
            var item = Item("down.tar", 10_000);
            Store.FailNext(10, HttpStatusCode.BadGateway);

            var observer = await RunAsync(Options(o => o.Retry = new RetryPolicy(2, o.Retry.MaxDelay, o.Retry.BaseDelay)), item);

            var error = observer.SingleFailure();
            Assert.Equal(ErrorCatalog.DownloadInterrupted, error.Code);
            Assert.Contains("HTTP 502", error.Message);
            Assert.Equal(3, Store.Requests);
            Assert.False(File.Exists(item.DestinationPath));
        }

        [Fact]
        public async Task StalledBodyTimesOutAndResumes()
        {
            var item = Item("stall.tar", 300_000);
            Store.StallNext(1, afterBytes: 64 * 1024);

            var observer = await RunAsync(Options(o => o.ReadTimeout = TimeSpan.FromMilliseconds(300)), item);

            var result = observer.Single();
            AssertContent(item.DestinationPath, 300_000);
            Assert.Equal(1, result.Retries);
            Assert.Equal(300_000, Store.BytesServed);
            Assert.Contains(observer.Verbose, v => v.Contains("nothing received for 300 ms"));
        }

        [Fact]
        public async Task ClientErrorsAreNotRetried()
        {
            var item = Item("bad.tar", 1000);
            Store.FailNext(1, HttpStatusCode.BadRequest);
            var observer = await RunAsync(Options(), item);

            var error = observer.SingleFailure();
            Assert.Equal(ErrorCatalog.DownloadRefused, error.Code);
            Assert.Equal(400, error.HttpStatus);
            Assert.Contains("ServiceUnavailable", error.Message); // the XML error code of the body
            Assert.Equal(1, Store.Requests);
        }
    }
}
