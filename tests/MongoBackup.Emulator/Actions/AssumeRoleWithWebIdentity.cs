using System.Text.Json.Nodes;
using MongoBackup.Emulator.Api;
using MongoBackup.Emulator.Identity;
using MongoBackup.Emulator.Infrastructure;

namespace MongoBackup.Emulator.Actions;

/// <summary>STS AssumeRoleWithWebIdentity: not signed (Authorization: SKIP, as the official SDKs send it); the OIDC token is
/// the proof. The provider must be the identity settings' ProviderId and the token one of their WebIdentityTokens
/// (else InvalidParameter.WebIdentityTokenError).</summary>
public sealed class AssumeRoleWithWebIdentity(IdentitySettings settings, IssuedKeys keys, Stats stats) : IApiAction
{
    public string Name => "AssumeRoleWithWebIdentity";
    public string Version => AssumeRole.StsVersion;
    public string Service => "sts";
    public bool Unsigned => true;

    public IReadOnlyCollection<string> Parameters { get; } = ["ProviderId", "WebIdentityToken", "RoleArn", "RoleSessionName", "DurationSeconds"];

    public JsonObject Execute(Params p, ApiCall call)
    {
        var provider = p.RequiredString("ProviderId");
        var token = p.RequiredString("WebIdentityToken");
        var arn = p.RequiredString("RoleArn");
        RoleArn.CheckSessionName(p.RequiredString("RoleSessionName"));
        var duration = RoleArn.Duration(p);
        if (provider != settings.ProviderId)
            throw new ApiException("InvalidParameter.ParamError", $"The identity provider `{provider}` is not known to account {IdentitySettings.AccountUin}.");
        if (!settings.AcceptsToken(token))
            throw new ApiException("InvalidParameter.WebIdentityTokenError", "The web identity token is invalid or expired.");
        RoleArn.Check(arn, settings);
        return AssumeRole.Answer(keys, stats, settings, duration, Name, call.Now);
    }
}
