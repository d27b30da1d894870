using System.Text.RegularExpressions;
using MongoBackup.Emulator.Api;

namespace MongoBackup.Emulator.Identity;

/// <summary>STS's reading of a role ARN: qcs::cam::uin/&lt;uin&gt;:roleName/&lt;name&gt; or :role/&lt;id or service role path&gt;.</summary>
public static partial class RoleArn
{
    [GeneratedRegex(@"^qcs::cam::uin/([0-9]+):(roleName|role)/(.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^[\w+=,.@-]{2,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex SessionName();

    /// <summary>Checks the ARN against the account and its roles; the errors are STS's documented codes.</summary>
    public static void Check(string arn, IdentitySettings settings)
    {
        var m = Pattern().Match(arn);
        if (!m.Success)
            throw new ApiException("InvalidParameter.ParamError", $"The value of parameter `RoleArn` is invalid: `{arn}` is not a role ARN.");
        if (m.Groups[1].Value != IdentitySettings.AccountUin)
            throw new ApiException("InvalidParameter.AccountNotAvaliable", $"The account {m.Groups[1].Value} does not exist or is not available.");
        var role = m.Groups[3].Value;
        var name = role.Contains('/') ? role[(role.LastIndexOf('/') + 1)..] : role;
        if (!settings.RoleExists(name))
            throw new ApiException("ResourceNotFound.RoleNotFound", $"The role `{role}` does not exist in account {IdentitySettings.AccountUin}.");
    }

    public static void CheckSessionName(string name)
    {
        if (!SessionName().IsMatch(name))
            throw ApiException.Invalid("RoleSessionName", "expected 2 to 128 letters, digits and the characters +=,.@_-");
    }

    /// <summary>DurationSeconds: default 7200; above 43200 InvalidParameter.OverTimeError (the documented "expiry above the
    /// threshold"), below 900 InvalidParameter.ParamError.</summary>
    public static long Duration(Params p)
    {
        var duration = p.Integer("DurationSeconds") ?? 7200;
        if (duration > 43200)
            throw new ApiException("InvalidParameter.OverTimeError", $"DurationSeconds {duration} is above the limit of 43200 seconds.");
        if (duration < 900)
            throw new ApiException("InvalidParameter.ParamError", $"The value of parameter `DurationSeconds` is invalid: {duration} is below 900.");
        return duration;
    }
}
