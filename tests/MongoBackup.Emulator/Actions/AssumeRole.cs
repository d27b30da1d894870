using System.Globalization;
using System.Text.Json.Nodes;
using MongoBackup.Emulator.Api;
using MongoBackup.Emulator.Identity;
using MongoBackup.Emulator.Infrastructure;

namespace MongoBackup.Emulator.Actions;

/// <summary>STS AssumeRole (version 2018-08-13, service sts, signed, region required): a new temporary key of a role of the
/// emulator's account for every call, lasting DurationSeconds (or the identity settings' LifetimeSeconds).</summary>
public sealed class AssumeRole(IdentitySettings settings, IssuedKeys keys, Stats stats) : IApiAction
{
    public string Name => "AssumeRole";
    public string Version => StsVersion;
    public string Service => "sts";
    public const string StsVersion = "2018-08-13";

    public IReadOnlyCollection<string> Parameters { get; } = ["RoleArn", "RoleSessionName", "DurationSeconds", "Policy", "ExternalId", "Tags", "SourceIdentity"];

    public JsonObject Execute(Params p, ApiCall call)
    {
        var arn = p.RequiredString("RoleArn");
        RoleArn.CheckSessionName(p.RequiredString("RoleSessionName"));
        var duration = RoleArn.Duration(p);
        p.String("Policy");
        p.String("ExternalId");
        p.String("SourceIdentity");
        RoleArn.Check(arn, settings);
        return Answer(keys, stats, settings, duration, Name, call.Now);
    }

    public static JsonObject Answer(IssuedKeys keys, Stats stats, IdentitySettings settings, long duration, string source, DateTimeOffset now)
    {
        var key = keys.Issue(TimeSpan.FromSeconds(settings.LifetimeSeconds ?? duration), source, now);
        stats.CountIssuedKey();
        return new JsonObject
        {
            ["Credentials"] = new JsonObject { ["Token"] = key.Token, ["TmpSecretId"] = key.SecretId, ["TmpSecretKey"] = key.SecretKey },
            ["ExpiredTime"] = key.ExpiresAt.ToUnixTimeSeconds(),
            ["Expiration"] = key.ExpiresAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
    }
}
