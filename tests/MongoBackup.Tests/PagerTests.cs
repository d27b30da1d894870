using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Api;
using MongoBackup.Client;
using Xunit;

namespace MongoBackup.Tests
{
    /// <summary>A service that lists N download tasks, reading Offset as items or as a page index, recording each request.</summary>
    internal sealed class FakeListing
    {
        private readonly int _count;
        private readonly OffsetReading _reading;

        public FakeListing(int count, OffsetReading reading)
        {
            _count = count;
            _reading = reading;
        }

        public List<(long Offset, long Limit)> Requests { get; } = new List<(long, long)>();

        /// <summary>Answers with a TotalCount larger than the items it holds (a service that promises more than it delivers).</summary>
        public int? ClaimedTotal { get; set; }

        /// <summary>The text of an answer to (offset, limit).</summary>
        public string Answer(long offset, long limit)
        {
            Requests.Add((offset, limit));
            long start = _reading == OffsetReading.Items ? offset : offset * limit;
            var tasks = new List<string>();
            for (long i = start; i < Math.Min(_count, start + limit); i++)
                tasks.Add($"{{\"ReplicaSetId\":\"cmgo-aaaaaaaa_0\",\"BackupName\":\"b{i}\",\"CreateTime\":\"2026-01-01 00:00:00\",\"Status\":2,\"BackupSize\":{i},\"Url\":\"https://x/{i}?sig={Guid.NewGuid():N}\"}}");
            return $"{{\"Response\":{{\"TotalCount\":{ClaimedTotal ?? _count},\"Tasks\":[{string.Join(",", tasks)}],\"RequestId\":\"r\"}}}}";
        }

        public TencentCloudClient Client(string endpoint = "https://mongodb.tencentcloudapi.com/")
        {
            var handler = new FakeHandler(async (r, ct) =>
            {
                var body = (JsonObject)MongoBackup.Client.Json.Parse(await r.Content.ReadAsStringAsync(ct));
                string text = Answer(body.GetInt64("Offset"), body.GetInt64("Limit"));
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
            });
            return new TencentCloudClient(new ResolvedSettings
            {
                Credential = new TencentCloudCredential("AKIDtest00000000", "k"),
                Region = "ap-guangzhou",
                Endpoint = new Uri(endpoint),
            }, null, new HttpClient(handler)) { LimiterFor = _ => new RateLimiter(100000, TimeSpan.FromSeconds(1)) };
        }
    }

    public class PagerTests
    {
        private static async Task<(List<long> Items, IPager<BackupDownloadTask> Pager)> ListAsync(FakeListing service, PageWindow window, OffsetModes modes = null)
        {
            var query = new DownloadTaskQuery { InstanceId = "cmgo-aaaaaaaa" };
            var pager = new Pager<DownloadTaskQuery, BackupDownloadTask>(service.Client(), DescribeBackupDownloadTask.Action, query, window, "cmgo-aaaaaaaa", modes ?? new OffsetModes());
            var items = new List<long>();
            while (pager.HasMore) items.AddRange((await pager.NextAsync(CancellationToken.None)).Items.Select(t => t.BackupSize));
            return (items, pager);
        }

        private static OffsetReading Reading(bool pages) => pages ? OffsetReading.Pages : OffsetReading.Items;

        private static IEnumerable<long> Range(long start, long count) => Enumerable.Range(0, (int)count).Select(i => start + i);

        public static IEnumerable<object[]> Listings() =>
            from pages in new[] { false, true }
            from count in new[] { 0, 1, 99, 100, 101, 199, 200, 250, 5000 }
            from limit in new[] { 100, 30, 2 }
            select new object[] { pages, count, limit };

        [Theory]
        [MemberData(nameof(Listings))]
        public async Task AFullListingIsCompleteWithoutDuplicatesInAtMostOneExtraRequest(bool pages, int count, int limit)
        {
            var service = new FakeListing(count, Reading(pages));
            var (items, pager) = await ListAsync(service, new PageWindow(pageSize: limit));
            Assert.Equal(Range(0, count), items);
            Assert.Null(pager.Shortfall);
            int floor = Math.Max(1, (count + limit - 1) / limit);
            Assert.InRange(service.Requests.Count, floor, floor + 1);
        }

        public static IEnumerable<object[]> Windows() =>
            from pages in new[] { false, true }
            from window in new[] { (0L, 7UL), (10L, 7UL), (25L, 130UL), (99L, 2UL), (100L, 100UL), (150L, 1000UL), (0L, 130UL), (4999L, 5UL), (5000L, 5UL), (137L, 1UL), (3333L, 2000UL) }
            from limit in new[] { 100, 30 }
            select new object[] { pages, window.Item1, (long)window.Item2, limit };

