using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

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
    /// Finds the credential, region and endpoint in force. Order: parameters, the session (Connect-TencentCloud), the
    /// environment variables, the SDK credentials file, then tccli's profile files. An explicit profile name
    /// (-ProfileName or Connect-TencentCloud -ProfileName) skips the environment variables: naming a profile means that
    /// profile.
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
        public const string DefaultProfile = "default";

        private readonly IHostEnvironment _env;

        public SettingsResolver(IHostEnvironment env)
        {
            _env = env ?? throw new ArgumentNullException(nameof(env));
        }

        /// <summary>Resolves everything; with <paramref name="requireCredential"/> a missing credential is an error.</summary>
        public ResolvedSettings Resolve(ExplicitSettings parameters, ExplicitSettings session, bool requireCredential = true)
        {
            parameters = parameters ?? new ExplicitSettings();
            var result = new ResolvedSettings();

            // Profile name: parameter, session, TCCLI_PROFILE (tccli's own variable), default.
            if (!string.IsNullOrWhiteSpace(parameters.ProfileName)) { result.ProfileName = parameters.ProfileName.Trim(); result.ProfileSource = SettingSource.Parameter; }
            else if (!string.IsNullOrWhiteSpace(session?.ProfileName)) { result.ProfileName = session.ProfileName.Trim(); result.ProfileSource = SettingSource.Session; }
            else { result.ProfileName = DefaultProfile; result.ProfileSource = SettingSource.Default; }
            bool profileNamed = result.ProfileSource != SettingSource.Default;
            string tccliProfile = profileNamed ? result.ProfileName : (NonEmpty(_env.GetVariable(EnvTccliProfile)) ?? DefaultProfile);

            ResolveCredential(parameters, session, result, profileNamed, tccliProfile);
            if (requireCredential && result.Credential == null) throw MissingCredential(result, tccliProfile);

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
            return result;
        }

        private void ResolveCredential(ExplicitSettings parameters, ExplicitSettings session, ResolvedSettings result, bool profileNamed, string tccliProfile)
        {
            if (parameters.Credential != null)
            {
                Set(result, CheckComplete(parameters.Credential, "-Credential"), SettingSource.Parameter, "-Credential");
                return;
            }
            // A session set up with only -ProfileName carries no credential: fall through to the files. A command's own
            // -ProfileName names where its credential comes from, so it overrides the session's key too.
            bool profileParameter = !string.IsNullOrWhiteSpace(parameters.ProfileName);
            if (session?.Credential != null && !profileParameter)
            {
                Set(result, session.Credential, SettingSource.Session, "Connect-TencentCloud");
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
                    Set(result, new TencentCloudCredential(id, key, token), SettingSource.Environment, $"{EnvSecretId}, {EnvSecretKey}");
                    return;
                }
            }

            string sdkFile = FindSdkCredentialsFile();
            if (sdkFile != null)
            {
                Dictionary<string, Dictionary<string, string>> ini = IniFile.Parse(ReadProfileFile(sdkFile), sdkFile);
                if (ini.TryGetValue(result.ProfileName, out Dictionary<string, string> section))
                {
                    section.TryGetValue("secret_id", out string id);
                    section.TryGetValue("secret_key", out string key);
                    section.TryGetValue("token", out string token);
                    var credential = new TencentCloudCredential(id, key, token);
                    Set(result, CheckComplete(credential, $"section [{result.ProfileName}] of {sdkFile} (keys secret_id and secret_key)"),
                        SettingSource.CredentialsFile, $"{sdkFile} [{result.ProfileName}]");
                    return;
                }
            }

            string tccliFile = Path.Combine(TccliDirectory(), tccliProfile + ".credential");
            if (File.Exists(tccliFile))
            {
                JsonObject json = ParseJsonFile(tccliFile);
                var credential = new TencentCloudCredential(json.GetString("secretId"), json.GetString("secretKey"), json.GetString("token"));
                Set(result, CheckComplete(credential, $"{tccliFile} (fields secretId and secretKey)"), SettingSource.TccliProfile, tccliFile);
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

        private static void Set(ResolvedSettings r, TencentCloudCredential c, SettingSource source, string origin)
        {
            r.Credential = c;
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

        private static TencentCloudException Partial(string message) =>
            new TencentCloudException(ErrorCatalog.InvalidCredential, message);

        /// <summary>The error for a call that has no region: every request names its region, so nothing is sent.</summary>
        public static TencentCloudException MissingRegion(ResolvedSettings settings)
        {
            string profile = settings?.ProfileName ?? DefaultProfile;
            return new TencentCloudException(ErrorCatalog.MissingRegion,
                "No region is set, and every Tencent Cloud API request names its region, so nothing was sent. Give one in one of these ways:" + Environment.NewLine +
                "  - -Region ap-guangzhou on the command (listing commands also take several regions, or -Region * for every region)" + Environment.NewLine +
                "  - Connect-TencentCloud -Region ap-guangzhou   for this session" + Environment.NewLine +
                $"  - the environment variable {EnvRegion}" + Environment.NewLine +
                $"  - tccli's profile file ~/.tccli/{profile}.configure ('tccli configure set region ap-guangzhou')");
        }

        private TencentCloudException MissingCredential(ResolvedSettings result, string tccliProfile)
        {
            string home = _env.HomeDirectory ?? "~";
            string profileNote = result.ProfileSource == SettingSource.Default ? "" : $" (profile '{result.ProfileName}' was named, so the environment variables were not read)";
            return new TencentCloudException(ErrorCatalog.MissingCredential,
                "No Tencent Cloud credentials were found" + profileNote + ". Provide them in one of these ways:" + Environment.NewLine +
                "  - Connect-TencentCloud -SecretId <id> -SecretKey (Read-Host -AsSecureString)   for this session" + Environment.NewLine +
                "  - -Credential (Get-Credential)   on one command (user name = SecretId, password = SecretKey)" + Environment.NewLine +
                $"  - the environment variables {EnvSecretId} and {EnvSecretKey} (and {EnvSessionToken} for temporary credentials)" + Environment.NewLine +
                $"  - the SDK credentials file {Path.Combine(home, ".tencentcloud", "credentials")} (or {EnvCredentialsFile}), section [{result.ProfileName}] with secret_id and secret_key" + Environment.NewLine +
                $"  - tccli's profile file {Path.Combine(home, ".tccli", tccliProfile + ".credential")} ('tccli configure')");
        }
    }
}
