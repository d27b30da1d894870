using System;
using System.Collections.Generic;
using System.IO;
using MongoBackup.Client;
using Xunit;

namespace MongoBackup.Tests
{
    /// <summary>A temporary HOME and made-up environment variables.</summary>
    internal sealed class FakeEnvironment : IHostEnvironment, IDisposable
    {
        public Dictionary<string, string> Variables { get; } = new Dictionary<string, string>();
        public string HomeDirectory { get; }
        public string SystemCredentialsFile { get; set; }

        public FakeEnvironment()
        {
            HomeDirectory = Path.Combine(Path.GetTempPath(), "mb-home-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(HomeDirectory);
            SystemCredentialsFile = Path.Combine(HomeDirectory, "etc-tencentcloud-credentials");
        }

        public string GetVariable(string name) => Variables.TryGetValue(name, out string v) ? v : null;

        public string Write(string relative, string text)
        {
            string path = Path.Combine(HomeDirectory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path));
            File.WriteAllText(path, text);
            return path;
        }

        public void Dispose() => Directory.Delete(HomeDirectory, true);
    }

    public class SettingsResolverTests
    {
        private static readonly TencentCloudCredential ParamCred = new TencentCloudCredential("AKIDparam0000", "param-key");
        private static readonly TencentCloudCredential SessionCred = new TencentCloudCredential("AKIDsession00", "session-key");

        private static FakeEnvironment Everything()
        {
            var env = new FakeEnvironment();
            env.Variables[SettingsResolver.EnvSecretId] = "AKIDenv000000";
            env.Variables[SettingsResolver.EnvSecretKey] = "env-key";
            env.Variables[SettingsResolver.EnvRegion] = "ap-shanghai";
            env.Write(".tencentcloud/credentials", "[default]\nsecret_id = AKIDfile00000\nsecret_key = file-key\n\n[prod]\nsecret_id=AKIDprod00000\nsecret_key=prod-key\ntoken=prod-token\n");
            env.Write(".tccli/default.credential", "{\"secretId\":\"AKIDtccli0000\",\"secretKey\":\"tccli-key\"}");
            env.Write(".tccli/default.configure", "{\"_sys_param\":{\"region\":\"ap-beijing\",\"output\":\"json\"}}");
            return env;
        }

        private static ResolvedSettings Resolve(FakeEnvironment env, ExplicitSettings parameters = null, ExplicitSettings session = null) =>
            new SettingsResolver(env).Resolve(parameters, session);

        [Fact]
        public void ParametersComeFirst()
        {
            using var env = Everything();
            var r = Resolve(env, new ExplicitSettings { Credential = ParamCred, Region = "ap-chengdu" }, new ExplicitSettings { Credential = SessionCred, Region = "ap-tokyo" });
            Assert.Equal("AKIDparam0000", r.Credential.SecretId);
            Assert.Equal(SettingSource.Parameter, r.CredentialSource);
            Assert.Equal("ap-chengdu", r.Region);
            Assert.Equal(SettingSource.Parameter, r.RegionSource);
        }

        [Fact]
        public void ThenTheSession()
        {
            using var env = Everything();
            var r = Resolve(env, null, new ExplicitSettings { Credential = SessionCred, Region = "ap-tokyo" });
            Assert.Equal("AKIDsession00", r.Credential.SecretId);
            Assert.Equal(SettingSource.Session, r.CredentialSource);
            Assert.Equal("ap-tokyo", r.Region);
        }

        [Fact]
        public void ThenTheEnvironment()
        {
            using var env = Everything();
            env.Variables[SettingsResolver.EnvSessionToken] = "env-token";
            var r = Resolve(env);
            Assert.Equal("AKIDenv000000", r.Credential.SecretId);
            Assert.Equal("env-key", r.Credential.SecretKey);
            Assert.Equal("env-token", r.Credential.Token);
            Assert.Equal(SettingSource.Environment, r.CredentialSource);
            Assert.Equal("ap-shanghai", r.Region);
            Assert.Equal(SettingSource.Environment, r.RegionSource);
        }

        [Fact]
        public void TccliTokenVariableIsAcceptedToo()
        {
            using var env = Everything();
            env.Variables[SettingsResolver.EnvTccliToken] = "tccli-token";
            Assert.Equal("tccli-token", Resolve(env).Credential.Token);
        }

