using System;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Client;
using Xunit;

namespace MongoBackup.Tests
{
    /// <summary>Connect-TencentCloud -RequestsPerSecond changes a process-wide setting: these run alone.</summary>
    [CollectionDefinition("ProcessLimit", DisableParallelization = true)]
    public sealed class ProcessLimitCollection
    {
    }

    [Collection("ProcessLimit")]
    public class ProcessLimitTests
    {
        [Fact]
        public void TheProcessLimitReplacesEveryActionsDocumentedLimitAndZeroTurnsItOff()
        {
            try
            {
                Assert.Null(RateLimiter.ProcessLimit);
                RateLimiter.SetProcessLimit(100);
                Assert.Equal(100, RateLimiter.ProcessLimit);
                Assert.Equal(100, RateLimiter.For("https://p", "id", TestActions.Describe).Limit);
                Assert.Equal(100, RateLimiter.For("https://p", "id", TestActions.DescribeBackups).Limit);
                RateLimiter.SetProcessLimit(0);
                Assert.Same(RateLimiter.Unlimited, RateLimiter.For("https://p", "id", TestActions.Describe));
                RateLimiter.SetProcessLimit(null);
                Assert.Equal(20, RateLimiter.For("https://p", "id", TestActions.Describe).Limit);
                Assert.Equal(150, RateLimiter.For("https://p", "id", TestActions.DescribeBackups).Limit);
                Assert.Throws<ArgumentOutOfRangeException>(() => RateLimiter.SetProcessLimit(-1));
            }
            finally
            {
                RateLimiter.SetProcessLimit(null);
            }
        }

        [Fact]
        public async Task UnlimitedNeverWaits()
        {
            for (int i = 0; i < 10_000; i++)
            {
                Task<RateLimiter.Lease> lease = RateLimiter.Unlimited.AcquireAsync(CancellationToken.None);
                Assert.Equal(TaskStatus.RanToCompletion, lease.Status);
                (await lease).Dispose();
            }
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();
            await Assert.ThrowsAsync<OperationCanceledException>(() => RateLimiter.Unlimited.AcquireAsync(cancelled.Token));
        }
    }
}
