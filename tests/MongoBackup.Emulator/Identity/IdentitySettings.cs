using System.Text.Json.Nodes;

namespace MongoBackup.Emulator.Identity;

/// <summary>How the metadata service answers for the role's document.</summary>
public enum MetadataAnswer { Normal, NotJson, Failure }

/// <summary>The emulator's identity world, changed through POST /_emulator/identity and put back by /_emulator/reset:
/// the CAM role bound to "this instance", how the metadata service answers, the lifetime of the temporary keys handed
/// out, the roles of the emulator's account, and the OIDC tokens and provider STS accepts.</summary>
public sealed class IdentitySettings
{
    /// <summary>The emulator's account: role ARNs of another uin are InvalidParameter.AccountNotAvaliable.</summary>
    public const string AccountUin = "100000000001";
    public const string DefaultRole = "MongoBackupRunbook";
    public const string DefaultProviderId = "tke-oidc-provider";
    public const int DefaultMetadataLifetimeSeconds = 7200;

    private readonly object gate = new();
    private string? instanceRole;
    private MetadataAnswer metadataAnswer;
    private double? lifetimeSeconds;
    private HashSet<string> roles = [DefaultRole];
    private HashSet<string> webIdentityTokens = [];
    private string providerId = DefaultProviderId;

    public string? InstanceRole { get { lock (gate) return instanceRole; } }
    public MetadataAnswer MetadataAnswer { get { lock (gate) return metadataAnswer; } }
    /// <summary>null: the metadata keys last <see cref="DefaultMetadataLifetimeSeconds"/>, STS keys their DurationSeconds.</summary>
    public double? LifetimeSeconds { get { lock (gate) return lifetimeSeconds; } }
    public string ProviderId { get { lock (gate) return providerId; } }

    public bool RoleExists(string name) { lock (gate) return roles.Contains(name); }

    public bool AcceptsToken(string token) { lock (gate) return webIdentityTokens.Contains(token); }

    public void Update(Optional<string?> role, MetadataAnswer? answer, Optional<double?> lifetime, IReadOnlyList<string>? roleNames,
        IReadOnlyList<string>? tokens, string? provider)
    {
        lock (gate)
        {
            if (role.HasValue) instanceRole = role.Value;
            if (answer.HasValue) metadataAnswer = answer.Value;
            if (lifetime.HasValue) lifetimeSeconds = lifetime.Value;
            if (roleNames is not null) roles = new HashSet<string>(roleNames, StringComparer.Ordinal);
            if (tokens is not null) webIdentityTokens = new HashSet<string>(tokens, StringComparer.Ordinal);
            if (provider is not null) providerId = provider;
        }
    }

    public void Reset() => Update(new(null), MetadataAnswer.Normal, new(null), [DefaultRole], [], DefaultProviderId);

    /// <summary>The settings, tokens counted but not shown.</summary>
    public JsonObject Snapshot()
    {
        lock (gate)
        {
            var roleArray = new JsonArray();
            foreach (var r in roles.Order(StringComparer.Ordinal)) roleArray.Add(r);
            return new JsonObject
            {
                ["InstanceRole"] = instanceRole,
                ["MetadataAnswer"] = metadataAnswer.ToString(),
                ["LifetimeSeconds"] = lifetimeSeconds,
                ["AccountUin"] = AccountUin,
                ["Roles"] = roleArray,
                ["ProviderId"] = providerId,
                ["WebIdentityTokens"] = webIdentityTokens.Count,
            };
        }
    }
}

/// <summary>A value that may be given (even as null) or not.</summary>
public readonly record struct Optional<T>(T Value)
{
    public bool HasValue { get; init; } = true;
    public static Optional<T> None => new(default!) { HasValue = false };
}
