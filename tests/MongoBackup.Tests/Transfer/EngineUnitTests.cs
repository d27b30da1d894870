using System;
using MongoBackup.Transfer;
using Xunit;

namespace MongoBackup.Tests.Transfer
{
    public class EngineUnitTests
    {
        [Fact]
        public void BackoffDoublesUpToTheCapWithEqualJitter()
        {
            var options = new DownloadOptions { RetryBaseDelay = TimeSpan.FromSeconds(1), RetryMaxDelay = TimeSpan.FromSeconds(30), MaxRetries = 5 };
            var low = new RetryPolicy(options, () => 0.0);
            var high = new RetryPolicy(options, () => 0.999999);
            Assert.Equal(500, low.NextDelay(1, null).TotalMilliseconds, 0);
            Assert.Equal(1000, high.NextDelay(1, null).TotalMilliseconds, 0);
            Assert.Equal(2000, low.NextDelay(3, null).TotalMilliseconds, 0);
            Assert.Equal(4000, high.NextDelay(3, null).TotalMilliseconds, 0);
            Assert.Equal(15000, low.NextDelay(20, null).TotalMilliseconds, 0);
            Assert.Equal(30000, high.NextDelay(20, null).TotalMilliseconds, 0);
        }

        [Fact]
        public void RetryAfterIsHonouredWithinTheCap()
        {
            var options = new DownloadOptions { RetryBaseDelay = TimeSpan.FromSeconds(1), RetryMaxDelay = TimeSpan.FromSeconds(30) };
            var policy = new RetryPolicy(options, () => 0.0);
            Assert.Equal(TimeSpan.FromSeconds(7), policy.NextDelay(1, TimeSpan.FromSeconds(7)));
            Assert.Equal(TimeSpan.FromSeconds(30), policy.NextDelay(1, TimeSpan.FromMinutes(10)));
        }

        [Fact]
        public void RetriesStopAfterMaxRetriesWithoutProgress()
        {
            var policy = new RetryPolicy(new DownloadOptions { MaxRetries = 2 }, () => 0.5);
            Assert.True(policy.ShouldRetry(1));
            Assert.True(policy.ShouldRetry(2));
            Assert.False(policy.ShouldRetry(3));
        }

        [Fact]
        public void RateIsMeasuredOverASlidingWindow()
        {
            var meter = new RateMeter(TimeSpan.FromSeconds(5));
            Assert.Equal(0, meter.Sample(TimeSpan.FromSeconds(0), 0));
            Assert.Equal(1000, meter.Sample(TimeSpan.FromSeconds(1), 1000), 3);
            Assert.Equal(1000, meter.Sample(TimeSpan.FromSeconds(5), 5000), 3);
            // A burst long ago leaves the window: after 10 s of silence, the rate is 0.
            Assert.Equal(0, meter.Sample(TimeSpan.FromSeconds(11), 5000), 3);
            Assert.Equal(0, meter.Sample(TimeSpan.FromSeconds(16), 5000), 3);
            Assert.Equal(3000 / 5.0, meter.Sample(TimeSpan.FromSeconds(21), 8000), 3);
        }

        [Theory]
        [InlineData("https://b.cos.ap-guangzhou.myqcloud.com/x/y.tar?q-sign-algorithm=sha1&q-signature=abc", "https://b.cos.ap-guangzhou.myqcloud.com/x/y.tar")]
        [InlineData("http://127.0.0.1:8080/obj?sig=1", "http://127.0.0.1:8080/obj")]
        [InlineData("not a url?sig=1", "not a url")]
        public void SafeUrlShowsSchemeHostAndPathOnly(string url, string shown) => Assert.Equal(shown, SafeUrl.Describe(url));

        [Fact]
        public void ScrubRemovesTheQueryRawAndUnescaped()
        {
            string url = "https://h/p?sign=a%2Fb&t=1";
            Assert.Equal("failed https://h/p and …", SafeUrl.Scrub("failed https://h/p?sign=a%2Fb&t=1 and sign=a/b&t=1", url));
        }

        [Theory]
        [InlineData(0, "0 B")]
        [InlineData(1023, "1023 B")]
        [InlineData(1536, "1.5 KiB")]
        [InlineData(3L * 1024 * 1024 * 1024, "3.0 GiB")]
        public void SizesAreReadable(long bytes, string text) => Assert.Equal(text, ByteFormat.Size(bytes));

        [Theory]
        [InlineData(25, "25 ms")]
        [InlineData(1500, "1.5 s")]
        [InlineData(3_725_000, "1:02:05")]
        public void DurationsAreReadable(int milliseconds, string text) => Assert.Equal(text, ByteFormat.Duration(TimeSpan.FromMilliseconds(milliseconds)));

        [Fact]
        public void InvalidOptionsAreRefused()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new DownloadOptions { ThrottleLimit = 0 }.Validate());
            Assert.Throws<ArgumentOutOfRangeException>(() => new DownloadOptions { ChunkSize = 0 }.Validate());
        }
    }
}
