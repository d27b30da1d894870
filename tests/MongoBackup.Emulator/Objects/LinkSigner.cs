using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MongoBackup.Emulator.Objects;

public enum LinkCheck { Valid, Expired, BadSignature }

/// <summary>Signs object links (<c>?sign=&lt;hmac&gt;&amp;expires=&lt;unix&gt;</c>) with a per-process random key.
/// ExpireAll retires the key: links signed with a retired key count as expired, new ones use a fresh key.</summary>
public sealed class LinkSigner(EmulatorOptions options)
{
    private readonly List<byte[]> keys = [RandomNumberGenerator.GetBytes(32)];
    private readonly object gate = new();

    public string Url(string baseUrl, ObjectKey key, DateTimeOffset now)
    {
        var expires = now.ToUnixTimeSeconds() + options.UrlTtlSeconds;
        byte[] current;
        lock (gate) current = keys[^1];
        return $"{baseUrl}{key.Path}?sign={Sign(current, key, expires)}&expires={expires}";
    }

    public LinkCheck Check(ObjectKey key, string? sign, string? expiresText, DateTimeOffset now)
    {
        if (sign is null || !long.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
            return LinkCheck.BadSignature;
        byte[][] all;
        lock (gate) all = [.. keys];
        for (var i = all.Length - 1; i >= 0; i--)
        {
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(all[i], key, expires)), Encoding.ASCII.GetBytes(sign)))
                continue;
            return i < all.Length - 1 || expires < now.ToUnixTimeSeconds() ? LinkCheck.Expired : LinkCheck.Valid;
        }
        return LinkCheck.BadSignature;
    }

    public void ExpireAll()
    {
        lock (gate) keys.Add(RandomNumberGenerator.GetBytes(32));
    }

    private static string Sign(byte[] key, ObjectKey objectKey, long expires) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{objectKey.Canonical}\n{expires}")));
}
