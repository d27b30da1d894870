using System;
using MongoBackup.Client;

namespace MongoBackup
{
    /// <summary>The settings in force and where each came from. Shows the SecretId masked and never the SecretKey.</summary>
    public sealed class TencentCloudContext
    {
        /// <summary>The SecretId with all but its first and last 4 characters masked; empty when no credential is found.</summary>
        public string SecretId { get; set; }
        public SettingSource CredentialSource { get; set; }
        /// <summary>The variables or file that gave the credential.</summary>
        public string CredentialOrigin { get; set; }
        /// <summary>Whether the credential is temporary (carries a session token).</summary>
        public bool IsTemporary { get; set; }
        public string Region { get; set; }
        public SettingSource RegionSource { get; set; }
        /// <summary>The variable or file that gave the region.</summary>
        public string RegionOrigin { get; set; }
        public string ProfileName { get; set; }
        public SettingSource ProfileSource { get; set; }
        public Uri Endpoint { get; set; }
        public SettingSource EndpointSource { get; set; }
        public TimeSpan Timeout { get; set; }
        public SettingSource TimeoutSource { get; set; }
        /// <summary>How many times a transiently failed call is retried.</summary>
        public int MaxRetries { get; set; }
        /// <summary>The longest wait between two retries.</summary>
        public TimeSpan RetryMaxDelay { get; set; }
        public SettingSource RetrySource { get; set; }
        /// <summary>The client-side limit of requests per second of every action set by Connect-TencentCloud -RequestsPerSecond: null = each action's documented limit, 0 = none.</summary>
        public int? RequestsPerSecond { get; set; }

        internal static TencentCloudContext From(ResolvedSettings s) => new TencentCloudContext
        {
            SecretId = s.Credential?.MaskedSecretId,
            CredentialSource = s.CredentialSource,
            CredentialOrigin = s.CredentialOrigin,
            IsTemporary = s.Credential?.IsTemporary ?? false,
            Region = s.Region,
            RegionSource = s.RegionSource,
            RegionOrigin = s.RegionOrigin,
            ProfileName = s.ProfileName,
            ProfileSource = s.ProfileSource,
            Endpoint = s.Endpoint,
            EndpointSource = s.EndpointSource,
            Timeout = s.Timeout,
            TimeoutSource = s.TimeoutSource,
            MaxRetries = s.Retry.MaxRetries,
            RetryMaxDelay = s.Retry.MaxDelay,
            RetrySource = s.RetrySource,
            RequestsPerSecond = RateLimiter.ProcessLimit,
        };
    }
}
