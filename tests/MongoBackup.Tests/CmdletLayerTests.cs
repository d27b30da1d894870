using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MongoBackup.Api;
using MongoBackup.Client;
using MongoBackup.Cmdlets;
using Xunit;

namespace MongoBackup.Tests
{
    /// <summary>
    /// Tests of the cmdlet layer's pieces that need System.Management.Automation (run in the net10.0 project only, with
    /// Microsoft.PowerShell.SDK; the net472 build under Mono covers the client, API and transfer layers).
    /// </summary>
    public class LifecycleCmdletTests
    {
        [Fact]
        public void TheRestoreNamingRuleIsTheOldNameBakAndTheRestoreTime() =>
            Assert.Equal("orders_bak_20260101030000", RestoreMongoInstanceCommand.NewName("orders", "20260101030000"));

        [Fact]
        public void TheDatabaseTransformationTakesNamesObjectsAndHashtables()
        {
            var attribute = new RestoreDatabaseTransformationAttribute();
            var fromName = (RestoreDatabase[])attribute.Transform(null, "orders");
            Assert.Equal("orders", Assert.Single(fromName).Db);
            Assert.Null(fromName[0].Collections);

            var listed = new Database { Name = "audit", Collections = new[] { "events" } };
            var fromDatabase = (RestoreDatabase[])attribute.Transform(null, listed);
            Assert.Equal("events", Assert.Single(fromDatabase[0].Collections).OldCollection);

            var table = new Hashtable { ["db"] = "customers", ["Collections"] = new object[] { "profiles", new Hashtable { ["OldCollection"] = "addresses", ["NewCollection"] = "addr_old" } } };
            var fromTable = (RestoreDatabase[])attribute.Transform(null, new object[] { table, "orders" });
            Assert.Equal(2, fromTable.Length);
            Assert.Equal("customers", fromTable[0].Db);
            Assert.Equal(new[] { "profiles", "addresses" }, fromTable[0].Collections.Select(c => c.OldCollection));
            Assert.Equal(new string[] { null, "addr_old" }, fromTable[0].Collections.Select(c => c.NewCollection));

            Assert.Throws<System.Management.Automation.ArgumentTransformationMetadataException>(() => attribute.Transform(null, new Hashtable { ["Collections"] = "x" }));
            Assert.Throws<System.Management.Automation.ArgumentTransformationMetadataException>(() => attribute.Transform(null, " "));
        }
    }

    public class CompletionCacheTests
    {
        private static (CompletionCache Cache, Action<TimeSpan> Advance) NewCache()
        {
            TimeSpan now = TimeSpan.FromHours(1);
            var cache = new CompletionCache { Timing = new Timing { Monotonic = () => now } };
            return (cache, by => now += by);
        }

        [Fact]
        public void KeepsAnAnswerAMinuteThenAsksAgain()
        {
            (CompletionCache cache, Action<TimeSpan> advance) = NewCache();
            int asked = 0;
            Task<IReadOnlyList<string>> Fetch(System.Threading.CancellationToken ct) { asked++; return Task.FromResult<IReadOnlyList<string>>(new[] { "a" + asked }); }
            Assert.Equal(new[] { "a1" }, cache.Get<string>("k", Fetch));
            advance(TimeSpan.FromSeconds(59));
            Assert.Equal(new[] { "a1" }, cache.Get<string>("k", Fetch));
            Assert.Equal(1, asked);
            advance(TimeSpan.FromSeconds(2));
            Assert.Equal(new[] { "a2" }, cache.Get<string>("k", Fetch));
            Assert.Equal(new[] { "b2" }, cache.Get<string>("other", ct => { asked++; return Task.FromResult<IReadOnlyList<string>>(new[] { "b2" }); }));
        }

        [Fact]
        public void AFailureIsSilentAndKeptOnlyAShortWhile()
        {
            (CompletionCache cache, Action<TimeSpan> advance) = NewCache();
            int asked = 0;
            Task<IReadOnlyList<string>> Fail(System.Threading.CancellationToken ct) { asked++; throw new TencentCloudException(ErrorCatalog.ConnectionFailure, "down"); }
            Assert.Empty(cache.Get<string>("k", Fail));
            Assert.Empty(cache.Get<string>("k", Fail));
            Assert.Equal(1, asked);
            advance(CompletionCache.FailureLifetime + TimeSpan.FromSeconds(1));
            Assert.Empty(cache.Get<string>("k", Fail));
            Assert.Equal(2, asked);
        }

        [Fact]
        public void QuotesWhatPowerShellWouldNotReadBack()
        {
            Assert.Equal("cmgo-p8vnipr5", CompletionCache.Quote("cmgo-p8vnipr5"));
            Assert.Equal("'cmgo-p8vnipr5_2026-01-01 03:00'", CompletionCache.Quote("cmgo-p8vnipr5_2026-01-01 03:00"));
            Assert.Equal("'it''s'", CompletionCache.Quote("it's"));
            Assert.Equal("cmgo-", CompletionCache.Prefix("'cmgo-"));
        }

        [Fact]
        public void NoCredentialMeansNoApi()
        {
            var fake = new Hashtable { ["Region"] = "ap-guangzhou", ["ProfileName"] = "no-such-profile-for-tests" };
            Assert.Null(CompletionCache.ApiFor(fake, out string key));
            Assert.Null(key);
        }
    }
}
