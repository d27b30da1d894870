using System.Text.Json;
using MongoBackup.Emulator.Faults;
using MongoBackup.Emulator.Infrastructure;

namespace MongoBackup.Emulator.Control;

/// <summary>POST / GET / DELETE /_emulator/faults.</summary>
public static class FaultControl
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/_emulator/faults", async (HttpRequest request, FaultInjector faults) =>
        {
            using var document = await ControlJson.ReadObjectAsync(request);
            if (document is null) return ControlJson.BadRequest("body must be a JSON object");
            try
            {
                var config = Parse(document.RootElement);
                faults.Set(config);
                return Results.Json(Describe(config), ControlJson.Options);
            }
            catch (FormatException e)
            {
                return ControlJson.BadRequest(e.Message);
            }
        });
        app.MapGet("/_emulator/faults", (FaultInjector faults) =>
            faults.Current is { } c ? Results.Json(Describe(c), ControlJson.Options) : Results.Json(new { }, ControlJson.Options));
        app.MapDelete("/_emulator/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.Text("ok");
        });
    }

    private static object Describe(FaultConfig c) => new
    {
        c.Seed, c.Fraction, Kinds = c.Kinds.Select(k => k.ToString()), c.DelaySeconds, c.Actions,
    };

    private static FaultConfig Parse(JsonElement root)
    {
        ulong seed = 0;
        double fraction = -1, delay = 2;
        var kinds = new List<FaultKind>();
        var actions = new List<string>();
        foreach (var p in root.EnumerateObject())
        {
            switch (p.Name)
            {
                case "Seed" when p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt64(out var s): seed = unchecked((ulong)s); break;
                case "Fraction" when p.Value.ValueKind == JsonValueKind.Number && p.Value.GetDouble() is >= 0 and <= 1: fraction = p.Value.GetDouble(); break;
                case "DelaySeconds" when p.Value.ValueKind == JsonValueKind.Number && p.Value.GetDouble() is >= 0 and <= 600: delay = p.Value.GetDouble(); break;
                case "Kinds" when p.Value.ValueKind == JsonValueKind.Array:
                    foreach (var k in p.Value.EnumerateArray())
                        kinds.Add(k.ValueKind == JsonValueKind.String && Enum.TryParse<FaultKind>(k.GetString(), ignoreCase: false, out var kind) && Enum.IsDefined(kind)
                            ? kind : throw new FormatException($"unknown fault kind {k}; kinds: {string.Join(", ", Enum.GetNames<FaultKind>())}"));
                    break;
                case "Actions" when p.Value.ValueKind == JsonValueKind.Array:
                    foreach (var a in p.Value.EnumerateArray())
                        actions.Add(a.ValueKind == JsonValueKind.String ? a.GetString()! : throw new FormatException("Actions must be strings"));
                    break;
                default:
                    throw new FormatException($"field {p.Name} is unknown or has a wrong value; fields: Seed (integer), Fraction (0-1), Kinds (array), DelaySeconds (0-600), Actions (array)");
            }
        }
        if (fraction < 0) throw new FormatException("Fraction (0-1) is required");
        if (kinds.Count == 0) throw new FormatException($"Kinds needs at least one of {string.Join(", ", Enum.GetNames<FaultKind>())}");
        return new FaultConfig(seed, fraction, kinds, delay, actions);
    }
}
