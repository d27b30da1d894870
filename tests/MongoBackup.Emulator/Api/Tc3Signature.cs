using System.Security.Cryptography;
using System.Text;

namespace MongoBackup.Emulator.Api;

/// <summary>TC3-HMAC-SHA256, written from the API reference (independently of the module's code).</summary>
public static class Tc3Signature
{
    /// <param name="headers">The signed headers as (lower-case name, value) in the order of SignedHeaders.</param>
    /// <param name="lowerCaseValues">true as the reference says (values lower-cased); false as the Node SDK does (values as given).</param>
    public static string CanonicalRequest(IEnumerable<(string Name, string Value)> headers, string signedHeadersText, ReadOnlySpan<byte> body,
        bool lowerCaseValues = true)
    {
        var canonicalHeaders = new StringBuilder();
        foreach (var (name, value) in headers)
            canonicalHeaders.Append(name).Append(':').Append(lowerCaseValues ? value.Trim().ToLowerInvariant() : value.Trim()).Append('\n');
        return $"POST\n/\n\n{canonicalHeaders}\n{signedHeadersText}\n{Sha256Hex(body)}";
    }

    public static string Sign(string secretKey, string date, string service, long timestamp, string canonicalRequest)
    {
        var scope = $"{date}/{service}/tc3_request";
        var stringToSign = $"{AuthorizationHeader.Algorithm}\n{timestamp}\n{scope}\n{Sha256Hex(Encoding.UTF8.GetBytes(canonicalRequest))}";
        var kDate = Hmac(Encoding.UTF8.GetBytes("TC3" + secretKey), date);
        var kService = Hmac(kDate, service);
        var kSigning = Hmac(kService, "tc3_request");
        return Convert.ToHexStringLower(Hmac(kSigning, stringToSign));
    }

    public static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
