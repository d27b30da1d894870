using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MongoBackup.Client
{
    /// <summary>The pieces of one TC3-HMAC-SHA256 signature, kept for tests and for debugging a mismatch.</summary>
    internal sealed class Tc3Signature
    {
        public string PayloadHash { get; set; }
        public string CanonicalRequest { get; set; }
        public string CanonicalRequestHash { get; set; }
        public string StringToSign { get; set; }
        public string Date { get; set; }
        public string Signature { get; set; }
        public string Authorization { get; set; }
    }

    /// <summary>TC3-HMAC-SHA256, as the reference describes it: POST to "/", signed headers content-type and host.</summary>
    internal static class Tc3Signer
    {
        public const string Algorithm = "TC3-HMAC-SHA256";
        public const string SignedHeaders = "content-type;host";

        public static Tc3Signature Sign(string secretId, string secretKey, string service, string host, string contentType,
            byte[] payload, long timestamp)
        {
            if (string.IsNullOrEmpty(secretId)) throw new ArgumentException("A SecretId is required.", nameof(secretId));
            if (string.IsNullOrEmpty(secretKey)) throw new ArgumentException("A SecretKey is required.", nameof(secretKey));

            string payloadHash = HexText.Lower(Sha256(payload ?? Array.Empty<byte>()));
            string canonicalHeaders =
                "content-type:" + contentType.Trim().ToLowerInvariant() + "\n" +
                "host:" + host.Trim().ToLowerInvariant() + "\n";
            string canonicalRequest = "POST\n/\n\n" + canonicalHeaders + "\n" + SignedHeaders + "\n" + payloadHash;
            string canonicalRequestHash = HexText.Lower(Sha256(Encoding.UTF8.GetBytes(canonicalRequest)));

            string date = DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            string scope = date + "/" + service + "/tc3_request";
            string stringToSign = Algorithm + "\n" + timestamp.ToString(CultureInfo.InvariantCulture) + "\n" + scope + "\n" + canonicalRequestHash;

            byte[] kDate = Hmac(Encoding.UTF8.GetBytes("TC3" + secretKey), date);
            byte[] kService = Hmac(kDate, service);
            byte[] kSigning = Hmac(kService, "tc3_request");
            string signature = HexText.Lower(Hmac(kSigning, stringToSign));

            return new Tc3Signature
            {
                PayloadHash = payloadHash,
                CanonicalRequest = canonicalRequest,
                CanonicalRequestHash = canonicalRequestHash,
                StringToSign = stringToSign,
                Date = date,
                Signature = signature,
                Authorization = Algorithm + " Credential=" + secretId + "/" + scope + ", SignedHeaders=" + SignedHeaders + ", Signature=" + signature,
            };
        }

        private static byte[] Sha256(byte[] data)
        {
            using (var sha = SHA256.Create()) return sha.ComputeHash(data);
        }

        private static byte[] Hmac(byte[] key, string message)
        {
            using (var hmac = new HMACSHA256(key)) return hmac.ComputeHash(Encoding.UTF8.GetBytes(message));
        }

    }
}
