using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
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
    /// <summary>A refreshing source whose fetches are counted and scripted; each test uses its own identity (the cache is process-wide).</summary>
    internal sealed class ScriptedProvider : RefreshingCredentialProvider
    {
        private readonly Func<int, CancellationToken, Task<TimedCredential>> _fetch;
        private int _fetches;

        public ScriptedProvider(Timing timing, Func<int, CancellationToken, Task<TimedCredential>> fetch) : base(timing)
        {
            _fetch = fetch;
            Identity = "test|" + Guid.NewGuid().ToString("N");
        }

        public override string Identity { get; }
        public override CredentialType Type => CredentialType.InstanceRole;
        public override string Description => "a test source";
        public int Fetches => Volatile.Read(ref _fetches);

        protected internal override Task<TimedCredential> FetchAsync(CredentialRequest request, CancellationToken cancellationToken) =>
            _fetch(Interlocked.Increment(ref _fetches), cancellationToken);

        public static TimedCredential Key(int n, DateTimeOffset? expires) =>
            new TimedCredential(new TencentCloudCredential("AKIDtmp" + n.ToString("D8"), "tmp-key-" + n, "tmp-token-" + n), expires);
    }

    public class CredentialCacheTests
    {
        private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);

        [Fact]
        public void KeysAreReplacedFiveMinutesBeforeExpiryOrHalfWayThroughAShortLife()
        {
            var hours = ScriptedProvider.Key(1, T0.AddHours(2));
            Assert.Equal(T0.AddHours(2).AddMinutes(-5), TemporaryKeyCache.RefreshTime(hours, T0));
            var quarter = ScriptedProvider.Key(1, T0.AddMinutes(15));
            Assert.Equal(T0.AddMinutes(10), TemporaryKeyCache.RefreshTime(quarter, T0));
            var shortLived = ScriptedProvider.Key(1, T0.AddSeconds(4));
            Assert.Equal(T0.AddSeconds(2), TemporaryKeyCache.RefreshTime(shortLived, T0));
            Assert.Null(TemporaryKeyCache.RefreshTime(ScriptedProvider.Key(1, null), T0));
        }

        [Fact]
        public async Task AKeyIsKeptUntilItsRefreshTimeThenObtainedAgain()
        {
            DateTimeOffset now = T0;
            var timing = new Timing { UtcNow = () => now };
            var provider = new ScriptedProvider(timing, (n, ct) => Task.FromResult(ScriptedProvider.Key(n, now.AddMinutes(60))));
            var request = new CredentialRequest("ap-guangzhou", null);
            Assert.Equal("AKIDtmp00000001", (await provider.GetAsync(request, CancellationToken.None)).Credential.SecretId);
            now = T0.AddMinutes(54).AddSeconds(59);
            Assert.Equal("AKIDtmp00000001", (await provider.GetAsync(request, CancellationToken.None)).Credential.SecretId);
            now = T0.AddMinutes(55);
            Assert.Equal("AKIDtmp00000002", (await provider.GetAsync(request, CancellationToken.None)).Credential.SecretId);
            Assert.Equal(2, provider.Fetches);
            Assert.Equal(2, TemporaryKeyCache.FetchCount(provider.Identity));
        }

        [Fact]
        public async Task SixteenCallersShareOneRefresh()
        {
            var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var provider = new ScriptedProvider(Timing.System, async (n, ct) =>
            {
                await release.Task;
                return ScriptedProvider.Key(n, DateTimeOffset.UtcNow.AddHours(1));
            });
            Task<TimedCredential>[] callers = Enumerable.Range(0, 16)
                .Select(_ => Task.Run(() => provider.GetAsync(new CredentialRequest(null, null), CancellationToken.None))).ToArray();
            await Task.Delay(100);
            release.SetResult(true);
            TimedCredential[] keys = await Task.WhenAll(callers);
            Assert.Equal(1, provider.Fetches);
            Assert.All(keys, k => Assert.Equal("AKIDtmp00000001", k.Credential.SecretId));
        }

        [Fact]
        public async Task AFailedRefreshIsTheCallersErrorAndTheNextCallTriesAgain()
        {
            var provider = new ScriptedProvider(Timing.System, (n, ct) => n == 1
                ? throw new TencentCloudException(ErrorCatalog.InstanceMetadataInvalid, "broken document")
                : Task.FromResult(ScriptedProvider.Key(n, DateTimeOffset.UtcNow.AddHours(1))));
            var error = await Assert.ThrowsAsync<TencentCloudException>(() => provider.GetAsync(null, CancellationToken.None));
            Assert.Equal(ErrorCatalog.InstanceMetadataInvalid, error.Code);
            Assert.Equal("AKIDtmp00000002", (await provider.GetAsync(null, CancellationToken.None)).Credential.SecretId);
        }

        [Fact]
        public async Task AWaitersCancellationStopsItsOwnWaitOnly()
        {
            var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var provider = new ScriptedProvider(Timing.System, async (n, ct) =>
            {
                await release.Task;
                return ScriptedProvider.Key(n, DateTimeOffset.UtcNow.AddHours(1));
            });
            Task<TimedCredential> first = provider.GetAsync(null, CancellationToken.None);
            using (var cts = new CancellationTokenSource())
            {
                Task<TimedCredential> second = provider.GetAsync(null, cts.Token);
                cts.Cancel();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
            }
            release.SetResult(true);
            Assert.Equal("AKIDtmp00000001", (await first).Credential.SecretId);
        }

        [Fact]
        public async Task InvalidateForgetsOnlyTheRefusedKey()
        {
            var provider = new ScriptedProvider(Timing.System, (n, ct) => Task.FromResult(ScriptedProvider.Key(n, DateTimeOffset.UtcNow.AddHours(1))));
            TimedCredential first = await provider.GetAsync(null, CancellationToken.None);
            provider.Invalidate(new TencentCloudCredential("AKIDsomeoneelse", "x", "y"));
            Assert.Same(first, await provider.GetAsync(null, CancellationToken.None));
            provider.Invalidate(first.Credential);
            Assert.Equal("AKIDtmp00000002", (await provider.GetAsync(null, CancellationToken.None)).Credential.SecretId);
        }
    }

    public class TransportCredentialTests
    {
        private static ResolvedSettings Settings(ICredentialProvider provider) => new ResolvedSettings
        {
            CredentialProvider = provider,
            Region = "ap-guangzhou",
            Endpoint = new Uri("https://mongodb.tencentcloudapi.com/"),
            Retry = new RetryPolicy(0, TimeSpan.Zero),
        };

        private static string Header(HttpRequestMessage r, string name) =>
            r.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

        private static HttpResponseMessage Json(string body) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        [Fact]
        public async Task AKeyRefusedAsExpiredIsReplacedOnceAndTheRequestSentOnceMore()
        {
            var provider = new ScriptedProvider(Timing.System, (n, ct) => Task.FromResult(ScriptedProvider.Key(n, DateTimeOffset.UtcNow.AddHours(1))));
            var signedWith = new ConcurrentQueue<string>();
            var handler = new FakeHandler((r, ct) =>
            {
                signedWith.Enqueue(Header(r, "Authorization").Split('=')[1].Split('/')[0]);
                return Task.FromResult(signedWith.Count == 1
                    ? Json("{\"Response\":{\"Error\":{\"Code\":\"AuthFailure.TokenFailure\",\"Message\":\"The token has expired.\"},\"RequestId\":\"r1\"}}")
                    : Json("{\"Response\":{\"RequestId\":\"r2\"}}"));
            });
            var client = new TencentCloudClient(Settings(provider), null, new HttpClient(handler));
            ApiResponse response = await client.InvokeAsync(TestActions.Describe, null, CancellationToken.None);
            Assert.Equal("r2", response.RequestId);
            Assert.Equal(new[] { "AKIDtmp00000001", "AKIDtmp00000002" }, signedWith.ToArray());
        }

        [Fact]
        public async Task OnlyOnceAndNeverForAFixedKey()
        {
            Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> refuse =
                (r, ct) => Task.FromResult(Json("{\"Response\":{\"Error\":{\"Code\":\"AuthFailure.TokenFailure\",\"Message\":\"expired\"},\"RequestId\":\"r\"}}"));
            var refusing = new FakeHandler(refuse);
            var provider = new ScriptedProvider(Timing.System, (n, ct) => Task.FromResult(ScriptedProvider.Key(n, DateTimeOffset.UtcNow.AddHours(1))));
            var e = await Assert.ThrowsAsync<TencentCloudApiException>(() =>
                new TencentCloudClient(Settings(provider), null, new HttpClient(refusing)).InvokeAsync(TestActions.Describe, null, CancellationToken.None));
            Assert.Equal("AuthFailure.TokenFailure", e.Code);
            Assert.Equal(2, provider.Fetches);

            int sent = 0;
            var counting = new FakeHandler((r, ct) => { Interlocked.Increment(ref sent); return refuse(r, ct); });
            var fixedKey = new StaticCredentialProvider(new TencentCloudCredential("AKIDpasted000", "k", "expired-token"));
            await Assert.ThrowsAsync<TencentCloudApiException>(() =>
                new TencentCloudClient(Settings(fixedKey), null, new HttpClient(counting)).InvokeAsync(TestActions.Describe, null, CancellationToken.None));
            Assert.Equal(1, sent);
        }

        [Fact]
        public async Task AFailedRefreshSendsNothing()
        {
            int sent = 0;
            var handler = new FakeHandler((r, ct) => { Interlocked.Increment(ref sent); return Task.FromResult(Json("{\"Response\":{\"RequestId\":\"r\"}}")); });
            var provider = new ScriptedProvider(Timing.System, (n, ct) => throw new TencentCloudException(ErrorCatalog.InstanceRoleNotFound, "no role"));
            var e = await Assert.ThrowsAsync<TencentCloudException>(() =>
                new TencentCloudClient(Settings(provider), null, new HttpClient(handler)).InvokeAsync(TestActions.Describe, null, CancellationToken.None));
            Assert.Equal(ErrorCatalog.InstanceRoleNotFound, e.Code);
            Assert.Equal(0, sent);
            Assert.Equal(1, provider.Fetches);
        }

        [Fact]
        public async Task AnUnsignedActionSendsAuthorizationSkipAndNoTokenAndItsSecretsAreNeverLogged()
        {
            var handler = FakeHandler.Returning(HttpStatusCode.OK, "{\"Response\":{\"RequestId\":\"r\"}}");
            var log = new ListLog();
            var settings = Settings(null);
            var client = new TencentCloudClient(settings, log, new HttpClient(handler));
            await client.InvokeAsync(AssumeRoleWithWebIdentity.Action.Descriptor,
                AssumeRoleWithWebIdentity.Action.Write(new WebIdentityParameters { ProviderId = "p", WebIdentityToken = "the-oidc-token", RoleArn = "a", RoleSessionName = "s" }),
                CancellationToken.None);
            Assert.Equal("SKIP", Header(handler.Request, "Authorization"));
            Assert.Null(Header(handler.Request, "X-TC-Token"));
            Assert.Equal("2018-08-13", Header(handler.Request, "X-TC-Version"));
            Assert.Contains("the-oidc-token", Encoding.UTF8.GetString(handler.Body));
            Assert.DoesNotContain(log.Lines, l => l.Contains("the-oidc-token"));
            Assert.Contains(log.Lines, l => l.Contains("not shown"));
        }

        [Fact]
        public void ACutOffStsAnswerIsNeverQuoted()
        {
            string truncated = "{\"Response\":{\"Credentials\":{\"TmpSecretId\":\"AKIDx\",\"TmpSecretKey\":\"very-secret-key";
            var e = Assert.Throws<TencentCloudException>(() =>
                TencentCloudClient.Interpret(AssumeRole.Action.Descriptor, 200, "OK", truncated, TimeSpan.Zero));
            Assert.Equal(ErrorCatalog.InvalidResponse, e.Code);
            Assert.DoesNotContain("very-secret-key", e.Message);
            Assert.Contains("not quoted", e.Message);
        }

        [Fact]
        public void ARolesIdentityDoesNotChangeWhenItsKeyRotates()
        {
            var source = new StaticCredentialProvider(new TencentCloudCredential("AKIDpermanent01", "k"));
            var role = new AssumeRoleProvider(source, "qcs::cam::uin/1:roleName/r", "s", null, new StsSettings(), new CredentialServices());
            string before = role.Identity;
            Assert.Contains("AKIDpermanent01", before);
            Assert.DoesNotContain("AKIDTmp", before);
            Assert.Equal(before, new AssumeRoleProvider(source, "qcs::cam::uin/1:roleName/r", "s", null, new StsSettings(), new CredentialServices()).Identity);
        }

        private sealed class ListLog : IApiLog
        {
            public ConcurrentQueue<string> Queue { get; } = new ConcurrentQueue<string>();
            public IEnumerable<string> Lines => Queue;
            public void Verbose(string message) => Queue.Enqueue(message);
            public void Debug(string message) => Queue.Enqueue(message);
        }
    }

    public class CredentialDocumentTests
    {
        private const string Document = "{\"TmpSecretId\":\"AKIDtmpdoc0001\",\"TmpSecretKey\":\"doc-secret\",\"Token\":\"doc-token\",\"ExpiredTime\":1796121091,\"Expiration\":\"2026-12-01T10:31:31Z\",\"Code\":\"Success\"}";

        [Fact]
        public void ReadsTheMetadataServicesRoleDocument()
        {
            TimedCredential key = TemporaryKeys.FromRoleDocument(Document, "role", "http://metadata");
            Assert.Equal("AKIDtmpdoc0001", key.Credential.SecretId);
            Assert.Equal("doc-token", key.Credential.Token);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1796121091), key.Expiration);
        }

        [Theory]
        [InlineData("<html>busy</html>", "not a JSON object")]
        [InlineData("{\"Code\":\"Failure\"}", "its Code is 'Failure', not Success")]
        [InlineData("{\"TmpSecretId\":\"AKIDx\",\"TmpSecretKey\":\"doc-secret\",\"Token\":\"t\",\"Code\":\"Success\"}", "has no ExpiredTime")]
        [InlineData("{\"TmpSecretId\":\"AKIDx\",\"Token\":\"t\",\"ExpiredTime\":1,\"Code\":\"Success\"}", "lacks TmpSecretKey")]
        public void AnythingElseIsInstanceMetadataInvalidAndQuotesNoKey(string text, string expected)
        {
            var e = Assert.Throws<TencentCloudException>(() => TemporaryKeys.FromRoleDocument(text, "role", "http://metadata"));
            Assert.Equal(ErrorCatalog.InstanceMetadataInvalid, e.Code);
            Assert.Contains(expected, e.Message);
            Assert.DoesNotContain("doc-secret", e.Message);
        }

        [Fact]
        public void ReadsAnStsAnswer()
        {
            var response = (JsonObject)MongoBackup.Client.Json.Parse("{\"Credentials\":{\"Token\":\"t\",\"TmpSecretId\":\"AKIDsts\",\"TmpSecretKey\":\"k\"},\"ExpiredTime\":1796121091,\"Expiration\":\"x\"}");
            Assert.Equal("AKIDsts", TemporaryKeys.FromStsAnswer(response, "AssumeRole").Credential.SecretId);
            var e = Assert.Throws<TencentCloudException>(() => TemporaryKeys.FromStsAnswer(new JsonObject(), "AssumeRole"));
            Assert.Equal(ErrorCatalog.InvalidResponse, e.Code);
        }

        [Theory]
        [InlineData("qcs::cam::uin/100000000001:roleName/BackupReader", true)]
        [InlineData("qcs::cam::uin/12345678:role/4611686018427397919", true)]
        [InlineData("qcs::cam::uin/12345678:role/tencentcloudServiceRole/4611686018427397920", true)]
        [InlineData("arn:aws:iam::123456789012:role/x", false)]
        [InlineData("qcs::cam::uin/abc:roleName/x", false)]
        [InlineData("qcs::cam::uin/1:user/x", false)]
        [InlineData("BackupReader", false)]
        public void RoleArnsHaveCamsShape(string arn, bool valid)
        {
            if (valid) Assert.Equal(arn, RoleArns.Check(arn, "-RoleArn"));
            else Assert.Equal(ErrorCatalog.InvalidRoleArn, Assert.Throws<TencentCloudException>(() => RoleArns.Check(arn, "-RoleArn")).Code);
        }

        [Theory]
        [InlineData("http://metadata.tencentyun.com", true, true)]
        [InlineData("http://169.254.0.23", true, true)]
        [InlineData("http://127.0.0.1:5080", true, true)]
        [InlineData("https://metadata.example.com", true, true)]
        [InlineData("http://metadata.example.com", true, false)]
        [InlineData("http://metadata.tencentyun.com", false, false)]
        [InlineData("https://sts.tencentcloudapi.com", false, true)]
        [InlineData("https://sts.tencentcloudapi.com/path", false, false)]
        public void EndpointVariablesAllowPlainHttpOnlyToThisMachineOrTheMetadataAddress(string text, bool metadata, bool valid)
        {
            if (valid)
            {
                Assert.NotNull(EndpointValidator.ParseVariable("VAR", text, metadata));
                return;
            }
            var e = Assert.Throws<TencentCloudException>(() => EndpointValidator.ParseVariable("TENCENTCLOUD_X_ENDPOINT", text, metadata));
            Assert.Equal(ErrorCatalog.InvalidEndpoint, e.Code);
            Assert.Contains("TENCENTCLOUD_X_ENDPOINT", e.Message);
        }
    }

    public class CredentialChainTests
    {
        private const string RoleArn = "qcs::cam::uin/100000000001:roleName/MongoBackupRunbook";

        /// <summary>A fake metadata service and STS behind CredentialServices, at an endpoint of this test only.</summary>
        private sealed class FakeCloud
        {
            public string Role { get; set; } = "CvmRole";
            public bool Present { get; set; } = true;
            public int Probes;
            public ConcurrentQueue<HttpRequestMessage> MetadataRequests { get; } = new ConcurrentQueue<HttpRequestMessage>();
            public ConcurrentQueue<string> StsBodies { get; } = new ConcurrentQueue<string>();
            public ConcurrentQueue<HttpRequestMessage> StsRequests { get; } = new ConcurrentQueue<HttpRequestMessage>();
            public string Endpoint { get; } = "http://127.0.0.1:" + new Random().Next(20000, 60000) + "/";
            public string StsError { get; set; }

            public CredentialServices Services() => new CredentialServices(
                new HttpClient(new FakeHandler(async (r, ct) =>
                {
                    StsRequests.Enqueue(r);
                    StsBodies.Enqueue(await r.Content.ReadAsStringAsync());
                    long expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
                    string body = StsError != null
                        ? $"{{\"Response\":{{\"Error\":{{\"Code\":\"{StsError}\",\"Message\":\"refused\"}},\"RequestId\":\"sts-1\"}}}}"
                        : $"{{\"Response\":{{\"Credentials\":{{\"Token\":\"sts-token\",\"TmpSecretId\":\"AKIDsts{StsRequests.Count:D4}\",\"TmpSecretKey\":\"sts-key\"}},\"ExpiredTime\":{expires},\"RequestId\":\"sts-1\"}}}}";
                    return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                })),
                new HttpClient(new FakeHandler((r, ct) =>
                {
                    MetadataRequests.Enqueue(r);
                    string path = r.RequestUri.AbsolutePath;
                    long expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
                    if (Role == null) return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
                    string body = path.EndsWith("/security-credentials/") ? Role
                        : $"{{\"TmpSecretId\":\"AKIDrole{MetadataRequests.Count:D4}\",\"TmpSecretKey\":\"role-key\",\"Token\":\"role-token\",\"ExpiredTime\":{expires},\"Code\":\"Success\"}}";
                    return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) });
                })),
                uri => { Interlocked.Increment(ref Probes); return Task.FromResult(Present); });
        }

        private static ResolvedSettings Resolve(FakeEnvironment env, FakeCloud cloud, ExplicitSettings parameters = null) =>
            new SettingsResolver(env, cloud.Services()).Resolve(parameters, null);

        private static FakeEnvironment Env(FakeCloud cloud)
        {
            var env = new FakeEnvironment();
            env.Variables[SettingsResolver.EnvMetadataEndpoint] = cloud.Endpoint;
            env.Variables[SettingsResolver.EnvStsEndpoint] = cloud.Endpoint;
            return env;
        }

        [Fact]
        public void TheInstanceRoleIsLastAfterTheProfileFiles()
        {
            var cloud = new FakeCloud();
            using var env = Env(cloud);
            ResolvedSettings r = Resolve(env, cloud);
            Assert.Equal(CredentialType.InstanceRole, r.CredentialProvider.Type);
            Assert.Equal(SettingSource.InstanceMetadata, r.CredentialSource);
            Assert.Equal("CvmRole", r.CredentialProvider.RoleName);
            Assert.Equal(new[] { "/latest/meta-data/cam/security-credentials/", "/latest/meta-data/cam/security-credentials/CvmRole" },
                cloud.MetadataRequests.Select(m => m.RequestUri.AbsolutePath).ToArray());
            Assert.Null(cloud.MetadataRequests.First().Headers.Authorization);

            env.Write(".tccli/default.credential", "{\"secretId\":\"AKIDtccli0000\",\"secretKey\":\"tccli-key\"}");
            Assert.Equal(SettingSource.TccliProfile, Resolve(env, cloud).CredentialSource);
        }

        [Fact]
        public void WithoutARoleOrAMetadataServiceTheChainEndsWithAnErrorThatSaysWhatWasFound()
        {
            var cloud = new FakeCloud { Role = null };
            using var env = Env(cloud);
            var e = Assert.Throws<TencentCloudException>(() => Resolve(env, cloud));
            Assert.Equal(ErrorCatalog.MissingCredential, e.Code);
            Assert.Contains("says no CAM role is bound to this instance", e.Message);

            var absent = new FakeCloud { Present = false };
            using var env2 = Env(absent);
            env2.Variables[WebIdentityProvider.EnvRegion] = "ap-guangzhou";
            e = Assert.Throws<TencentCloudException>(() => Resolve(env2, absent));
            Assert.Contains("No instance metadata service answers", e.Message);
            Assert.Contains("TKE_PROVIDER_ID, TKE_WEB_IDENTITY_TOKEN_FILE and TKE_ROLE_ARN are not set", e.Message);
            Assert.Empty(absent.MetadataRequests);
        }

        [Fact]
        public void ANamedProfileSkipsTheInstanceRole()
        {
            var cloud = new FakeCloud();
            using var env = Env(cloud);
            Assert.Throws<TencentCloudException>(() => Resolve(env, cloud, new ExplicitSettings { ProfileName = "prod" }));
            Assert.Equal(0, cloud.Probes);
        }

        [Fact]
        public async Task TheSdkFilesRoleArnIsAssumedWithItsSectionsKeySignedForSts()
        {
            var cloud = new FakeCloud();
            using var env = Env(cloud);
            env.Write(".tencentcloud/credentials", $"[default]\nsecret_id = AKIDfile00000\nsecret_key = file-key\nrole_arn = {RoleArn}\nrole_session_name = nightly\n");
            ResolvedSettings r = Resolve(env, cloud);
            Assert.Equal(CredentialType.AssumedRole, r.CredentialProvider.Type);
            Assert.Equal(SettingSource.CredentialsFile, r.CredentialSource);
            Assert.Empty(cloud.StsRequests); // asked on the first request, not while resolving

            TimedCredential key = await r.CredentialProvider.GetAsync(new CredentialRequest("ap-shanghai", null), CancellationToken.None);
            Assert.StartsWith("AKIDsts", key.Credential.SecretId);
            HttpRequestMessage sts = cloud.StsRequests.Single();
            Assert.Equal("AssumeRole", sts.Headers.GetValues("X-TC-Action").Single());
            Assert.Equal("2018-08-13", sts.Headers.GetValues("X-TC-Version").Single());
            Assert.Equal("ap-shanghai", sts.Headers.GetValues("X-TC-Region").Single());
            Assert.Contains("Credential=AKIDfile00000/", sts.Headers.GetValues("Authorization").Single());
            Assert.Contains("/sts/tc3_request", sts.Headers.GetValues("Authorization").Single());
            Assert.Equal($"{{\"RoleArn\":\"{RoleArn}\",\"RoleSessionName\":\"nightly\"}}", cloud.StsBodies.Single());
        }

        [Fact]
        public async Task AnStsRefusalIsAssumeRoleFailedWithTheCodesAdvice()
        {
            var cloud = new FakeCloud { StsError = "InvalidParameter.AccountNotAvaliable" };
            using var env = Env(cloud);
            env.Write(".tccli/default.credential", $"{{\"secretId\":\"AKIDtccli0000\",\"secretKey\":\"tccli-key\",\"role-arn\":\"{RoleArn}\"}}");
            ResolvedSettings r = Resolve(env, cloud);
            Assert.Equal(SettingSource.TccliProfile, r.CredentialSource);
            var e = await Assert.ThrowsAsync<TencentCloudException>(() => r.CredentialProvider.GetAsync(new CredentialRequest("ap-guangzhou", null), CancellationToken.None));
            Assert.Equal(ErrorCatalog.AssumeRoleFailed, e.Code);
            Assert.Contains("InvalidParameter.AccountNotAvaliable", e.Message);
            Assert.Contains("check the uin", e.RecommendedAction);
        }

        [Theory]
        [InlineData("role_arn = arn:aws:iam::1:role/x", ErrorCatalog.InvalidRoleArn)]
        [InlineData("role_arn = " + RoleArn + "\nrole_session_name = a b", ErrorCatalog.InvalidRoleSessionName)]
        public void AProfilesRoleIsCheckedBeforeAnythingIsSent(string lines, string code)
        {
            var cloud = new FakeCloud();
            using var env = Env(cloud);
            env.Write(".tencentcloud/credentials", "[default]\nsecret_id = AKIDfile00000\nsecret_key = file-key\n" + lines + "\n");
            Assert.Equal(code, Assert.Throws<TencentCloudException>(() => Resolve(env, cloud)).Code);
            Assert.Empty(cloud.StsRequests);
        }

        [Fact]
        public async Task TkesWebIdentityComesAfterTheRoleAndReadsItsTokenFileAtEachRefresh()
        {
            var cloud = new FakeCloud { Role = null };
            using var env = Env(cloud);
            string token = env.Write("token", "oidc-token-1\n");
            env.Variables[WebIdentityProvider.EnvRegion] = "ap-guangzhou";
            env.Variables[WebIdentityProvider.EnvProviderId] = "provider";
            env.Variables[WebIdentityProvider.EnvTokenFile] = token;
            env.Variables[WebIdentityProvider.EnvRoleArn] = RoleArn;
            ResolvedSettings r = Resolve(env, cloud);
            Assert.Equal(CredentialType.WebIdentity, r.CredentialProvider.Type);
            Assert.Equal(SettingSource.TkeWebIdentity, r.CredentialSource);
            await r.CredentialProvider.GetAsync(null, CancellationToken.None);
            Assert.Equal("SKIP", cloud.StsRequests.Single().Headers.GetValues("Authorization").Single());
            Assert.Contains("\"WebIdentityToken\":\"oidc-token-1\"", cloud.StsBodies.Single());

            System.IO.File.WriteAllText(token, "oidc-token-2");
            r.CredentialProvider.Invalidate(r.CredentialProvider.Current.Credential);
            await r.CredentialProvider.GetAsync(null, CancellationToken.None);
            Assert.Contains("\"WebIdentityToken\":\"oidc-token-2\"", cloud.StsBodies.Last());

            System.IO.File.WriteAllText(token, "  ");
            Assert.Equal(ErrorCatalog.WebIdentityTokenMissing, Assert.Throws<TencentCloudException>(() => Resolve(env, cloud)).Code);
            System.IO.File.Delete(token);
            Assert.Equal(ErrorCatalog.WebIdentityTokenMissing, Assert.Throws<TencentCloudException>(() => Resolve(env, cloud)).Code);
        }

        [Fact]
        public async Task TheMetadataServiceIsProbedOncePerProcessAndEndpoint()
        {
            int probes = 0;
            string endpoint = "http://127.0.0.1:" + new Random().Next(20000, 60000) + "/";
            Func<Uri, Task<bool>> probe = async uri => { Interlocked.Increment(ref probes); await Task.Delay(50); return false; };
            var services = new CredentialServices(probe: probe);
            bool[] answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => services.Metadata(new Uri(endpoint)).IsPresentAsync(CancellationToken.None)));
            Assert.All(answers, Assert.False);
            Assert.False(await services.Metadata(new Uri(endpoint)).IsPresentAsync(CancellationToken.None));
            Assert.Equal(1, probes);
        }

        [Fact]
        public async Task TheRealProbeGivesUpWithinAboutASecond()
        {
            // A closed loopback port refuses at once; no test reaches the real metadata address.
            int port = TestPlatform.ClosedLoopbackPort();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            Assert.False(await new InstanceMetadataService(new Uri($"http://127.0.0.1:{port}/")).IsPresentAsync(CancellationToken.None));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3));
        }
    }
}
