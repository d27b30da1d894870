using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Client;
using Xunit;

namespace MongoBackup.Tests
{
    public class RetryPolicyTests
    {
        private static TencentCloudException Error(string code, int? status = null, bool notSent = false, bool hostNotFound = false) =>
            new TencentCloudException(code, "x") { HttpStatus = status, RequestNotSent = notSent, HostNotFound = hostNotFound };

        [Theory]
        [InlineData("RequestLimitExceeded")]
        [InlineData("RequestLimitExceeded.UinLimitExceeded")]
        [InlineData("RequestLimitExceeded.IPLimitExceeded")]
        [InlineData("RequestLimitExceeded.GlobalRegionUinLimitExceeded")]
        public void ThrottlingIsRetriedForEveryAction(string code)
        {
            Assert.NotNull(RetryPolicy.TransientReason(true, Error(code)));
            Assert.NotNull(RetryPolicy.TransientReason(false, Error(code)));
        }

        [Theory]
        [InlineData("InternalError", null)]
        [InlineData("InternalError.DbError", null)]
        [InlineData("ResourceUnavailable", null)]
        [InlineData(ErrorCatalog.HttpError, 502)]
        [InlineData(ErrorCatalog.HttpError, 503)]
        [InlineData(ErrorCatalog.RequestTimeout, null)]
        [InlineData(ErrorCatalog.ConnectionFailure, null)]
        [InlineData(ErrorCatalog.InvalidResponse, 200)]
        public void TransientFailuresAreRetriedForSafeActionsOnly(string code, int? status)
        {
            Assert.NotNull(RetryPolicy.TransientReason(true, Error(code, status)));
            Assert.Null(RetryPolicy.TransientReason(false, Error(code, status)));
            Assert.Null(RetryPolicy.TransientReason(false, Error(code, status)));
        }

        [Fact]
        public void AConnectionNeverMadeIsRetriedEvenForCreate() =>
            Assert.NotNull(RetryPolicy.TransientReason(false, Error(ErrorCatalog.ConnectionFailure, notSent: true)));

        [Fact]
        public void AnUnresolvableHostIsNotWorthRetrying() =>
            Assert.Null(RetryPolicy.TransientReason(true, Error(ErrorCatalog.ConnectionFailure, notSent: true, hostNotFound: true)));

        [Theory]
        [InlineData("AuthFailure.SignatureFailure")]
        [InlineData("InvalidParameterValue.NotFoundInstance")]
        [InlineData("UnauthorizedOperation")]
        [InlineData(ErrorCatalog.HttpError)] // 404
        public void PermanentFailuresAreNotRetried(string code) =>
            Assert.Null(RetryPolicy.TransientReason(true, Error(code, 404)));

        [Fact]
        public void BackoffIsExponentialWithFullJitterAndCapped()
        {
            var policy = new RetryPolicy(10, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(500));
            Assert.Equal(TimeSpan.Zero, policy.Delay(1, 0));
            Assert.Equal(TimeSpan.FromMilliseconds(250), policy.Delay(1, 0.5));
            Assert.Equal(TimeSpan.FromMilliseconds(500), policy.Delay(2, 0.5));
            Assert.Equal(TimeSpan.FromMilliseconds(1000), policy.Delay(3, 0.5));
            Assert.Equal(TimeSpan.FromSeconds(2.5), policy.Delay(9, 0.5));   // capped at 5 s, half of it
            Assert.True(policy.Delay(60, 0.999) <= TimeSpan.FromSeconds(5));
        }

