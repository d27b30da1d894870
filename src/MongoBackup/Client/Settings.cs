using System;

namespace MongoBackup.Client
{
    /// <summary>What one invocation or Connect-TencentCloud says explicitly; any member may be null.</summary>
    internal sealed class ExplicitSettings
    {
        /// <summary>A key given as it is (-Credential, Connect-TencentCloud -SecretId/-SecretKey).</summary>
        public TencentCloudCredential Credential { get; set; }
        /// <summary>A credential source set up by Connect-TencentCloud (-UseInstanceRole, -RoleArn); wins over <see cref="Credential"/>.</summary>
        public ICredentialProvider CredentialProvider { get; set; }
        /// <summary>How <see cref="CredentialProvider"/> was set up, for Get-TencentCloudContext (never a key).</summary>
        public string CredentialOrigin { get; set; }
        /// <summary>
        /// After Connect-TencentCloud -RoleArn: the session's credential settings before the role (what assumes it), so a
        /// later -RoleArn replaces the role rather than assuming the new one with the old one's keys.
        /// </summary>
        public ExplicitSettings RoleBasis { get; set; }
        public string Region { get; set; }
        public string ProfileName { get; set; }
        public Uri Endpoint { get; set; }
        public TimeSpan? Timeout { get; set; }
        public int? MaxRetries { get; set; }
        public TimeSpan? RetryMaxDelay { get; set; }
    }

    /// <summary>
    /// The defaults set by Connect-TencentCloud. They are process-wide on purpose: a runbook connects once and its
    /// ForEach-Object -Parallel runspaces and thread jobs use the same connection (as Az does with its Process scope).
    /// </summary>
    internal static class SessionDefaults
    {
        private static volatile ExplicitSettings _current;

        public static ExplicitSettings Current => _current;

        public static void Set(ExplicitSettings settings) => _current = settings;

        public static void Clear() => _current = null;
    }

    /// <summary>The settings in force for a call, each with where it came from.</summary>
    internal sealed class ResolvedSettings
    {
        public static readonly Uri DefaultEndpoint = new Uri("https://mongodb.tencentcloudapi.com/");
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

        /// <summary>Where the credential of each request comes from (a fixed key, or a refreshed temporary one); null: none.</summary>
        public ICredentialProvider CredentialProvider { get; set; }

        public bool HasCredential => CredentialProvider != null;

        /// <summary>
        /// The key when it is a fixed one (null for the refreshed sources: use <see cref="CredentialProvider"/>); setting it
        /// sets a fixed-key provider.
        /// </summary>
        public TencentCloudCredential Credential
        {
            get => (CredentialProvider as StaticCredentialProvider)?.Credential;
            set => CredentialProvider = value == null ? null : new StaticCredentialProvider(value);
        }

        public SettingSource CredentialSource { get; set; }
        /// <summary>The variable names or the file that gave the credential (never its value).</summary>
        public string CredentialOrigin { get; set; }

        public string Region { get; set; }
        public SettingSource RegionSource { get; set; }
        public string RegionOrigin { get; set; }

        public Uri Endpoint { get; set; } = DefaultEndpoint;
        public SettingSource EndpointSource { get; set; } = SettingSource.Default;

        public string ProfileName { get; set; }
        public SettingSource ProfileSource { get; set; }

        public TimeSpan Timeout { get; set; } = DefaultTimeout;
        public SettingSource TimeoutSource { get; set; } = SettingSource.Default;

        public RetryPolicy Retry { get; set; } = RetryPolicy.Default;
        public SettingSource RetrySource { get; set; } = SettingSource.Default;

        /// <summary>A copy for another region (a piped object's); the same object when the region is unchanged.</summary>
        public ResolvedSettings WithRegion(string region)
        {
            if (region == Region) return this;
            var copy = (ResolvedSettings)MemberwiseClone();
            copy.Region = region;
            copy.RegionSource = SettingSource.Parameter;
            copy.RegionOrigin = "-Region";
            return copy;
        }
    }
}
