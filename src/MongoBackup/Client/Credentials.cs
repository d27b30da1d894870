using System;

namespace MongoBackup.Client
{
    /// <summary>A SecretId/SecretKey pair, with a token for temporary credentials. Never prints the key.</summary>
    internal sealed class TencentCloudCredential
    {
        public TencentCloudCredential(string secretId, string secretKey, string token = null)
        {
            SecretId = secretId?.Trim();
            SecretKey = secretKey?.Trim();
            Token = string.IsNullOrWhiteSpace(token) ? null : token.Trim();
        }

        public string SecretId { get; }
        public string SecretKey { get; }
        public string Token { get; }
        public bool IsTemporary => Token != null;

        /// <summary>The SecretId with all but its first 4 and last 4 characters hidden.</summary>
        public string MaskedSecretId => Mask(SecretId);

        public static string Mask(string secretId)
        {
            if (string.IsNullOrEmpty(secretId)) return secretId;
            if (secretId.Length <= 8) return new string('*', secretId.Length);
            return secretId.Substring(0, 4) + new string('*', secretId.Length - 8) + secretId.Substring(secretId.Length - 4);
        }

        public override string ToString() => MaskedSecretId;
    }

    /// <summary>Where a setting in force came from, in resolution order.</summary>
    public enum SettingSource
    {
        None,
        Parameter,
        Session,
        Environment,
        CredentialsFile,
        TccliProfile,
        /// <summary>The CAM role bound to this CVM instance, found through the instance metadata service.</summary>
        InstanceMetadata,
        /// <summary>TKE's OIDC web identity (TKE_REGION, TKE_PROVIDER_ID, TKE_WEB_IDENTITY_TOKEN_FILE, TKE_ROLE_ARN).</summary>
        TkeWebIdentity,
        Default,
    }

    /// <summary>What kind of credential is in force.</summary>
    public enum CredentialType
    {
        /// <summary>No credential was found.</summary>
        None,
        /// <summary>A permanent API key (SecretId and SecretKey).</summary>
        Key,
        /// <summary>A temporary key given as it is (with its token), never refreshed.</summary>
        TemporaryKey,
        /// <summary>The temporary keys of the CAM role bound to this CVM instance, refreshed before they expire.</summary>
        InstanceRole,
        /// <summary>The temporary keys of a role assumed through STS AssumeRole, refreshed before they expire.</summary>
        AssumedRole,
        /// <summary>The temporary keys of a role assumed with an OIDC token (STS AssumeRoleWithWebIdentity), refreshed before they expire.</summary>
        WebIdentity,
    }
}