        [Fact]
        public void RetryAfterIsHonouredWithinTheCap()
        {
            var policy = new RetryPolicy(5, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
            Assert.Equal(TimeSpan.FromSeconds(7), policy.Delay(1, 0.0, TimeSpan.FromSeconds(7)));
            Assert.Equal(TimeSpan.FromSeconds(30), policy.Delay(1, 0.0, TimeSpan.FromMinutes(10)));
            Assert.Equal(TimeSpan.FromSeconds(1), policy.Delay(2, 0.5, TimeSpan.FromMilliseconds(10)));
        }

        [Fact]
        public void MaxRetriesCountsRetriesAfterFailures()
        {
            var policy = new RetryPolicy(2, TimeSpan.FromSeconds(1));
            Assert.True(policy.AllowsRetry(1));
            Assert.True(policy.AllowsRetry(2));
            Assert.False(policy.AllowsRetry(3));
            Assert.False(new RetryPolicy(0, TimeSpan.Zero).AllowsRetry(1));
        }

        [Theory]
        [InlineData(408, true)]
        [InlineData(429, true)]
        [InlineData(500, true)]
        [InlineData(503, true)]
        [InlineData(403, false)]
        [InlineData(404, false)]
        [InlineData(200, false)]
        public void OneClassifierOfHttpStatuses(int status, bool transient) => Assert.Equal(transient, Failures.IsTransientStatus(status));

        [Fact]
        public void RecognisesRefusedAndUnresolvedConnections()
        {
            Assert.True(Failures.ConnectionNeverMade(new HttpRequestException("x", new SocketException((int)SocketError.ConnectionRefused)), out bool h1));
            Assert.False(h1);
            Assert.True(Failures.ConnectionNeverMade(new HttpRequestException("x", new SocketException((int)SocketError.HostNotFound)), out bool h2));
            Assert.True(h2);
            Assert.False(Failures.ConnectionNeverMade(new HttpRequestException("x", new System.IO.IOException("reset")), out _));
        }
    }

    public class RateLimiterTests
    {
        [Fact]
        public async Task NoWindowEverHoldsMoreThanTheLimit()
        {
            TimeSpan now = TimeSpan.Zero;
            var delays = new List<TimeSpan>();
            var timing = new Timing { Monotonic = () => now, Delay = (d, ct) => { delays.Add(d); now += d; return Task.CompletedTask; } };
            var limiter = new RateLimiter(5, TimeSpan.FromSeconds(1), timing);
            var sent = new List<TimeSpan>();
            var answered = new List<TimeSpan>();
            for (int i = 0; i < 23; i++)
            {
                using (await limiter.AcquireAsync(CancellationToken.None))
                {
                    sent.Add(now);
                    now += TimeSpan.FromMilliseconds(10); // the answer takes 10 ms
                    answered.Add(now);
                }
            }
            // Request i+5 leaves only a full window after request i was answered: the service saw them a window apart.
            for (int i = 5; i < sent.Count; i++)
                Assert.True(sent[i] - answered[i - 5] >= TimeSpan.FromSeconds(1), $"request {i} left less than a second after request {i - 5} was answered");
            // 23 requests at 5 per second: the last leaves at about 4 s, not much later.
            Assert.InRange(sent[^1].TotalSeconds, 4.0, 4.3);
        }

        [Fact]
        public async Task WaitingIsCancellable()
        {
            var limiter = new RateLimiter(1, TimeSpan.FromHours(1));
            (await limiter.AcquireAsync(CancellationToken.None)).Dispose();
            using var cts = new CancellationTokenSource(50);
            var watch = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.AcquireAsync(cts.Token));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
        }

