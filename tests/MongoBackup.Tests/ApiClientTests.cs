using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Client;
using Xunit;

namespace MongoBackup.Tests
{
    /// <summary>An HttpMessageHandler that records the request and answers with a canned response.</summary>
    internal sealed class FakeHandler : HttpMessageHandler
    {
        private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _answer;
        public HttpRequestMessage Request { get; private set; }
        public byte[] Body { get; private set; }

        public FakeHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) { _answer = answer; }

        public static FakeHandler Returning(HttpStatusCode status, string body, string contentType = "application/json") =>
            new FakeHandler((r, ct) => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) }));

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            Body = request.Content == null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            return await _answer(request, cancellationToken);
        }
    }

    public class ApiClientTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 29, 0, 0, 5, TimeSpan.Zero);

        private static TencentCloudClient Client(FakeHandler handler, string region = "ap-guangzhou", string token = null, string endpoint = "https://mongodb.tencentcloudapi.com/", TimeSpan? timeout = null) =>
            new TencentCloudClient(new ResolvedSettings
            {
                Credential = new TencentCloudCredential("AKIDtest00000000", "test-secret-key", token),
                Region = region,
                Endpoint = new Uri(endpoint),
                Timeout = timeout ?? TimeSpan.FromSeconds(60),
                // These tests are about one answer each; the retries have their own tests (RetryTests).
                Retry = new RetryPolicy(0, TimeSpan.Zero),
            }, null, new HttpClient(handler), TestActions.At(Now));

        private static string Header(HttpRequestMessage r, string name) =>
            r.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

        [Fact]
        public async Task SendsASignedRequestWithTheDocumentedHeaders()
        {
            var handler = FakeHandler.Returning(HttpStatusCode.OK, "{\"Response\":{\"TotalCount\":0,\"Tasks\":[],\"RequestId\":\"r1\"}}");
            var body = new JsonObject { ["InstanceId"] = "cmgo-dygv1rnp" };
            ApiResponse response = await Client(handler).InvokeAsync(TestActions.Describe, body, CancellationToken.None);

            Assert.Equal("r1", response.RequestId);
            HttpRequestMessage r = handler.Request;
            Assert.Equal(HttpMethod.Post, r.Method);
            Assert.Equal("DescribeBackupDownloadTask", Header(r, "X-TC-Action"));
            Assert.Equal("2019-07-25", Header(r, "X-TC-Version"));
            Assert.Equal(Now.ToUnixTimeSeconds().ToString(), Header(r, "X-TC-Timestamp"));
            Assert.Equal("ap-guangzhou", Header(r, "X-TC-Region"));
            Assert.Null(Header(r, "X-TC-Token"));
            Assert.StartsWith("MongoBackup/", Header(r, "User-Agent"));
            Assert.Equal("mongodb.tencentcloudapi.com", r.Headers.Host);
            Assert.Equal("application/json; charset=utf-8", string.Join(",", r.Content.Headers.GetValues("Content-Type")));
            Assert.Equal("{\"InstanceId\":\"cmgo-dygv1rnp\"}", Encoding.UTF8.GetString(handler.Body));

            var expected = Tc3Signer.Sign("AKIDtest00000000", "test-secret-key", "mongodb", "mongodb.tencentcloudapi.com",
                "application/json; charset=utf-8", handler.Body, Now.ToUnixTimeSeconds());
            Assert.Equal(expected.Authorization, Header(r, "Authorization"));
            Assert.Contains("/2026-11-29/mongodb/tc3_request", expected.Authorization);
        }

        [Fact]
        public async Task TokenOnlyWithTemporaryCredentials()
        {
            var handler = FakeHandler.Returning(HttpStatusCode.OK, "{\"Response\":{\"RequestId\":\"r\"}}");
            await Client(handler, token: "tok").InvokeAsync(TestActions.Named("DescribeDBInstances"), null, CancellationToken.None);
            Assert.Equal("tok", Header(handler.Request, "X-TC-Token"));
            await Client(handler).InvokeAsync(TestActions.Named("DescribeDBInstances"), null, CancellationToken.None);
            Assert.Null(Header(handler.Request, "X-TC-Token"));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("  ")]
        public void NoRequestWithoutARegion(string region)
        {
            var handler = FakeHandler.Returning(HttpStatusCode.OK, "{\"Response\":{\"RequestId\":\"r\"}}");
            var e = Assert.Throws<TencentCloudException>(() => Client(handler, region: region));
            Assert.Equal(ErrorCatalog.MissingRegion, e.Code);
            Assert.Contains("nothing was sent", e.Message);
            Assert.Contains("-Region", e.RecommendedAction);
            Assert.Contains("Connect-TencentCloud -Region", e.RecommendedAction);
            Assert.Contains("TENCENTCLOUD_REGION", e.RecommendedAction);
            Assert.Contains("tccli", e.RecommendedAction);
            Assert.Null(handler.Request);
        }

        [Fact]
        public async Task HostCarriesANonDefaultPort()
        {
            var handler = FakeHandler.Returning(HttpStatusCode.OK, "{\"Response\":{\"RequestId\":\"r\"}}");
            await Client(handler, endpoint: "http://127.0.0.1:41234/").InvokeAsync(TestActions.Named("DescribeDBInstances"), null, CancellationToken.None);
            Assert.Equal("127.0.0.1:41234", handler.Request.Headers.Host);
        }

        [Fact]
        public async Task NonAsciiBodiesAreUtf8WithoutBom()
        {
            var handler = FakeHandler.Returning(HttpStatusCode.OK, "{\"Response\":{\"RequestId\":\"r\"}}");
            await Client(handler).InvokeAsync(TestActions.Named("X"), new JsonObject { ["BackupName"] = "备份 😀" }, CancellationToken.None);
            Assert.Equal(Encoding.UTF8.GetBytes("{\"BackupName\":\"备份 😀\"}"), handler.Body);
        }

        [Fact]
        public async Task AnApiErrorBecomesATypedException()
        {
            var handler = FakeHandler.Returning(HttpStatusCode.OK,
                "{\"Response\":{\"Error\":{\"Code\":\"InvalidParameterValue.NotFoundInstance\",\"Message\":\"instance not found\"},\"RequestId\":\"req-9\"}}");
            var e = await Assert.ThrowsAsync<TencentCloudApiException>(() => Client(handler).InvokeAsync(TestActions.Describe, null, CancellationToken.None));
            Assert.Equal("InvalidParameterValue.NotFoundInstance", e.Code);
            Assert.Equal("instance not found", e.ServiceMessage);
            Assert.Equal("req-9", e.RequestId);
            Assert.Equal("DescribeBackupDownloadTask", e.Action);
        }

        [Theory]
        [InlineData(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", ErrorCatalog.HttpError, "HTTP 502")]
        [InlineData(200, "{\"Response\":{\"Tasks\":[{\"BackupName\":\"x", ErrorCatalog.InvalidResponse, "not valid JSON")]
        [InlineData(200, "", ErrorCatalog.InvalidResponse, "empty")]
        [InlineData(200, "{\"Tasks\":[]}", ErrorCatalog.InvalidResponse, "no \"Response\"")]
        [InlineData(200, "[1,2]", ErrorCatalog.InvalidResponse, "no \"Response\"")]
        [InlineData(404, "", ErrorCatalog.HttpError, "HTTP 404")]
        public async Task OddAnswersBecomeClearErrors(int status, string body, string code, string fragment)
        {
            var handler = FakeHandler.Returning((HttpStatusCode)status, body, "text/html");
            var e = await Assert.ThrowsAsync<TencentCloudException>(() => Client(handler).InvokeAsync(TestActions.Describe, null, CancellationToken.None));
            Assert.Equal(code, e.Code);
            Assert.Contains(fragment, e.Message);
        }

        [Fact]
        public async Task AnApiErrorWinsOverANon200Status()
        {
            var handler = FakeHandler.Returning(HttpStatusCode.ServiceUnavailable,
                "{\"Response\":{\"Error\":{\"Code\":\"ResourceUnavailable\",\"Message\":\"busy\"},\"RequestId\":\"r\"}}");
            var e = await Assert.ThrowsAsync<TencentCloudApiException>(() => Client(handler).InvokeAsync(TestActions.Named("X"), null, CancellationToken.None));
            Assert.Equal("ResourceUnavailable", e.Code);
            Assert.Equal(503, e.HttpStatus);
        }

        [Fact]
        public async Task LongBodiesAreCutInMessages()
        {
            var handler = FakeHandler.Returning(HttpStatusCode.BadGateway, new string('x', 5000));
            var e = await Assert.ThrowsAsync<TencentCloudException>(() => Client(handler).InvokeAsync(TestActions.Named("X"), null, CancellationToken.None));
            Assert.True(e.Message.Length < 600);
        }

        [Fact]
        public async Task NoAnswerWithinTheTimeoutIsATimeout()
        {
            var handler = new FakeHandler(async (r, ct) => { await Task.Delay(Timeout.Infinite, ct); return null; });
            var e = await Assert.ThrowsAsync<TencentCloudException>(() =>
                Client(handler, timeout: TimeSpan.FromMilliseconds(200)).InvokeAsync(TestActions.Named("X"), null, CancellationToken.None));
            Assert.Equal(ErrorCatalog.RequestTimeout, e.Code);
        }

        [Fact]
        public async Task CancellationIsNotATimeout()
        {
            var handler = new FakeHandler(async (r, ct) => { await Task.Delay(Timeout.Infinite, ct); return null; });
            using var cts = new CancellationTokenSource(100);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client(handler).InvokeAsync(TestActions.Named("X"), null, cts.Token));
        }

        [Fact]
        public async Task AConnectionFailureIsAConnectionError()
        {
            var handler = new FakeHandler((r, ct) => throw new HttpRequestException("Connection refused (127.0.0.1:1)"));
            var e = await Assert.ThrowsAsync<TencentCloudException>(() => Client(handler).InvokeAsync(TestActions.Named("X"), null, CancellationToken.None));
            Assert.Equal(ErrorCatalog.ConnectionFailure, e.Code);
            Assert.Equal(FailureCategory.ConnectionError, e.Category);
            Assert.Contains("Connection refused", e.Message);
        }

        [Fact]
        public async Task ARealClosedPortIsAConnectionError()
        {
            int port = TestPlatform.ClosedLoopbackPort();
            var client = new TencentCloudClient(new ResolvedSettings
            {
                Credential = new TencentCloudCredential("AKIDtest00000000", "test-secret-key"),
                Region = "ap-guangzhou",
                Endpoint = new Uri($"http://127.0.0.1:{port}/"),
            }, null);
            var e = await Assert.ThrowsAsync<TencentCloudException>(() => client.InvokeAsync(TestActions.Named("X"), null, CancellationToken.None));
            Assert.Equal(ErrorCatalog.ConnectionFailure, e.Code);
        }

        [Fact]
        public async Task NoSecretInAnyLogLineOrMessage()
        {
            var log = new RecordingLog();
            var handler = FakeHandler.Returning(HttpStatusCode.OK, "{\"Response\":{\"Error\":{\"Code\":\"AuthFailure.SignatureFailure\",\"Message\":\"bad\"},\"RequestId\":\"r\"}}");
            var client = new TencentCloudClient(new ResolvedSettings
            {
                Credential = new TencentCloudCredential("AKIDtest00000000", "test-secret-key", "the-token"),
                Region = "ap-guangzhou",
                Endpoint = new Uri("https://mongodb.tencentcloudapi.com/"),
            }, log, new HttpClient(handler), TestActions.At(Now));
            var e = await Assert.ThrowsAsync<TencentCloudApiException>(() => client.InvokeAsync(TestActions.Named("X"), new JsonObject { ["A"] = 1 }, CancellationToken.None));
            string signature = Header(handler.Request, "Authorization").Split("Signature=")[1];
            foreach (string text in log.Lines.Append(e.Message).Append(e.ToString()))
            {
                Assert.DoesNotContain("test-secret-key", text);
                Assert.DoesNotContain("the-token", text);
                Assert.DoesNotContain(signature, text);
            }
            Assert.NotEmpty(log.Lines);
        }

        [Theory]
        [InlineData(502, "<html>X-TC-Token: the-token Authorization: {auth}</html>")]
        [InlineData(200, "{\"Response\":{\"Error\":{\"Code\":\"InvalidParameter\",\"Message\":\"bad header {auth} with key test-secret-key\"},\"RequestId\":\"r\"}}")]
        [InlineData(200, "not json, echoing {auth} and the-token")]
        public async Task TextQuotedFromAnAnswerNeverShowsTheRequestsSecrets(int status, string template)
        {
            string authorization = null;
            var handler = new FakeHandler(async (r, ct) =>
            {
                authorization = Header(r, "Authorization");
                await Task.Yield();
                return new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(template.Replace("{auth}", authorization), Encoding.UTF8) };
            });
            var client = new TencentCloudClient(new ResolvedSettings
            {
                Credential = new TencentCloudCredential("AKIDtest00000000", "test-secret-key", "the-token"),
                Region = "ap-guangzhou",
                Endpoint = new Uri("https://mongodb.tencentcloudapi.com/"),
                Retry = new RetryPolicy(0, TimeSpan.Zero),
            }, null, new HttpClient(handler), TestActions.At(Now));
            var e = await Assert.ThrowsAnyAsync<TencentCloudException>(() => client.InvokeAsync(TestActions.DescribeBackups, null, CancellationToken.None));
            string signature = authorization.Split("Signature=")[1];
            foreach (string text in new[] { e.Message, e.ToString() })
            {
                Assert.DoesNotContain("the-token", text);
                Assert.DoesNotContain("test-secret-key", text);
                Assert.DoesNotContain(signature, text);
                Assert.Contains("***", text);
            }
        }

