using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Client;
using Xunit;

namespace MongoBackup.Tests.Transfer
{
    [Collection("Transfer")]
    public class LinkAndDestinationTests : TransferTestBase
    {
        private const string Fresh = "q-signature=fresh0123456789";

        [Fact]
        public async Task ExpiredLinkIsRefreshedOnceAndTheDownloadGoesOn()
        {
            var item = Item("expired.tar", 100_000);
            Store.Expire(FakeObjectStore.Secret);
            int calls = 0;
            item.RefreshUrlAsync = _ =>
            {
                Interlocked.Increment(ref calls);
                return Task.FromResult(FakeObjectStore.Host + "/backups/expired.tar?" + Fresh);
            };

            var observer = await RunAsync(Options(), item);

            var result = observer.Single();
            AssertContent(item.DestinationPath, 100_000);
            Assert.Equal(1, calls);
            Assert.Equal(1, result.UrlRefreshes);
            Assert.Equal(0, result.Retries);
            Assert.Contains(observer.Verbose, v => v.Contains("fresh one"));
        }

        [Fact]
        public async Task ParallelWorkersShareOneRefreshWhenTheLinkExpiresMidway()
        {
            long size = 3 * 1024 * 1024;
            var item = Item("midway.tar", size);
            Store.Expire(FakeObjectStore.Secret, afterBytes: 600_000);
            int calls = 0;
            item.RefreshUrlAsync = async token =>
            {
                Interlocked.Increment(ref calls);
                await Task.Yield();
                return FakeObjectStore.Host + "/backups/midway.tar?" + Fresh;
            };

            var observer = await RunAsync(Multipart(o => o.ComputeHash = true), item);

            var result = observer.Single();
            Assert.Equal(FakeObjectStore.Sha256(size), result.Sha256);
            Assert.Equal(1, calls);
            Assert.Equal(1, result.UrlRefreshes);
            Assert.Equal(size, Store.BytesServed);
        }

        [Fact]
        public async Task SecondExpiryIsLinkExpiredAndKeepsThePartial()
        {
            var item = Item("twice.tar", 800_000);
            Store.DropNext(1, afterBytes: 200_000);          // leave some bytes in the .partial first
            Store.Expire(FakeObjectStore.Secret, afterBytes: 200_000);
            Store.Expire(Fresh);
            item.RefreshUrlAsync = _ => Task.FromResult(FakeObjectStore.Host + "/backups/twice.tar?" + Fresh);

            var observer = await RunAsync(Options(), item);

            var error = observer.SingleFailure();
            Assert.Equal(ErrorCatalog.LinkExpired, error.Code);
            Assert.Equal(FailureCategory.PermissionDenied, error.Category);
            Assert.Contains("new link", error.Message);
            Assert.Contains("Get-MongoBackupDownloadTask", error.RecommendedAction);
            Assert.False(File.Exists(item.DestinationPath));
            Assert.Equal(200_000, new FileInfo(item.DestinationPath + ".partial").Length);
            Assert.Same(item, observer.Failures.Single().Key);
        }

        [Fact]
        public async Task ExpiredLinkWithoutRefreshIsLinkExpired()
        {
            var item = Item("norefresh.tar", 1000);
            Store.Expire(FakeObjectStore.Secret);
            var observer = await RunAsync(Options(), item);
            Assert.Equal(ErrorCatalog.LinkExpired, observer.SingleFailure().Code);
            Assert.Equal(1, Store.Requests);
        }

        [Fact]
        public async Task MissingObjectIsObjectNotFound()
        {
            var item = Item("gone.tar", 1000);
            item.Url = FakeObjectStore.Host + "/backups/other.tar?" + FakeObjectStore.Secret;
            var observer = await RunAsync(Options(), item);
            var error = observer.SingleFailure();
            Assert.Equal(ErrorCatalog.ObjectNotFound, error.Code);
            Assert.Equal(FailureCategory.ObjectNotFound, error.Category);
            Assert.Equal(1, Store.Requests);
        }

        [Fact]
        public async Task SizeMismatchLeavesNoFinalFile()
        {
            var item = Item("mismatch.tar", 50_000, expected: 50_001);
            var observer = await RunAsync(Options(), item);
            var error = observer.SingleFailure();
            Assert.Equal(ErrorCatalog.SizeMismatch, error.Code);
            Assert.Contains("50,001", error.Message);
            Assert.False(File.Exists(item.DestinationPath));
        }

        [Fact]
        public async Task ExistingFileIsLeftAloneWithoutForce()
        {
            var item = Item("exists.tar", 1000);
            File.WriteAllText(item.DestinationPath, "mine");
            var observer = await RunAsync(Options(), item);

            var error = observer.SingleFailure();
            Assert.Equal(ErrorCatalog.FileExists, error.Code);
            Assert.Equal(FailureCategory.ResourceExists, error.Category);
            Assert.Equal("mine", File.ReadAllText(item.DestinationPath));
            Assert.Equal(0, Store.Requests);
        }

        [Fact]
        public async Task ForceReplacesTheExistingFile()
        {
            var item = Item("force.tar", 70_000);
            File.WriteAllText(item.DestinationPath, "old");
            await RunAsync(Options(o => o.Force = true), item);
            AssertContent(item.DestinationPath, 70_000);
            Assert.False(File.Exists(item.DestinationPath + ".partial"));
        }