        [Fact]
        public void ThenTheSdkCredentialsFile()
        {
            using var env = Everything();
            env.Variables.Clear();
            var r = Resolve(env);
            Assert.Equal("AKIDfile00000", r.Credential.SecretId);
            Assert.Equal(SettingSource.CredentialsFile, r.CredentialSource);
            Assert.Contains(Path.Combine(".tencentcloud", "credentials"), r.CredentialOrigin);
            Assert.Equal("ap-beijing", r.Region); // no region variable: tccli's configure
            Assert.Equal(SettingSource.TccliProfile, r.RegionSource);
        }

        [Fact]
        public void TheCredentialsFileVariableWins()
        {
            using var env = Everything();
            env.Variables.Clear();
            string other = env.Write("elsewhere/creds", "[default]\nsecret_id = AKIDother0000\nsecret_key = other-key\n");
            env.Variables[SettingsResolver.EnvCredentialsFile] = other;
            Assert.Equal("AKIDother0000", Resolve(env).Credential.SecretId);
        }

        [Fact]
        public void AMissingCredentialsFileNamedByTheVariableIsAnError()
        {
            using var env = Everything();
            env.Variables.Clear();
            env.Variables[SettingsResolver.EnvCredentialsFile] = Path.Combine(env.HomeDirectory, "nope");
            var e = Assert.Throws<TencentCloudException>(() => Resolve(env));
            Assert.Equal(ErrorCatalog.InvalidProfile, e.Code);
            Assert.Contains("does not exist", e.Message);
        }

        [Fact]
        public void TheSystemFileComesAfterTheUserFile()
        {
            using var env = new FakeEnvironment();
            File.WriteAllText(env.SystemCredentialsFile, "[default]\nsecret_id = AKIDsystem000\nsecret_key = system-key\n");
            Assert.Equal("AKIDsystem000", Resolve(env).Credential.SecretId);
            env.Write(".tencentcloud/credentials", "[default]\nsecret_id = AKIDuser00000\nsecret_key = user-key\n");
            Assert.Equal("AKIDuser00000", Resolve(env).Credential.SecretId);
        }

        [Fact]
        public void ThenTccli()
        {
            using var env = Everything();
            env.Variables.Clear();
            File.Delete(Path.Combine(env.HomeDirectory, ".tencentcloud", "credentials"));
            var r = Resolve(env);
            Assert.Equal("AKIDtccli0000", r.Credential.SecretId);
            Assert.Equal(SettingSource.TccliProfile, r.CredentialSource);
        }

        [Fact]
        public void TccliProfileVariableChoosesTheFile()
        {
            using var env = new FakeEnvironment();
            env.Write(".tccli/work.credential", "{\"secretId\":\"AKIDwork00000\",\"secretKey\":\"work-key\",\"token\":\"t\"}");
            env.Write(".tccli/work.configure", "{\"_sys_param\":{\"region\":\"ap-hongkong\"}}");
            env.Variables[SettingsResolver.EnvTccliProfile] = "work";
            var r = Resolve(env);
            Assert.Equal("AKIDwork00000", r.Credential.SecretId);
            Assert.True(r.Credential.IsTemporary);
            Assert.Equal("ap-hongkong", r.Region);
        }

        [Fact]
        public void ANamedProfileSkipsTheEnvironment()
        {
            using var env = Everything();
            var r = Resolve(env, new ExplicitSettings { ProfileName = "prod" });
            Assert.Equal("AKIDprod00000", r.Credential.SecretId);
            Assert.Equal("prod-token", r.Credential.Token);
            Assert.Equal(SettingSource.CredentialsFile, r.CredentialSource);
            Assert.Equal("prod", r.ProfileName);
        }

        [Fact]
        public void ASessionProfileIsUsedWhenTheSessionHasNoKey()
        {
            using var env = Everything();
            var r = Resolve(env, null, new ExplicitSettings { ProfileName = "prod" });
            Assert.Equal("AKIDprod00000", r.Credential.SecretId);
            Assert.Equal(SettingSource.Session, r.ProfileSource);
        }

