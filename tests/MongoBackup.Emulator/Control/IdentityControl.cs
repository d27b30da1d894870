using System.Text.Json;
using MongoBackup.Emulator.Identity;

namespace MongoBackup.Emulator.Control;

/// <summary>POST / GET /_emulator/identity (the instance role, the metadata answers, key lifetimes, STS's roles and OIDC
/// tokens) and GET /_emulator/identity/issued (every temporary key handed out, for secret-hygiene tests).</summary>
public static class IdentityControl
{
    private const string Fields = "InstanceRole (string or null), MetadataAnswer (Normal, NotJson, Failure), LifetimeSeconds (number 1-86400 or null), Roles (array of role names), WebIdentityTokens (array of strings), ProviderId (string), ExpireIssued (true: end every key issued so far now)";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/_emulator/identity", async (HttpRequest request, IdentitySettings settings, IssuedKeys keys) =>
        {
            using var document = await ControlJson.ReadObjectAsync(request);
            if (document is null) return ControlJson.BadRequest("body must be a JSON object");
            var role = Optional<string?>.None;
            var lifetime = Optional<double?>.None;
            MetadataAnswer? answer = null;
            List<string>? roles = null, tokens = null;
            string? provider = null;
            var expire = false;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var v = property.Value;
                switch (property.Name)
                {
                    case "InstanceRole" when v.ValueKind == JsonValueKind.Null: role = new(null); break;
                    case "InstanceRole" when v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0: role = new(v.GetString()); break;
                    case "MetadataAnswer" when v.ValueKind == JsonValueKind.String && Enum.TryParse<MetadataAnswer>(v.GetString(), false, out var a): answer = a; break;
                    case "LifetimeSeconds" when v.ValueKind == JsonValueKind.Null: lifetime = new(null); break;
                    case "LifetimeSeconds" when v.ValueKind == JsonValueKind.Number && v.GetDouble() is >= 1 and <= 86_400: lifetime = new(v.GetDouble()); break;
                    case "Roles" when Strings(v) is { } list: roles = list; break;
                    case "WebIdentityTokens" when Strings(v) is { } list: tokens = list; break;
                    case "ExpireIssued" when v.ValueKind is JsonValueKind.True or JsonValueKind.False: expire = v.GetBoolean(); break;
                    case "ProviderId" when v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0: provider = v.GetString(); break;
                    default: return ControlJson.BadRequest($"field {property.Name} is unknown or has a wrong value; fields: {Fields}");
                }
            }
            settings.Update(role, answer, lifetime, roles, tokens, provider);
            if (expire) keys.ExpireAll(DateTimeOffset.UtcNow);
            return Results.Text(settings.Snapshot().ToJsonString(ControlJson.Options), "application/json");
        });
        app.MapGet("/_emulator/identity", (IdentitySettings settings) =>
            Results.Text(settings.Snapshot().ToJsonString(ControlJson.Options), "application/json"));
        app.MapGet("/_emulator/identity/issued", (IssuedKeys keys) =>
            Results.Text(keys.Describe().ToJsonString(ControlJson.Options), "application/json"));
    }

    private static List<string>? Strings(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array) return null;
        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString()!.Length == 0) return null;
            list.Add(item.GetString()!);
        }
        return list;
    }
}
