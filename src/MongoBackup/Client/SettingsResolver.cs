using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace MongoBackup.Client
{
    /// <summary>The process environment, abstracted so tests use a temporary HOME and made-up variables.</summary>
    internal interface IHostEnvironment
    {
        string GetVariable(string name);
        string HomeDirectory { get; }
        /// <summary>The machine-wide SDK credentials file (/etc/tencentcloud/credentials), or null where there is none.</summary>
        string SystemCredentialsFile { get; }
    }

    internal sealed class ProcessHostEnvironment : IHostEnvironment
    {
        public static readonly ProcessHostEnvironment Instance = new ProcessHostEnvironment();

        public string GetVariable(string name) => Environment.GetEnvironmentVariable(name);

        public string HomeDirectory
        {
            get
            {
                string home = RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
                    ? Environment.GetEnvironmentVariable("USERPROFILE")
                    : Environment.GetEnvironmentVariable("HOME");
                return string.IsNullOrEmpty(home) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : home;
            }
        }

        public string SystemCredentialsFile =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? null : "/etc/tencentcloud/credentials";
    }

    /// <summary>
    /// Finds the credential, region and endpoint in force. The credential, in this order: the command's parameters, the
    /// session (Connect-TencentCloud: a key, -UseInstanceRole or -RoleArn), the environment variables, the SDK credentials
    /// file (a section's key, or the role its role_arn names, assumed with that key), tccli's profile (its key, its
    /// role-arn, or its cvm-role type), then the CAM role bound to this CVM instance (the metadata service), then TKE's OIDC
    /// web identity (the four TKE_ variables): the order of the official Node SDK's default provider chain. An explicit
    /// profile name (-ProfileName or Connect-TencentCloud -ProfileName) skips the environment variables and the sources
    /// after the profile files: naming a profile means that profile.
    /// </summary>
    internal sealed class SettingsResolver
    {
        public const string EnvSecretId = "TENCENTCLOUD_SECRET_ID";
        public const string EnvSecretKey = "TENCENTCLOUD_SECRET_KEY";
        public const string EnvSessionToken = "TENCENTCLOUD_SESSION_TOKEN";
        public const string EnvTccliToken = "TENCENTCLOUD_TOKEN";
        public const string EnvRegion = "TENCENTCLOUD_REGION";
        public const string EnvCredentialsFile = "TENCENTCLOUD_CREDENTIALS_FILE";
        public const string EnvTccliProfile = "TCCLI_PROFILE";
        public const string EnvMetadataEndpoint = InstanceMetadataService.EnvEndpoint;
        public const string EnvStsEndpoint = "TENCENTCLOUD_STS_ENDPOINT";
        public const string DefaultProfile = "default";
        private const string TccliCvmRole = "cvm-role";

        private static readonly string[] TkeVariables =
            { WebIdentityProvider.EnvRegion, WebIdentityProvider.EnvProviderId, WebIdentityProvider.EnvTokenFile, WebIdentityProvider.EnvRoleArn };

        private readonly IHostEnvironment _env;
        private readonly ICredentialServices _services;

        /// <param name="env">The process environment (tests: a made-up one).</param>
        /// <param name="services">How to reach the metadata service and STS (MongoBackup.Api.CredentialServices); null leaves
        /// the sources that need them out of the chain (unit tests of the local sources).</param>
        public SettingsResolver(IHostEnvironment env, ICredentialServices services = null)
        {
            _env = env ?? throw new ArgumentNullException(nameof(env));
            _services = services;
        }

        /// <summary>Resolves everything; with <paramref name="requireCredential"/> a missing credential is an error.</summary>
        public ResolvedSettings Resolve(ExplicitSettings parameters, ExplicitSettings session, bool requireCredential = true) =>
            ResolveAsync(parameters, session, requireCredential, null, CancellationToken.None).GetAwaiter().GetResult();

        /// <summary>
        /// Resolves everything. Only the instance role step asks the network (the metadata service, at most 1 s when there
        /// is none, once per process); the other sources are read locally, and STS is asked on the first request.
        /// </summary>
        public async Task<ResolvedSettings> ResolveAsync(ExplicitSettings parameters, ExplicitSettings session, bool requireCredential,
            IApiLog log, CancellationToken cancellationToken)
        {
            parameters = parameters ?? new ExplicitSettings();
            var result = new ResolvedSettings();

            // Profile name: parameter, session, TCCLI_PROFILE (tccli's own variable), default.
            if (!string.IsNullOrWhiteSpace(parameters.ProfileName)) { result.ProfileName = parameters.ProfileName.Trim(); result.ProfileSource = SettingSource.Parameter; }
            else if (!string.IsNullOrWhiteSpace(session?.ProfileName)) { result.ProfileName = session.ProfileName.Trim(); result.ProfileSource = SettingSource.Session; }
            else { result.ProfileName = DefaultProfile; result.ProfileSource = SettingSource.Default; }
            bool profileNamed = result.ProfileSource != SettingSource.Default;
            string tccliProfile = profileNamed ? result.ProfileName : (NonEmpty(_env.GetVariable(EnvTccliProfile)) ?? DefaultProfile);

            ResolveRegion(parameters, session, result, tccliProfile);

            if (parameters.Endpoint != null) { result.Endpoint = parameters.Endpoint; result.EndpointSource = SettingSource.Parameter; }
            else if (session?.Endpoint != null) { result.Endpoint = session.Endpoint; result.EndpointSource = SettingSource.Session; }

            if (parameters.Timeout.HasValue) { result.Timeout = parameters.Timeout.Value; result.TimeoutSource = SettingSource.Parameter; }
            else if (session?.Timeout != null) { result.Timeout = session.Timeout.Value; result.TimeoutSource = SettingSource.Session; }

            int? maxRetries = parameters.MaxRetries ?? session?.MaxRetries;
            TimeSpan? maxDelay = parameters.RetryMaxDelay ?? session?.RetryMaxDelay;
            if (maxRetries.HasValue || maxDelay.HasValue)
            {
                result.Retry = new RetryPolicy(maxRetries ?? RetryPolicy.DefaultMaxRetries, maxDelay ?? RetryPolicy.DefaultMaxDelay);
                result.RetrySource = parameters.MaxRetries.HasValue || parameters.RetryMaxDelay.HasValue ? SettingSource.Parameter : SettingSource.Session;
            }

            var notes = new List<string>();
            await ResolveCredentialAsync(parameters, session, result, profileNamed, tccliProfile, notes, log, cancellationToken).ConfigureAwait(false);
            if (requireCredential && result.CredentialProvider == null) throw MissingCredential(result, tccliProfile, notes);
            return result;
        }

        /// <summary>Where STS is (TENCENTCLOUD_STS_ENDPOINT, else sts.tencentcloudapi.com), with the settings' timeout and retries.</summary>
        public StsSettings StsFor(ResolvedSettings settings)
        {
            string named = NonEmpty(_env.GetVariable(EnvStsEndpoint));
            return new StsSettings
            {
                Endpoint = named == null ? StsSettings.DefaultEndpoint : EndpointValidator.ParseVariable(EnvStsEndpoint, named, metadataAddressAllowed: false),
                Timeout = settings?.Timeout ?? ResolvedSettings.DefaultTimeout,
                Retry = settings?.Retry ?? RetryPolicy.Default,
            };
        }

        /// <summary>The metadata service's endpoint: TENCENTCLOUD_METADATA_ENDPOINT, else http://metadata.tencentyun.com.</summary>
        public Uri MetadataEndpoint()
        {
            string named = NonEmpty(_env.GetVariable(EnvMetadataEndpoint));
            return named == null ? InstanceMetadataService.DefaultEndpoint : EndpointValidator.ParseVariable(EnvMetadataEndpoint, named, metadataAddressAllowed: true);
        }

        /// <summary>The services the role sources need; an error when this resolver was made without them.</summary>
        public ICredentialServices Services =>
            _services ?? throw new InvalidOperationException("This resolver was made without credential services, so it cannot use roles.");

        private async Task ResolveCredentialAsync(ExplicitSettings parameters, ExplicitSettings session, ResolvedSettings result, bool profileNamed,
            string tccliProfile, List<string> notes, IApiLog log, CancellationToken cancellationToken)
        {
            if (parameters.Credential != null)
            {
                Set(result, new StaticCredentialProvider(CheckComplete(parameters.Credential, "-Credential")), SettingSource.Parameter, "-Credential");
                return;
            }
            // A session set up with only -ProfileName carries no credential: fall through to the files. A command's own
            // -ProfileName names where its credential comes from, so it overrides the session's key too.
            bool profileParameter = !string.IsNullOrWhiteSpace(parameters.ProfileName);
            if (session?.CredentialProvider != null && !profileParameter)
            {
                Set(result, session.CredentialProvider, SettingSource.Session, session.CredentialOrigin ?? "Connect-TencentCloud");
                return;
            }
            if (session?.Credential != null && !profileParameter)
            {
                Set(result, new StaticCredentialProvider(session.Credential), SettingSource.Session, "Connect-TencentCloud");
                return;
            }
            if (!profileNamed)
            {
                string id = NonEmpty(_env.GetVariable(EnvSecretId));
                string key = NonEmpty(_env.GetVariable(EnvSecretKey));
                if (id != null || key != null)
                {
                    if (id == null || key == null)
                        throw Partial($"{(id == null ? EnvSecretKey : EnvSecretId)} is set but {(id == null ? EnvSecretId : EnvSecretKey)} is not. Set both environment variables, or neither.");
                    string token = NonEmpty(_env.GetVariable(EnvSessionToken)) ?? NonEmpty(_env.GetVariable(EnvTccliToken));
                    Set(result, new StaticCredentialProvider(new TencentCloudCredential(id, key, token)), SettingSource.Environment, $"{EnvSecretId}, {EnvSecretKey}");
                    return;
                }
            }

            string sdkFile = FindSdkCredentialsFile();
            if (sdkFile != null)
            {
                Dictionary<string, Dictionary<string, string>> ini = IniFile.Parse(ReadProfileFile(sdkFile), sdkFile);
                if (ini.TryGetValue(result.ProfileName, out Dictionary<string, string> section))
                {
                    string where = $"section [{result.ProfileName}] of {sdkFile}";
                    string roleArn = NonEmpty(Value(section, "role_arn"));
                    var credential = new TencentCloudCredential(Value(section, "secret_id"), Value(section, "secret_key"), Value(section, "token"));
                    CheckComplete(credential, roleArn == null ? $"{where} (keys secret_id and secret_key)"
                        : $"{where} (role_arn is assumed with the section's secret_id and secret_key)");
                    if (roleArn == null)
                    {
                        Set(result, new StaticCredentialProvider(credential), SettingSource.CredentialsFile, $"{sdkFile} [{result.ProfileName}]");
                        return;
                    }
                    ICredentialProvider role = new AssumeRoleProvider(new StaticCredentialProvider(credential),
                        RoleArns.Check(roleArn, $"role_arn in {where}:"),
                        RoleArns.CheckSessionName(NonEmpty(Value(section, "role_session_name")), $"role_session_name in {where}:"),
                        null, StsFor(result), Services);
                    Set(result, role, SettingSource.CredentialsFile, $"{sdkFile} [{result.ProfileName}] role_arn, assumed with the section's key");
                    return;
                }
            }

            string tccliFile = Path.Combine(TccliDirectory(), tccliProfile + ".credential");
            if (File.Exists(tccliFile))
            {
                JsonObject json = ParseJsonFile(tccliFile);
                if (string.Equals(json.GetString("type"), TccliCvmRole, StringComparison.OrdinalIgnoreCase)
                    && NonEmpty(json.GetString("secretId")) == null && NonEmpty(json.GetString("role-arn")) == null)
                {
                    var instance = new InstanceRoleProvider(Services.Metadata(MetadataEndpoint()), null, Services);
                    Set(result, instance, SettingSource.TccliProfile, $"{tccliFile} (type {TccliCvmRole}: the CVM instance role)");
                    return;
                }
                var credential = new TencentCloudCredential(json.GetString("secretId"), json.GetString("secretKey"), json.GetString("token"));
                string roleArn = NonEmpty(json.GetString("role-arn"));
                CheckComplete(credential, roleArn == null ? $"{tccliFile} (fields secretId and secretKey)"
                    : $"{tccliFile} (role-arn is assumed with the profile's secretId and secretKey)");
                if (roleArn == null)
                {
                    Set(result, new StaticCredentialProvider(credential), SettingSource.TccliProfile, tccliFile);
                    return;
                }
                ICredentialProvider role = new AssumeRoleProvider(new StaticCredentialProvider(credential),
                    RoleArns.Check(roleArn, $"role-arn in {tccliFile}:"),
                    RoleArns.CheckSessionName(NonEmpty(json.GetString("role-session-name")), $"role-session-name in {tccliFile}:"),
                    null, StsFor(result), Services);
                Set(result, role, SettingSource.TccliProfile, $"{tccliFile} role-arn, assumed with the profile's key");
                return;
            }

            if (profileNamed || _services == null) return;

            // The CAM role bound to this CVM instance: found when the metadata service answers and names a role.
            var metadata = _services.Metadata(MetadataEndpoint());
            var provider = new InstanceRoleProvider(metadata, null, _services);
            try
            {
                await provider.GetAsync(new CredentialRequest(result.Region, log), cancellationToken).ConfigureAwait(false);
                Set(result, provider, SettingSource.InstanceMetadata, $"{metadata.Authority}, role {provider.RoleName}");
                return;
            }
            catch (CredentialSourceAbsentException e)
            {
                notes.Add(e.Message);
            }
            catch (TencentCloudException)
            {
                // The service is there and a role may be bound, but its keys cannot be had now: this is the source, and
                // the call that needs the key reports why (Get-TencentCloudContext still shows the source).
                Set(result, provider, SettingSource.InstanceMetadata, $"{metadata.Authority}, role {provider.RoleName ?? "(unknown)"}");
                return;
            }

            // TKE's OIDC web identity, where the Node SDK's chain has it: after the CVM role.
            string[] values = Array.ConvertAll(TkeVariables, name => NonEmpty(_env.GetVariable(name)));
            if (Array.TrueForAll(values, v => v != null))
            {
                string arn = RoleArns.Check(values[3], WebIdentityProvider.EnvRoleArn);
                WebIdentityProvider.ReadToken(values[2]); // a missing or empty token file is an error now, before any request
                var identity = new WebIdentityProvider(values[0], values[1], values[2], arn, StsFor(result), _services);
                Set(result, identity, SettingSource.TkeWebIdentity, $"{WebIdentityProvider.EnvRoleArn}, {WebIdentityProvider.EnvTokenFile}");
                return;
            }
            if (Array.Exists(values, v => v != null))
            {
                var missing = new List<string>();
                for (int i = 0; i < TkeVariables.Length; i++) if (values[i] == null) missing.Add(TkeVariables[i]);
                notes.Add($"TKE's web identity needs all of {string.Join(", ", TkeVariables)}; {(missing.Count == 1 ? missing[0] : string.Join(", ", missing.GetRange(0, missing.Count - 1)) + " and " + missing[missing.Count - 1])} {(missing.Count == 1 ? "is" : "are")} not set.");
            }
        }

        private void ResolveRegion(ExplicitSettings parameters, ExplicitSettings session, ResolvedSettings result, string tccliProfile)
        {
            if (NonEmpty(parameters.Region) != null) { SetRegion(result, parameters.Region, SettingSource.Parameter, "-Region"); return; }
            if (NonEmpty(session?.Region) != null) { SetRegion(result, session.Region, SettingSource.Session, "Connect-TencentCloud"); return; }
            string envRegion = NonEmpty(_env.GetVariable(EnvRegion));
            if (envRegion != null) { SetRegion(result, envRegion, SettingSource.Environment, EnvRegion); return; }
            string configure = Path.Combine(TccliDirectory(), tccliProfile + ".configure");
            if (File.Exists(configure))
            {
                JsonObject json = ParseJsonFile(configure);
                string region = NonEmpty(json.GetObject("_sys_param")?.GetString("region"));
                if (region != null) SetRegion(result, region, SettingSource.TccliProfile, configure);
            }
        }

        private string FindSdkCredentialsFile()
        {
            string named = NonEmpty(_env.GetVariable(EnvCredentialsFile));
            if (named != null)
            {
                if (Directory.Exists(named))
                    throw new TencentCloudException(ErrorCatalog.InvalidProfile,
                        $"{EnvCredentialsFile} names '{named}', which is a folder, not a file. Point it at the credentials file itself or remove the variable.");
                if (!File.Exists(named))
                    throw new TencentCloudException(ErrorCatalog.InvalidProfile,
                        $"{EnvCredentialsFile} names '{named}', which does not exist. Correct the path or remove the variable.");
                return named;
            }
            string home = _env.HomeDirectory;
            if (!string.IsNullOrEmpty(home))
            {
                string user = Path.Combine(home, ".tencentcloud", "credentials");
                if (File.Exists(user)) return user;
            }
            string system = _env.SystemCredentialsFile;
            return system != null && File.Exists(system) ? system : null;
        }

        private string TccliDirectory() => Path.Combine(_env.HomeDirectory ?? "", ".tccli");

        private static string ReadProfileFile(string path)
        {
            try
            {
                return File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new TencentCloudException(ErrorCatalog.InvalidProfile,
                    $"The credentials file '{path}' cannot be read: {e.Message} Fix its permissions, or give credentials another way (Connect-TencentCloud, -Credential).", null, e);
            }
        }

        private static JsonObject ParseJsonFile(string path)
        {
            string text = ReadProfileFile(path);
            try
            {
                return Json.Parse(text) as JsonObject
                    ?? throw new TencentCloudException(ErrorCatalog.InvalidProfile, $"'{path}' should hold a JSON object. Re-create it with 'tccli configure'.");
            }
            catch (JsonParseException e)
            {
                throw new TencentCloudException(ErrorCatalog.InvalidProfile,
                    $"'{path}' is not valid JSON ({e.Message}) Re-create it with 'tccli configure' or fix it by hand.", null, e);
            }
            catch (InvalidResponseException e)
            {
                throw new TencentCloudException(ErrorCatalog.InvalidProfile, $"'{path}': {e.Message}", null, e);
            }
        }

        private static TencentCloudCredential CheckComplete(TencentCloudCredential credential, string where)
        {
            if (string.IsNullOrEmpty(credential.SecretId) || string.IsNullOrEmpty(credential.SecretKey))
                throw Partial($"The credential from {where} lacks its {(string.IsNullOrEmpty(credential.SecretId) ? "SecretId" : "SecretKey")}. Give both the SecretId and the SecretKey.");
            return credential;
        }

        private static void Set(ResolvedSettings r, ICredentialProvider c, SettingSource source, string origin)
        {
            r.CredentialProvider = c;
            r.CredentialSource = source;
            r.CredentialOrigin = origin;
        }

        private static void SetRegion(ResolvedSettings r, string region, SettingSource source, string origin)
        {
            r.Region = region.Trim();
            r.RegionSource = source;
            r.RegionOrigin = origin;
        }

        private static string NonEmpty(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

        private static string Value(Dictionary<string, string> section, string key) => section.TryGetValue(key, out string v) ? v : null;

        private static TencentCloudException Partial(string message) =>
            new TencentCloudException(ErrorCatalog.InvalidCredential, message);

        /// <summary>The error for a call that has no region: every request names its region, so nothing is sent.</summary>
        public static TencentCloudException MissingRegion(ResolvedSettings settings)
        {
            string profile = settings?.ProfileName ?? DefaultProfile;
            return new TencentCloudException(ErrorCatalog.MissingRegion,
                "No region is set, and every Tencent Cloud API request names its region, so nothing was sent.")
            {
                Advice = "Give one in one of these ways:" + Environment.NewLine +
                    "  - -Region ap-guangzhou on the command (listing commands also take several regions, or -Region * for every region)" + Environment.NewLine +
                    "  - Connect-TencentCloud -Region ap-guangzhou   for this session" + Environment.NewLine +
                    $"  - the environment variable {EnvRegion}" + Environment.NewLine +
                    $"  - tccli's profile file ~/.tccli/{profile}.configure ('tccli configure set region ap-guangzhou')",
            };
        }

        private TencentCloudException MissingCredential(ResolvedSettings result, string tccliProfile, List<string> notes)
        {
            string home = _env.HomeDirectory ?? "~";
            string nl = Environment.NewLine;
            string profileNote = result.ProfileSource == SettingSource.Default ? "" : $" (profile '{result.ProfileName}' was named, so the environment variables, the instance role and TKE's web identity were not tried)";
            // One paragraph: PowerShell 7's ConciseView runs a script's error message together into one, so the notes are
            // sentences; the list of ways is the advice, whose lines every view keeps.
            string tried = notes.Count == 0 ? "" : " What was found: " + string.Join(" ", notes.ConvertAll(n => n.TrimEnd().EndsWith(".") ? n.TrimEnd() : n.TrimEnd() + "."));
            return new TencentCloudException(ErrorCatalog.MissingCredential, "No Tencent Cloud credentials were found" + profileNote + "." + tried)
            {
                Advice = "Provide them in one of these ways:" + nl +
                "  - Connect-TencentCloud -SecretId <id> -SecretKey (Read-Host -AsSecureString)   for this session (add -RoleArn to assume a role with it)" + nl +
                "  - -Credential (Get-Credential)   on one command (user name = SecretId, password = SecretKey)" + nl +
                $"  - the environment variables {EnvSecretId} and {EnvSecretKey} (and {EnvSessionToken} for temporary credentials)" + nl +
                $"  - the SDK credentials file {Path.Combine(home, ".tencentcloud", "credentials")} (or {EnvCredentialsFile}), section [{result.ProfileName}] with secret_id and secret_key (and role_arn to assume a role)" + nl +
                $"  - tccli's profile file {Path.Combine(home, ".tccli", tccliProfile + ".credential")} ('tccli configure')" + nl +
                $"  - a CAM role bound to this CVM instance (asked of the metadata service, {EnvMetadataEndpoint} or http://metadata.tencentyun.com)" + nl +
                $"  - TKE's OIDC web identity: {string.Join(", ", TkeVariables)}",
            };
        }
    }
}