        [Fact]
        public async Task SkipExistingReportsTheFileWithItsHash()
        {
            var item = Item("skip.tar", 9000);
            File.WriteAllBytes(item.DestinationPath, FakeObjectStore.Content(9000));
            var observer = await RunAsync(Options(o =>
            {
                o.SkipExisting = true;
                o.ComputeHash = true;
            }), item);

            var result = observer.Single();
            Assert.True(result.Skipped);
            Assert.Equal(9000, result.Length);
            Assert.Equal(FakeObjectStore.Sha256(9000), result.Sha256);
            Assert.Equal(0, Store.Requests);
        }

        [Fact]
        public async Task SkipExistingWithAnotherSizeIsFileExists()
        {
            var item = Item("skip-other.tar", 9000);
            File.WriteAllText(item.DestinationPath, "short");
            var observer = await RunAsync(Options(o => o.SkipExisting = true), item);
            Assert.Equal(ErrorCatalog.FileExists, observer.SingleFailure().Code);
            Assert.Equal("short", File.ReadAllText(item.DestinationPath));
        }

        [Fact]
        public async Task UnwritableDestinationIsWriteFailed()
        {
            string blocker = Path.Combine(Folder, "blocker");
            File.WriteAllText(blocker, "a file, not a folder");
            var item = Item("write.tar", 1000);
            item.DestinationPath = Path.Combine(blocker, "write.tar");

            var observer = await RunAsync(Options(), item);

            var error = observer.SingleFailure();
            Assert.Equal(ErrorCatalog.WriteFailed, error.Code);
            Assert.Equal(FailureCategory.WriteError, error.Category);
            // The folder cannot be created: the message names it, and the advice is another destination, not disk space.
            Assert.Contains("The folder '" + blocker + "' cannot be created", error.Message);
            Assert.DoesNotContain(".partial", error.Message);
            Assert.Contains("another -Destination", error.RecommendedAction);
            Assert.Equal(0, Store.Requests);
        }

        [Fact]
        public async Task DiskFullIsWriteFailedAndNotRetried()
        {
            if (!TestPlatform.IsLinux) return; // writes to /dev/full fail with ENOSPC
            var item = Item("full.tar", 300_000);
            TestPlatform.Symlink(item.DestinationPath + ".partial", "/dev/full");

            var observer = await RunAsync(Options(), item);

            var error = observer.SingleFailure();
            Assert.Equal(ErrorCatalog.WriteFailed, error.Code);
            Assert.Contains(item.DestinationPath + ".partial", error.Message);
            Assert.Contains("kept", error.Message);
            // The runtime's own failure: an IOException (ENOSPC) on .NET, a NotSupportedException on Mono's FileStream.
            Assert.True(error.InnerException is IOException || error.InnerException is NotSupportedException, error.InnerException?.GetType().Name);
            Assert.InRange(Store.Requests, 0, 1); // not retried (Mono refuses the device before the first request)
            Assert.False(File.Exists(item.DestinationPath));
        }

        [Fact]
        public async Task DestinationThatIsAFolderIsWriteFailed()
        {
            var item = Item("folder.tar", 1000);
            Directory.CreateDirectory(item.DestinationPath);
            var observer = await RunAsync(Options(), item);
            Assert.Equal(ErrorCatalog.WriteFailed, observer.SingleFailure().Code);
        }

        [Fact]
        public async Task InvalidLinkIsReportedWithoutARequest()
        {
            var item = Item("nolink.tar", 1000);
            item.Url = null;
            var observer = await RunAsync(Options(), item);
            Assert.Equal(ErrorCatalog.InvalidDownloadUrl, observer.SingleFailure().Code);
            Assert.Equal(0, Store.Requests);
        }

        [Fact]
        public async Task NoMessageEverShowsTheLinksSignature()
        {
            // Retries (drop, 503), a refresh after 403 with the link echoed in the body, then failures of every kind.
            var retried = Item("retried.tar", 300_000);
            Store.DropNext(1, afterBytes: 1000);
            Store.FailNext(1, System.Net.HttpStatusCode.ServiceUnavailable);
            var expired = Item("expired.tar", 1000, query: "q-signature=expired-secret");
            Store.Expire("q-signature=expired-secret");
            expired.RefreshUrlAsync = _ => Task.FromResult(FakeObjectStore.Host + "/backups/expired.tar?q-signature=second-secret");
            Store.Expire("q-signature=second-secret");
            var missing = Item("missing.tar", 1000);
            missing.Url = FakeObjectStore.Host + "/backups/nothing.tar?" + FakeObjectStore.Secret;
            var refused = Item("refused.tar", 1000, query: "q-signature=refused-secret");
            refused.RefreshUrlAsync = _ => throw new InvalidOperationException("could not sign " + refused.Url);
            Store.Expire("q-signature=refused-secret");

            var observer = await RunAsync(Options(o => o.ThrottleLimit = 1), retried, expired, missing, refused);

            Assert.Single(observer.Results);
            Assert.Equal(3, observer.Failures.Count);
            string[] text = observer.AllText().ToArray();
            Assert.Contains(text, t => t.Contains(FakeObjectStore.Host + "/backups/expired.tar"));
            foreach (string secret in new[] { "signature=", "secret", "5ec7e7" })
                Assert.DoesNotContain(text, t => t.IndexOf(secret, StringComparison.OrdinalIgnoreCase) >= 0);
        }
    }
}
