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
            Assert.NotNull(RetryPolicy.TransientReason("DescribeBackupDownloadTask", Error(code)));
            Assert.NotNull(RetryPolicy.TransientReason("CreateBackupDownloadTask", Error(code)));
        }

        [Theory]
        [InlineData("InternalError", null)]
        [InlineData("InternalError.DbError", null)]
        [InlineData("ResourceUnavailable", null)]
        [InlineData(ClientErrorCodes.HttpError, 502)]
        [InlineData(ClientErrorCodes.HttpError, 503)]
        [InlineData(ClientErrorCodes.Timeout, null)]
        [InlineData(ClientErrorCodes.ConnectionFailure, null)]
        [InlineData(ClientErrorCodes.InvalidResponse, 200)]
        public void TransientFailuresAreRetriedForSafeActionsOnly(string code, int? status)
        {
            Assert.NotNull(RetryPolicy.TransientReason("DescribeDBBackups", Error(code, status)));
            Assert.Null(RetryPolicy.TransientReason("CreateBackupDownloadTask", Error(code, status)));
            Assert.Null(RetryPolicy.TransientReason("SetBackupRules", Error(code, status)));
        }

        [Fact]
        public void AConnectionNeverMadeIsRetriedEvenForCreate() =>
            Assert.NotNull(RetryPolicy.TransientReason("CreateBackupDownloadTask", Error(ClientErrorCodes.ConnectionFailure, notSent: true)));

        [Fact]
        public void AnUnresolvableHostIsNotWorthRetrying() =>
            Assert.Null(RetryPolicy.TransientReason("DescribeDBBackups", Error(ClientErrorCodes.ConnectionFailure, notSent: true, hostNotFound: true)));

        [Theory]
        [InlineData("AuthFailure.SignatureFailure")]
        [InlineData("InvalidParameterValue.NotFoundInstance")]
        [InlineData("UnauthorizedOperation")]
        [InlineData(ClientErrorCodes.HttpError)] // 404
        public void PermanentFailuresAreNotRetried(string code) =>
            Assert.Null(RetryPolicy.TransientReason("DescribeBackupDownloadTask", Error(code, 404)));

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
        public void RecognisesRefusedAndUnresolvedConnections()
        {
            Assert.True(RetryPolicy.ConnectionNeverMade(new HttpRequestException("x", new SocketException((int)SocketError.ConnectionRefused)), out bool h1));
            Assert.False(h1);
            Assert.True(RetryPolicy.ConnectionNeverMade(new HttpRequestException("x", new SocketException((int)SocketError.HostNotFound)), out bool h2));
            Assert.True(h2);
            Assert.False(RetryPolicy.ConnectionNeverMade(new HttpRequestException("x", new System.IO.IOException("reset")), out _));
        }
    }

    public class RateLimiterTests
    {
        [Fact]
        public async Task NoWindowEverHoldsMoreThanTheLimit()
        {
            long now = 0;
            var delays = new List<TimeSpan>();
            var limiter = new RateLimiter(5, TimeSpan.FromSeconds(1), () => now,
                (d, ct) => { delays.Add(d); now += (long)(d.TotalSeconds * Stopwatch.Frequency); return Task.CompletedTask; });
            var sent = new List<long>();
            var answered = new List<long>();
            for (int i = 0; i < 23; i++)
            {
                using (await limiter.AcquireAsync(CancellationToken.None))
                {
                    sent.Add(now);
                    now += Stopwatch.Frequency / 100; // the answer takes 10 ms
                    answered.Add(now);
                }
            }
            // Request i+5 leaves only a full window after request i was answered: the service saw them a window apart.
            for (int i = 5; i < sent.Count; i++)
                Assert.True(sent[i] - answered[i - 5] >= Stopwatch.Frequency, $"request {i} left less than a second after request {i - 5} was answered");
            // 23 requests at 5 per second: the last leaves at about 4 s, not much later.
            Assert.InRange((double)sent[^1] / Stopwatch.Frequency, 4.0, 4.3);
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
            var limiter = new RateLimiter(1, TimeSpan.FromSeconds(1), () => Interlocked.Read(ref now),
                (d, ct) => { Interlocked.Add(ref now, (long)(d.TotalSeconds * Stopwatch.Frequency)); return Task.CompletedTask; });
            var first = await limiter.AcquireAsync(CancellationToken.None);
            Interlocked.Add(ref now, 10 * Stopwatch.Frequency); // ten seconds later, the first request still awaits its answer
            Task<RateLimiter.Lease> second = limiter.AcquireAsync(CancellationToken.None);
            await Task.Yield();
            Assert.False(second.IsCompleted);
            first.Dispose(); // answered at 10 s: the slot counts until 11 s
            using RateLimiter.Lease lease = await second.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(Interlocked.Read(ref now) >= 11 * Stopwatch.Frequency);
        }

        [Fact]
        public void TheDocumentedLimitsApply()
        {
            Assert.Equal(20, RateLimiter.DocumentedLimit("DescribeBackupDownloadTask"));
            Assert.Equal(150, RateLimiter.DocumentedLimit("DescribeDBBackups"));
            Assert.Equal(20, RateLimiter.DocumentedLimit("SomethingUndocumented"));
            Assert.Same(RateLimiter.For("https://h", "id", "A"), RateLimiter.For("https://h", "id", "A"));
            Assert.NotSame(RateLimiter.For("https://h", "id", "A"), RateLimiter.For("https://h", "other", "A"));
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
                Endpoint = new Uri("https://mongodb.tencentcloudapi.com/"),
                Retry = new RetryPolicy(maxRetries, TimeSpan.FromSeconds(20)),
            }, log, new HttpClient(handler))
            {
                LimiterFor = _ => new RateLimiter(1000, TimeSpan.FromSeconds(1)),
                RetryDelay = (d, ct) => { delays.Add(d); return Task.CompletedTask; },
                NextRandom = () => 0.5,
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
            ApiResponse r = await client.InvokeAsync("DescribeBackupDownloadTask", new JsonObject(), CancellationToken.None);
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
            var e = await Assert.ThrowsAsync<TencentCloudApiException>(() => client.InvokeAsync("DescribeDBBackups", null, CancellationToken.None));
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
            await Assert.ThrowsAsync<TencentCloudApiException>(() => client.InvokeAsync("DescribeDBBackups", null, CancellationToken.None));
            Assert.Single(answers);
        }

        [Fact]
        public async Task CreateIsNotRetriedAfterTheRequestMayHaveArrived()
        {
            var answers = new Queue<Func<HttpResponseMessage>>(new[] { ApiError("InternalError"), Answer(HttpStatusCode.OK, Ok) });
            var (client, delays, _) = Make(answers);
            await Assert.ThrowsAsync<TencentCloudApiException>(() => client.InvokeAsync("CreateBackupDownloadTask", null, CancellationToken.None));
            Assert.Empty(delays);
            Assert.Single(answers);
        }

        [Fact]
        public async Task CreateIsRetriedWhenThrottled()
        {
            var answers = new Queue<Func<HttpResponseMessage>>(new[] { ApiError("RequestLimitExceeded.UinLimitExceeded"), Answer(HttpStatusCode.OK, Ok) });
            var (client, delays, _) = Make(answers);
            ApiResponse r = await client.InvokeAsync("CreateBackupDownloadTask", null, CancellationToken.None);
            Assert.Equal("ok", r.RequestId);
            Assert.Single(delays);
        }

        [Fact]
        public async Task PermanentErrorsFailAtOnce()
        {
            var answers = new Queue<Func<HttpResponseMessage>>(new[] { ApiError("InvalidParameterValue.NotFoundInstance"), Answer(HttpStatusCode.OK, Ok) });
            var (client, delays, _) = Make(answers);
            var e = await Assert.ThrowsAsync<TencentCloudApiException>(() => client.InvokeAsync("DescribeBackupDownloadTask", null, CancellationToken.None));
            Assert.Equal(1, e.Attempts);
            Assert.Empty(delays);
        }

        [Fact]
        public async Task TheSameBodyIsSentAgain()
        {
            var bodies = new List<string>();
            var answers = new Queue<Func<HttpResponseMessage>>(new[] { ApiError("InternalError"), Answer(HttpStatusCode.OK, Ok) });
            var handler = new FakeHandler(async (r, ct) => { bodies.Add(await r.Content.ReadAsStringAsync(ct)); return answers.Dequeue()(); });
            var client = new TencentCloudClient(new ResolvedSettings { Credential = new TencentCloudCredential("AKIDtest00000000", "k") }, null, new HttpClient(handler))
            {
                LimiterFor = _ => new RateLimiter(1000, TimeSpan.FromSeconds(1)),
                RetryDelay = (d, ct) => Task.CompletedTask,
            };
            await client.InvokeAsync("DescribeBackupDownloadTask", new JsonObject { ["Offset"] = 200L, ["Limit"] = 100L }, CancellationToken.None);
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
                Retry = new RetryPolicy(5, TimeSpan.FromHours(1), TimeSpan.FromHours(1), TimeSpan.FromHours(2)),
            }, null, new HttpClient(handler)) { LimiterFor = _ => new RateLimiter(1000, TimeSpan.FromSeconds(1)), NextRandom = () => 0.9 };
            using var cts = new CancellationTokenSource(100);
            var watch = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.InvokeAsync("DescribeDBBackups", null, cts.Token));
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
