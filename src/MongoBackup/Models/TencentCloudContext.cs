using System;
using MongoBackup.Client;

namespace MongoBackup
{
    /// <summary>The settings in force and where each came from. Shows the SecretId masked and never the SecretKey.</summary>
    public sealed class TencentCloudContext
    {
        /// <summary>The SecretId (of the temporary key now in use, for a role) with all but its first and last 4 characters masked; empty when no credential is found.</summary>
        public string SecretId { get; set; }
        /// <summary>What the credential is: Key, TemporaryKey, InstanceRole, AssumedRole, WebIdentity (None: no credential).</summary>
        public CredentialType CredentialType { get; set; }
        public SettingSource CredentialSource { get; set; }
        /// <summary>The variables, file, metadata service or Connect-TencentCloud call that gave the credential.</summary>
        public string CredentialOrigin { get; set; }
        /// <summary>Whether the credential is temporary (carries a session token).</summary>
        public bool IsTemporary { get; set; }
        /// <summary>The CAM role bound to this CVM instance, for CredentialType InstanceRole.</summary>
        public string RoleName { get; set; }
        /// <summary>The role's ARN, for CredentialType AssumedRole and WebIdentity.</summary>
        public string RoleArn { get; set; }
        public string RoleSessionName { get; set; }
        /// <summary>When the temporary key in use expires (it is replaced 5 minutes before, or half-way through a shorter life); empty for a key that does not expire or whose expiry is not known.</summary>
        public DateTimeOffset? Expiration { get; set; }
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

        internal static TencentCloudContext From(ResolvedSettings s, TimedCredential current = null)
        {
            ICredentialProvider provider = s.CredentialProvider;
            current = current ?? provider?.Current;
            CredentialType type = provider?.Type ?? CredentialType.None;
            return new TencentCloudContext
            {
                SecretId = current?.Credential.MaskedSecretId,
                CredentialType = type,
                CredentialSource = s.CredentialSource,
                CredentialOrigin = s.CredentialOrigin,
                IsTemporary = type != CredentialType.None && type != CredentialType.Key,
                RoleName = provider?.RoleName,
                RoleArn = provider?.RoleArn,
                RoleSessionName = provider?.RoleSessionName,
                Expiration = current?.Expiration,
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
}
