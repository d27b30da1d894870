using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace MongoBackup.Emulator.Identity;

/// <summary>One temporary key the emulator handed out (metadata service or STS): valid until <see cref="ExpiresAt"/>,
/// with its token.</summary>
public sealed record IssuedKey(string SecretId, string SecretKey, string Token, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string Source)
{
    public double LifetimeSeconds => (ExpiresAt - IssuedAt).TotalSeconds;
}

/// <summary>Every temporary key issued since the start, so the authenticator accepts them until they expire. Not
/// cleared by /_emulator/reset (like presigned links, issued keys stay valid).</summary>
public sealed class IssuedKeys
{
    private readonly ConcurrentDictionary<string, IssuedKey> keys = new(StringComparer.Ordinal);

    public IssuedKey Issue(TimeSpan lifetime, string source, DateTimeOffset now)
    {
        var key = new IssuedKey(
            "AKIDTmp" + Convert.ToHexString(RandomNumberGenerator.GetBytes(14)),
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', 'x').Replace('/', 'y').TrimEnd('='),
            "EmuToken" + Convert.ToHexString(RandomNumberGenerator.GetBytes(48)),
            now, now + lifetime, source);
        keys[key.SecretId] = key;
        return key;
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
