using System;
using MongoBackup.Client;
using MongoBackup.Transfer;
using Xunit;

namespace MongoBackup.Tests.Transfer
{
    public class EngineUnitTests
    {
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
        public void SafeUrlShowsSchemeHostAndPathOnly(string url, string shown) => Assert.Equal(shown, Redaction.DescribeUrl(url));

        [Fact]
        public void ScrubRemovesTheQueryRawAndUnescaped()
        {
            string url = "https://h/p?sign=a%2Fb&t=1";
            Assert.Equal("failed https://h/p and …", Redaction.ScrubUrl("failed https://h/p?sign=a%2Fb&t=1 and sign=a/b&t=1", url));
        }

        [Theory]
        [InlineData(0, "0 B")]
        [InlineData(1023, "1023 B")]
        [InlineData(1536, "1.5 KB")]
        [InlineData(3L * 1024 * 1024 * 1024, "3 GB")]
        [InlineData(4563402752, "4.25 GB")]
        [InlineData(150L * 1024 * 1024, "150 MB")]
        public void SizesAreReadable(long bytes, string text) => Assert.Equal(text, DisplayFormat.Size(bytes));

        [Theory]
        [InlineData(25, "25 ms")]
        [InlineData(1500, "1.5 s")]
        [InlineData(3_725_000, "1:02:05")]
        public void DurationsAreReadable(int milliseconds, string text) => Assert.Equal(text, DisplayFormat.Duration(TimeSpan.FromMilliseconds(milliseconds)));

        [Fact]
        public void InvalidOptionsAreRefused()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new DownloadOptions { ThrottleLimit = 0 }.Validate());
            Assert.Throws<ArgumentOutOfRangeException>(() => new DownloadOptions { ChunkSize = 0 }.Validate());
        }
    }
}
