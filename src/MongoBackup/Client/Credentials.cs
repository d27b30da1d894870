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
        Default,
    }
}
