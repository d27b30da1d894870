using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace MongoBackup.Emulator.Identity;

/// <summary>One temporary key the emulator handed out (metadata service or STS): valid until <see cref="ExpiresAt"/>,
/// with its token.</summary>
public sealed record IssuedKey(string SecretId, string SecretKey, string Token, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string Source,
    double RequestedSeconds)
{
    public double LifetimeSeconds => (ExpiresAt - IssuedAt).TotalSeconds;
}

/// <summary>Every temporary key issued since the start, so the authenticator accepts them until they expire. Not
/// cleared by /_emulator/reset (like presigned links, issued keys stay valid).</summary>
public sealed class IssuedKeys
{
    private readonly ConcurrentDictionary<string, IssuedKey> keys = new(StringComparer.Ordinal);

    /// <summary>A new key. It expires on a whole second, so its ExpiredTime (Unix seconds) is exactly when it stops working.</summary>
    public IssuedKey Issue(TimeSpan lifetime, string source, DateTimeOffset now)
    {
        var expires = DateTimeOffset.FromUnixTimeSeconds((now + lifetime).ToUnixTimeSeconds());
        var key = new IssuedKey(
            "AKIDTmp" + Convert.ToHexString(RandomNumberGenerator.GetBytes(14)),
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', 'x').Replace('/', 'y').TrimEnd('='),
            "EmuToken" + Convert.ToHexString(RandomNumberGenerator.GetBytes(48)),
            now, expires, source, lifetime.TotalSeconds);
        keys[key.SecretId] = key;
        return key;
    }

    /// <summary>Ends every key issued so far now (as if revoked): a client that still trusts one gets AuthFailure.TokenFailure.</summary>
    public void ExpireAll(DateTimeOffset now)
    {
        foreach (var key in keys.Values)
            if (key.ExpiresAt > now) keys[key.SecretId] = key with { ExpiresAt = now };
    }

    public IssuedKey? Find(string secretId) => keys.TryGetValue(secretId, out var key) ? key : null;

    /// <summary>For tests that must prove no key leaks: every key issued, secrets included (never logged).</summary>
    public JsonArray Describe()
    {
        var array = new JsonArray();
        foreach (var key in keys.Values.OrderBy(k => k.IssuedAt))
            array.Add(new JsonObject
            {
                ["TmpSecretId"] = key.SecretId,
                ["TmpSecretKey"] = key.SecretKey,
                ["Token"] = key.Token,
                ["ExpiredTime"] = key.ExpiresAt.ToUnixTimeSeconds(),
                ["Source"] = key.Source,
            });
        return array;
    }
}