        [Fact]
        public async Task ParallelCallersShareOneLimit()
        {
            var limiter = new RateLimiter(10, TimeSpan.FromMilliseconds(300));
            var times = new System.Collections.Concurrent.ConcurrentBag<long>();
            await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
            {
                for (int i = 0; i < 3; i++) { using (await limiter.AcquireAsync(CancellationToken.None)) times.Add(Stopwatch.GetTimestamp()); }
            })));
            long[] sorted = times.OrderBy(t => t).ToArray();
            Assert.Equal(48, sorted.Length);
            long window = (long)(0.3 * Stopwatch.Frequency);
            for (int i = 10; i < sorted.Length; i++)
                Assert.True(sorted[i] - sorted[i - 10] >= window * 0.99, "more than 10 requests in one window");
        }

        [Fact]
        public async Task ASlotInFlightIsNotFreedByTime()
        {
            long now = 0;
            var timing = new Timing
            {
                Monotonic = () => TimeSpan.FromTicks(Interlocked.Read(ref now)),
                Delay = (d, ct) => { Interlocked.Add(ref now, d.Ticks); return Task.CompletedTask; },
            };
            var limiter = new RateLimiter(1, TimeSpan.FromSeconds(1), timing);
            var first = await limiter.AcquireAsync(CancellationToken.None);
            Interlocked.Add(ref now, TimeSpan.FromSeconds(10).Ticks); // ten seconds later, the first request still awaits its answer
            Task<RateLimiter.Lease> second = limiter.AcquireAsync(CancellationToken.None);
            await Task.Yield();
            Assert.False(second.IsCompleted);
            first.Dispose(); // answered at 10 s: the slot counts until 11 s
            using RateLimiter.Lease lease = await second.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(Interlocked.Read(ref now) >= TimeSpan.FromSeconds(11).Ticks);
        }

        [Fact]
        public void TheDocumentedLimitsApply()
        {
            Assert.Equal(20, RateLimiter.For("https://h", "id", TestActions.Describe).Limit);
            Assert.Equal(150, RateLimiter.For("https://h", "id", TestActions.DescribeBackups).Limit);
            Assert.Equal(20, RateLimiter.For("https://h", "id", TestActions.Named("SomethingUndocumented")).Limit);
            Assert.Same(RateLimiter.For("https://h", "id", TestActions.Describe), RateLimiter.For("https://h", "id", TestActions.Describe));
            Assert.NotSame(RateLimiter.For("https://h", "id", TestActions.Describe), RateLimiter.For("https://h", "other", TestActions.Describe));
        }
    }

    public class ClientRetryTests
    {
        private const string Ok = "{\"Response\":{\"TotalCount\":1,\"RequestId\":\"ok\"}}";

        private static (TencentCloudClient Client, List<TimeSpan> Delays, List<string> Log) Make(Queue<Func<HttpResponseMessage>> answers, int maxRetries = 5)
        {
            var handler = new FakeHandler((r, ct) => Task.FromResult(answers.Dequeue()()));
            var log = new Recorder();
            var delays = new List<TimeSpan>();
            var client = new TencentCloudClient(new ResolvedSettings
            {
                Credential = new TencentCloudCredential("AKIDtest00000000", "k"),
                Region = "ap-guangzhou",
                Endpoint = new Uri("https://mongodb.tencentcloudapi.com/"),
                Retry = new RetryPolicy(maxRetries, TimeSpan.FromSeconds(20)),
            }, log, new HttpClient(handler), new Timing { Delay = (d, ct) => { delays.Add(d); return Task.CompletedTask; }, NextRandom = () => 0.5 })
            {
                LimiterFor = _ => new RateLimiter(1000, TimeSpan.FromSeconds(1)),
            };
            return (client, delays, log.Lines);
        }

        private static Func<HttpResponseMessage> Answer(HttpStatusCode status, string body) =>
            () => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8) };

        private static Func<HttpResponseMessage> ApiError(string code) =>
            Answer(HttpStatusCode.OK, "{\"Response\":{\"Error\":{\"Code\":\"" + code + "\",\"Message\":\"m\"},\"RequestId\":\"r-" + code + "\"}}");

        [Fact]
        public async Task RetriesTransientFailuresOfSafeActionsThenSucceeds()
        {
            var answers = new Queue<Func<HttpResponseMessage>>(new[]
            {
                ApiError("RequestLimitExceeded"), ApiError("InternalError"), Answer(HttpStatusCode.BadGateway, "<html>502</html>"),
                Answer(HttpStatusCode.OK, "{\"Response\":{\"Tas"), Answer(HttpStatusCode.OK, Ok),
            });
            var (client, delays, log) = Make(answers);
            ApiResponse r = await client.InvokeAsync(TestActions.Describe, new JsonObject(), CancellationToken.None);
            Assert.Equal("ok", r.RequestId);
            Assert.Equal(4, delays.Count);
            Assert.Equal(new[] { 250.0, 500, 1000, 2000 }, delays.Select(d => d.TotalMilliseconds));
            Assert.Equal(4, log.Count(l => l.Contains("retry")));
            Assert.Contains(log, l => l.Contains("RequestLimitExceeded") && l.Contains("retry 1 of 5"));
            Assert.Contains(log, l => l.Contains("HTTP 502"));
        }

        [Fact]
        public async Task GivesUpAfterMaxRetriesWithTheLastError()
        {
            var answers = new Queue<Func<HttpResponseMessage>>(Enumerable.Range(0, 10).Select(_ => ApiError("InternalError")));
            var (client, delays, _) = Make(answers, maxRetries: 3);
            var e = await Assert.ThrowsAsync<TencentCloudApiException>(() => client.InvokeAsync(TestActions.DescribeBackups, null, CancellationToken.None));
            Assert.Equal("InternalError", e.Code);
            Assert.Equal(4, e.Attempts);
            Assert.Equal(3, delays.Count);
            Assert.Equal(6, answers.Count);
        }

        [Fact]
        public async Task ZeroRetriesMeansOneAttempt()
        {
            var answers = new Queue<Func<HttpResponseMessage>>(new[] { ApiError("RequestLimitExceeded"), Answer(HttpStatusCode.OK, Ok) });
            var (client, _, _) = Make(answers, maxRetries: 0);
            await Assert.ThrowsAsync<TencentCloudApiException>(() => client.InvokeAsync(TestActions.DescribeBackups, null, CancellationToken.None));
            Assert.Single(answers);
        }

        [Fact]
        public async Task CreateIsNotRetriedAfterTheRequestMayHaveArrived()
        {
            var answers = new Queue<Func<HttpResponseMessage>>(new[] { ApiError("InternalError"), Answer(HttpStatusCode.OK, Ok) });
            var (client, delays, _) = Make(answers);
            await Assert.ThrowsAsync<TencentCloudApiException>(() => client.InvokeAsync(TestActions.Create, null, CancellationToken.None));
            Assert.Empty(delays);
            Assert.Single(answers);
        }

        [Fact]
        public async Task CreateIsRetriedWhenThrottled()
        {
            var answers = new Queue<Func<HttpResponseMessage>>(new[] { ApiError("RequestLimitExceeded.UinLimitExceeded"), Answer(HttpStatusCode.OK, Ok) });
            var (client, delays, _) = Make(answers);
            ApiResponse r = await client.InvokeAsync(TestActions.Create, null, CancellationToken.None);
            Assert.Equal("ok", r.RequestId);
            Assert.Single(delays);
        }

        [Fact]
        public async Task PermanentErrorsFailAtOnce()
        {
            var answers = new Queue<Func<HttpResponseMessage>>(new[] { ApiError("InvalidParameterValue.NotFoundInstance"), Answer(HttpStatusCode.OK, Ok) });
            var (client, delays, _) = Make(answers);
            var e = await Assert.ThrowsAsync<TencentCloudApiException>(() => client.InvokeAsync(TestActions.Describe, null, CancellationToken.None));
            Assert.Equal(1, e.Attempts);
            Assert.Empty(delays);
        }

        [Fact]
        public async Task TheSameBodyIsSentAgain()
        {
            var bodies = new List<string>();
            var answers = new Queue<Func<HttpResponseMessage>>(new[] { ApiError("InternalError"), Answer(HttpStatusCode.OK, Ok) });
            var handler = new FakeHandler(async (r, ct) => { bodies.Add(await r.Content.ReadAsStringAsync(ct)); return answers.Dequeue()(); });
            var client = new TencentCloudClient(new ResolvedSettings { Credential = new TencentCloudCredential("AKIDtest00000000", "k"), Region = "ap-guangzhou" },
                null, new HttpClient(handler), new Timing { Delay = (d, ct) => Task.CompletedTask })
            {
                LimiterFor = _ => new RateLimiter(1000, TimeSpan.FromSeconds(1)),
            };
            await client.InvokeAsync(TestActions.Describe, new JsonObject { ["Offset"] = 200L, ["Limit"] = 100L }, CancellationToken.None);
            Assert.Equal(2, bodies.Count);
            Assert.Equal(bodies[0], bodies[1]);
            Assert.Contains("\"Offset\":200", bodies[1]);
        }

        [Fact]
        public async Task CancellationStopsARetryWait()
        {
            var answers = new Queue<Func<HttpResponseMessage>>(new[] { ApiError("InternalError"), Answer(HttpStatusCode.OK, Ok) });
            var handler = new FakeHandler((r, ct) => Task.FromResult(answers.Dequeue()()));
            var client = new TencentCloudClient(new ResolvedSettings
            {
                Credential = new TencentCloudCredential("AKIDtest00000000", "k"),
                Region = "ap-guangzhou",
                Retry = new RetryPolicy(5, TimeSpan.FromHours(1), TimeSpan.FromHours(1), TimeSpan.FromHours(2)),
            }, null, new HttpClient(handler), new Timing { NextRandom = () => 0.9 }) { LimiterFor = _ => new RateLimiter(1000, TimeSpan.FromSeconds(1)) };
            using var cts = new CancellationTokenSource(100);
            var watch = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.InvokeAsync(TestActions.DescribeBackups, null, cts.Token));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
        }

        private sealed class Recorder : IApiLog
        {
            public List<string> Lines { get; } = new List<string>();
            public void Verbose(string message) { lock (Lines) Lines.Add(message); }
            public void Debug(string message) { lock (Lines) Lines.Add(message); }
        }
    }
}