        [Fact]
        public void NothingFoundListsEveryWay()
        {
            using var env = new FakeEnvironment();
            var e = Assert.Throws<TencentCloudException>(() => Resolve(env));
            Assert.Equal(ErrorCatalog.MissingCredential, e.Code);
            // The ways are the advice, one per line (the error view keeps the lines).
            string[] ways = e.RecommendedAction.Split(new[] { Environment.NewLine }, StringSplitOptions.None);
            Assert.Contains(ways, l => l.StartsWith("  - Connect-TencentCloud", StringComparison.Ordinal));
            Assert.Contains(ways, l => l.StartsWith("  - -Credential", StringComparison.Ordinal));
            Assert.Contains(ways, l => l.Contains(SettingsResolver.EnvSecretId));
            Assert.Contains(ways, l => l.Contains(".tencentcloud"));
            Assert.Contains(ways, l => l.Contains(".tccli"));
            Assert.DoesNotContain("Connect-TencentCloud", e.Message);
        }

        [Fact]
        public void NothingFoundIsNotAnErrorWhenNotRequired()
        {
            using var env = new FakeEnvironment();
            var r = new SettingsResolver(env).Resolve(null, null, requireCredential: false);
            Assert.Null(r.Credential);
            Assert.Equal(SettingSource.None, r.CredentialSource);
            Assert.Equal(ResolvedSettings.DefaultEndpoint, r.Endpoint);
        }

        [Theory]
        [InlineData(SettingsResolver.EnvSecretId)]
        [InlineData(SettingsResolver.EnvSecretKey)]
        public void HalfACredentialInTheEnvironmentIsAnError(string only)
        {
            using var env = new FakeEnvironment();
            env.Variables[only] = "x";
            var e = Assert.Throws<TencentCloudException>(() => Resolve(env));
            Assert.Equal(ErrorCatalog.InvalidCredential, e.Code);
            Assert.Contains("is set but", e.Message);
        }

        [Fact]
        public void AFileSectionWithoutKeyIsAnErrorThatNeverShowsValues()
        {
            using var env = new FakeEnvironment();
            env.Write(".tencentcloud/credentials", "[default]\nsecret_id = AKIDfile00000\n");
            var e = Assert.Throws<TencentCloudException>(() => Resolve(env));
            Assert.Equal(ErrorCatalog.InvalidCredential, e.Code);
            Assert.Contains("SecretKey", e.Message);
        }

        [Fact]
        public void AMalformedIniNamesTheLineButNotItsText()
        {
            using var env = new FakeEnvironment();
            env.Write(".tencentcloud/credentials", "[default]\nsecret_key: SUPERSECRET\n");
            var e = Assert.Throws<TencentCloudException>(() => Resolve(env));
            Assert.Equal(ErrorCatalog.InvalidProfile, e.Code);
            Assert.Contains("line 2", e.Message);
            Assert.DoesNotContain("SUPERSECRET", e.Message);
        }

        [Fact]
        public void MalformedTccliJsonIsAnError()
        {
            using var env = new FakeEnvironment();
            env.Write(".tccli/default.credential", "{\"secretId\": ");
            var e = Assert.Throws<TencentCloudException>(() => Resolve(env));
            Assert.Equal(ErrorCatalog.InvalidProfile, e.Code);
        }

        [Fact]
        public void EndpointAndTimeoutFollowTheSameOrder()
        {
            using var env = Everything();
            var session = new ExplicitSettings { Endpoint = new Uri("http://127.0.0.1:5000/"), Timeout = TimeSpan.FromSeconds(5) };
            var r = Resolve(env, null, session);
            Assert.Equal(new Uri("http://127.0.0.1:5000/"), r.Endpoint);
            Assert.Equal(SettingSource.Session, r.EndpointSource);
            Assert.Equal(TimeSpan.FromSeconds(5), r.Timeout);
            var p = Resolve(env, new ExplicitSettings { Endpoint = new Uri("http://127.0.0.1:6000/") }, session);
            Assert.Equal(6000, p.Endpoint.Port);
            Assert.Equal(SettingSource.Parameter, p.EndpointSource);
        }

        [Fact]
        public void SecretIdIsMasked()
        {
            Assert.Equal("AKID****************************MPLE", TencentCloudCredential.Mask("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"));
            Assert.Equal("AKID*****0000", new TencentCloudCredential("AKIDparam0000", "k").ToString());
            Assert.DoesNotContain("param-key", ParamCred.ToString());
        }
    }
}
