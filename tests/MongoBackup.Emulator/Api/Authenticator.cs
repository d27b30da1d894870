using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace MongoBackup.Emulator.Api;

/// <summary>Verifies the TC3-HMAC-SHA256 signature of an API request the way the service does.</summary>
public sealed class Authenticator(EmulatorOptions options, Identity.IssuedKeys issued, Infrastructure.Stats stats)
{
    /// <summary>The Authorization value of an unsigned action, as the official SDKs send it.</summary>
    public const string Unsigned = "SKIP";

    /// <summary>An unsigned action (AssumeRoleWithWebIdentity): X-TC-Timestamp present and decimal, Authorization: SKIP.</summary>
    public void VerifyUnsigned(HttpRequest request)
    {
        var timestampText = Header(request, "X-TC-Timestamp") ?? throw ApiException.Missing("X-TC-Timestamp");
        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw new ApiException("InvalidParameterValue", "The value of header `X-TC-Timestamp` is invalid: expected Unix seconds.");
        var authorization = Header(request, "Authorization") ?? throw ApiException.Missing("Authorization");
        stats.CountSecretId(Infrastructure.Stats.Unsigned);
        if (authorization != Unsigned)
            throw SignatureFailure($"this action is not signed: its Authorization header must be `{Unsigned}`");
    }

    public const int MaxSkewSeconds = 300;
    public const string Service = "mongodb";

    public void Verify(HttpRequest request, ReadOnlySpan<byte> body, DateTimeOffset now, string service = Service)
    {
        var timestampText = Header(request, "X-TC-Timestamp") ?? throw ApiException.Missing("X-TC-Timestamp");
        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
            throw new ApiException("InvalidParameterValue", "The value of header `X-TC-Timestamp` is invalid: expected Unix seconds.");
        var authorizationText = Header(request, "Authorization") ?? throw ApiException.Missing("Authorization");
        var authorization = AuthorizationHeader.Parse(authorizationText);

        if (authorization.Service != service)
            throw SignatureFailure($"the credential scope's service must be `{service}`");
        var issuedKey = issued.Find(authorization.SecretId);
        stats.CountSecretId(authorization.SecretId);
        var isTemporary = authorization.SecretId == options.TempSecretId || issuedKey is not null;
        if (!isTemporary && authorization.SecretId != options.SecretId)
            throw new ApiException("AuthFailure.SecretIdNotFound", "The SecretId is not found, please ensure that your SecretId is correct.");
        var skew = now.ToUnixTimeSeconds() - timestamp;
        if (Math.Abs(skew) > MaxSkewSeconds)
            throw new ApiException("AuthFailure.SignatureExpire",
                $"Signature expired, timestamp is {timestamp}, server time is {now.ToUnixTimeSeconds()}; the allowed difference is {MaxSkewSeconds} seconds.");
        var utcDate = DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (authorization.Date != utcDate)
            throw SignatureFailure("the credential date must be the UTC date of X-TC-Timestamp");

        var secretKey = issuedKey?.SecretKey ?? (isTemporary ? options.TempSecretKey : options.SecretKey);
        if (!SignatureMatches(request, body, authorization, secretKey, timestamp))
            throw SignatureFailure("the signature does not match");

        if (isTemporary && !Tc3Signature.FixedTimeEquals(Header(request, "X-TC-Token") ?? "", issuedKey?.Token ?? options.Token))
            throw new ApiException("AuthFailure.TokenFailure", "The token is missing or invalid for these temporary credentials.");
        // An issued key past its expiry: the service's common error for a token that is no longer valid.
        if (issuedKey is not null && now >= issuedKey.ExpiresAt)
        {
            stats.CountExpiredKey();
            throw new ApiException("AuthFailure.TokenFailure", "The token has expired: these temporary credentials are no longer valid.");
        }
    }

    private static bool SignatureMatches(HttpRequest request, ReadOnlySpan<byte> body, AuthorizationHeader auth, string secretKey, long timestamp)
    {
        var values = new List<(string Name, string Value)>();
        foreach (var name in auth.SignedHeaders)
            values.Add((name, Header(request, name) ?? throw SignatureFailure($"the signed header `{name}` is missing")));

        foreach (var candidate in HostVariants(values))
        foreach (var lowerCaseValues in new[] { true, false })
        {
            var canonical = Tc3Signature.CanonicalRequest(candidate, auth.SignedHeadersText, body, lowerCaseValues);
            var expected = Tc3Signature.Sign(secretKey, auth.Date, auth.Service, timestamp, canonical);
            if (Tc3Signature.FixedTimeEquals(expected, auth.Signature)) return true;
        }
        return false;
    }

    /// <summary>The signed headers as received, and once more with the Host's port removed
    /// (the official Node SDK signs the host without its port). Each is tried with header values lower-cased
    /// (the reference's rule) and as received (the Node SDK does not normalize them).</summary>
    private static IEnumerable<List<(string Name, string Value)>> HostVariants(List<(string Name, string Value)> values)
    {
        yield return values;
        var index = values.FindIndex(v => v.Name == "host");
        var host = values[index].Value;
        var colon = host.LastIndexOf(':');
        if (colon > 0 && host.IndexOf(']', colon) < 0)
        {
            var withoutPort = new List<(string Name, string Value)>(values);
            withoutPort[index] = ("host", host[..colon]);
            yield return withoutPort;
        }
    }

    public static string? Header(HttpRequest request, string name)
    {
        var value = request.Headers[name];
        return value.Count == 0 ? null : string.Join(",", value.ToArray());
    }

    private static ApiException SignatureFailure(string why) =>
        new("AuthFailure.SignatureFailure", $"The provided credentials could not be validated: {why}.");
}
