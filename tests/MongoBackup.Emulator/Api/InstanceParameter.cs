using System.Text.RegularExpressions;
using MongoBackup.Emulator.Data;

namespace MongoBackup.Emulator.Api;

public static partial class InstanceParameter
{
    [GeneratedRegex("^cmgo-[a-z0-9]{8}$")]
    public static partial Regex Format();

    /// <summary>InstanceId: required (MissingParameter), well-formed (InvalidParameterValue),
    /// existing in the requested region (InvalidParameterValue.NotFoundInstance).</summary>
    public static Instance RequireInstance(this Params parameters, Store store, ApiCall call, string name = "InstanceId")
    {
        var id = parameters.RequiredString(name);
        if (!Format().IsMatch(id))
            throw ApiException.Invalid(name, "expected `cmgo-` followed by 8 lower-case letters or digits");
        return store.FindInstance(id, call.Region)
            ?? throw new ApiException("InvalidParameterValue.NotFoundInstance", $"The instance `{id}` does not exist.");
    }

    /// <summary>An optional integer within [min, max], else InvalidParameterValue.</summary>
    public static long IntegerInRange(this Params parameters, string name, long fallback, long min, long max)
    {
        var value = parameters.Integer(name) ?? fallback;
        return value < min || value > max ? throw ApiException.Invalid(name, $"expected an integer from {min} to {max}") : value;
    }

    /// <summary>An optional <c>yyyy-MM-dd HH:mm:ss</c> (Beijing) time, else InvalidParameterValue.</summary>
    public static DateTime? Time(this Params parameters, string name)
    {
        var text = parameters.OptionalText(name);
        if (text is null) return null;
        return BeijingTime.TryParse(text, out var time) ? time : throw ApiException.Invalid(name, "expected `yyyy-MM-dd HH:mm:ss`");
    }

    /// <summary>An optional choice among <paramref name="allowed"/>, compared case-insensitively; returns the canonical spelling.</summary>
    public static string Choice(this Params parameters, string name, string fallback, params string[] allowed)
    {
        var text = parameters.OptionalText(name);
        if (text is null) return fallback;
        return allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase))
            ?? throw ApiException.Invalid(name, "expected one of " + string.Join(", ", allowed));
    }
}
