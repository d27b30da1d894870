using System.Collections.Generic;
using MongoBackup.Client;
using Xunit;

namespace MongoBackup.Tests
{
    public class PagePlanTests
    {
        /// <summary>Runs a plan against a fake list of <paramref name="total"/> items; returns the requests and the emitted indexes.</summary>
        private static (List<(long Offset, int Limit)> Requests, List<long> Emitted) Run(long total, long offset, int pageSize, ulong skip, ulong first, bool needTotal = false)
        {
            var plan = new PagePlan(offset, pageSize, skip, first, needTotal);
            var requests = new List<(long, int)>();
            var emitted = new List<long>();
            while (plan.HasNext)
            {
                long o = plan.NextOffset;
                int l = plan.NextLimit;
                requests.Add((o, l));
                int received = (int)System.Math.Max(0, System.Math.Min(l, total - o));
                int emit = plan.Accept(received, total);
                for (int i = 0; i < emit; i++) emitted.Add(o + i);
                Assert.True(requests.Count < 1000, "the plan must end");
            }
            return (requests, emitted);
        }

        [Fact]
        public void AllPagesWithTheMinimumNumberOfRequests()
        {
            var (requests, emitted) = Run(total: 250, offset: 0, pageSize: 100, skip: 0, first: ulong.MaxValue);
            Assert.Equal(new List<(long, int)> { (0, 100), (100, 100), (200, 100) }, requests);
            Assert.Equal(250, emitted.Count);
            Assert.Equal(0, emitted[0]);
            Assert.Equal(249, emitted[249]);
        }

        [Fact]
        public void ExactMultipleStopsWithoutAnEmptyPage()
        {
            var (requests, emitted) = Run(200, 0, 100, 0, ulong.MaxValue);
            Assert.Equal(2, requests.Count);
            Assert.Equal(200, emitted.Count);
        }

        [Fact]
        public void FirstAsksForNoMoreThanItNeeds()
        {
            var (requests, emitted) = Run(250, 0, 100, 0, first: 130);
            Assert.Equal(new List<(long, int)> { (0, 100), (100, 30) }, requests);
            Assert.Equal(130, emitted.Count);
        }

        [Fact]
        public void FirstSmallerThanAPage()
        {
            var (requests, emitted) = Run(250, 0, 100, 0, first: 5);
            Assert.Equal(new List<(long, int)> { (0, 5) }, requests);
            Assert.Equal(new List<long> { 0, 1, 2, 3, 4 }, emitted);
        }

        [Fact]
        public void SkipAddsToOffset()
        {
            var (requests, emitted) = Run(250, offset: 10, pageSize: 100, skip: 20, first: 3);
            Assert.Equal(new List<(long, int)> { (30, 3) }, requests);
            Assert.Equal(new List<long> { 30, 31, 32 }, emitted);
        }

        [Fact]
        public void OffsetBeyondTheEndGivesOneEmptyRequest()
        {
            var (requests, emitted) = Run(250, 300, 100, 0, ulong.MaxValue);
            Assert.Single(requests);
            Assert.Empty(emitted);
        }

        [Fact]
        public void FirstZeroMakesNoRequest()
        {
            var (requests, _) = Run(250, 0, 100, 0, first: 0);
            Assert.Empty(requests);
        }

        [Fact]
        public void FirstZeroWithTotalCountAsksForOneAndEmitsNone()
        {
            var plan = new PagePlan(0, 100, 0, 0, needTotal: true);
            Assert.True(plan.HasNext);
            Assert.Equal(1, plan.NextLimit);
            Assert.Equal(0, plan.Accept(1, 250));
            Assert.False(plan.HasNext);
            Assert.Equal(250, plan.TotalCount);
        }

        [Fact]
        public void HugeTotalCountWithEmptyPagesStops()
        {
            var plan = new PagePlan(0, 100, 0, ulong.MaxValue);
            Assert.Equal(0, plan.Accept(0, 1_000_000_000));
            Assert.False(plan.HasNext);
        }

        [Fact]
        public void PageSizeOfOne()
        {
            var (requests, emitted) = Run(3, 0, 1, 0, ulong.MaxValue);
            Assert.Equal(3, requests.Count);
            Assert.Equal(new List<long> { 0, 1, 2 }, emitted);
        }

        [Fact]
        public void AServiceThatReturnsMoreThanAskedIsTrimmed()
        {
            var plan = new PagePlan(0, 100, 0, first: 2);
            Assert.Equal(2, plan.NextLimit);
            Assert.Equal(2, plan.Accept(5, 250));
            Assert.False(plan.HasNext);
        }
    }
}