#pragma warning disable SYSLIB0014 // ServicePointManager: obsolete on .NET, the very settings the .NET Framework needs
        [Fact]
        public void TheNetFrameworkServicePointSettingsAreChosenByCapability()
        {
            // Windows PowerShell 5.1's defaults: TLS 1.0 only, 2 connections per host. The same code runs everywhere, and
            // changes only what is missing, so Mono (and the .NET Framework) get TLS 1.2 and 64 connections.
            SecurityProtocolType protocols = ServicePointManager.SecurityProtocol;
            int limit = ServicePointManager.DefaultConnectionLimit;
            try
            {
                ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls;
                ServicePointManager.DefaultConnectionLimit = 2;
                TencentCloudClient.PrepareServicePoints();
                Assert.True(ServicePointManager.SecurityProtocol.HasFlag(SecurityProtocolType.Tls12));
                Assert.True(ServicePointManager.SecurityProtocol.HasFlag(SecurityProtocolType.Tls), "what was allowed stays allowed");
                Assert.True(ServicePointManager.DefaultConnectionLimit >= 64);
            }
            finally
            {
                ServicePointManager.SecurityProtocol = protocols;
                ServicePointManager.DefaultConnectionLimit = limit;
            }
        }
#pragma warning restore SYSLIB0014

        private sealed class RecordingLog : IApiLog
        {
            public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new System.Collections.Concurrent.ConcurrentQueue<string>();
            public void Verbose(string message) => Lines.Enqueue(message);
            public void Debug(string message) => Lines.Enqueue(message);
        }
    }
}