        [Theory]
        [MemberData(nameof(Windows))]
        public async Task OffsetSkipAndFirstCountItemsUnderBothReadings(bool pages, long start, long first, int limit)
        {
            const int count = 5000;
            var service = new FakeListing(count, Reading(pages));
            var (items, pager) = await ListAsync(service, new PageWindow(start, (ulong)first, limit));
            long expected = Math.Max(0, Math.Min(first, count - start));
            Assert.Equal(Range(start, expected), items);
            Assert.Null(pager.Shortfall);
            // Pages touched by the window, plus the requests the probe may cost.
            long touched = expected == 0 ? 1 : (start + expected - 1) / limit - start / limit + 1;
            Assert.True(service.Requests.Count <= touched + 2, $"{service.Requests.Count} requests for {expected} items from {start}");
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task TheReadingIsFoundOnceAndRememberedForTheEndpoint(bool pages)
        {
            OffsetReading reading = Reading(pages);
            var modes = new OffsetModes();
            var first = new FakeListing(250, reading);
            await ListAsync(first, PageWindow.All, modes);
            Assert.Equal(reading, modes.Find("https://mongodb.tencentcloudapi.com", "DescribeBackupDownloadTask"));
            var second = new FakeListing(250, reading);
            var (items, _) = await ListAsync(second, PageWindow.All, modes);
            Assert.Equal(Range(0, 250), items);
            Assert.Equal(3, second.Requests.Count); // no probe the second time
            Assert.Equal(reading == OffsetReading.Items ? new long[] { 0, 100, 200 } : new long[] { 0, 1, 2 }, second.Requests.Select(r => r.Offset));
        }

        [Fact]
        public async Task TheFirstPageIsTheSameUnderBothReadings()
        {
            var service = new FakeListing(250, OffsetReading.Pages);
            await ListAsync(service, new PageWindow(first: 50));
            Assert.Equal(new[] { (0L, 50L) }, service.Requests);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task ATotalCountThatPromisesMoreIsAShortfall(bool pages)
        {
            var service = new FakeListing(250, Reading(pages)) { ClaimedTotal = 300 };
            var (items, pager) = await ListAsync(service, PageWindow.All);
            Assert.Equal(Range(0, 250), items);
            Assert.NotNull(pager.Shortfall);
            Assert.Equal(ErrorCatalog.IncompleteListing, pager.Shortfall.Code);
            Assert.Contains("300", pager.Shortfall.Message);
            Assert.Contains("250", pager.Shortfall.Message);
        }

        [Fact]
        public async Task AnAnswerThatFitsNeitherReadingStopsWithAShortfall()
        {
            // 150 claimed, 100 held: the probe at Offset 1 gets 99 items (items) where 50 (pages) or 100 (items of 150) were due.
            var service = new FakeListing(100, OffsetReading.Items) { ClaimedTotal = 150 };
            var (items, pager) = await ListAsync(service, PageWindow.All);
            Assert.Equal(Range(0, 100), items);
            Assert.Equal(ErrorCatalog.IncompleteListing, pager.Shortfall?.Code);
        }

        [Fact]
        public async Task CountOnlyAsksForTheSmallestPage()
        {
            var service = new FakeListing(250, OffsetReading.Pages);
            var (items, pager) = await ListAsync(service, new PageWindow(first: 0, countOnly: true));
            Assert.Empty(items);
            Assert.Equal(250, pager.TotalCount);
            Assert.Equal(new[] { (0L, 1L) }, service.Requests);
        }

        [Fact]
        public async Task OffsetsThatCountItemsAreNeverProbed()
        {
            var service = new FakeListing(250, OffsetReading.Items);
            var query = new BackupQuery { InstanceId = "cmgo-aaaaaaaa" };
            var handlerless = new Pager<BackupQuery, Backup>(service.Client(), DescribeDBBackups.Action, query, PageWindow.All, "x", new OffsetModes());
            Assert.Equal(OffsetReading.Items, ((Pager<BackupQuery, Backup>)handlerless).Mode);
        }

        [Fact]
        public async Task InstancesAreNeverAskedWithLimitOne()
        {
            var service = new FakeListing(5, OffsetReading.Items);
            var pager = new Pager<InstanceQuery, Instance>(service.Client(), DescribeDBInstances.Action, new InstanceQuery(), new PageWindow(first: 1, pageSize: 1), "x", new OffsetModes());
            await pager.NextAsync(CancellationToken.None);
            Assert.Equal(2, service.Requests.Single().Limit);
        }
    }
}
