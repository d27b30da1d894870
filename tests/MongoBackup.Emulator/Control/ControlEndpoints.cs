using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MongoBackup.Emulator.Answers;
using MongoBackup.Emulator.Api;
using MongoBackup.Emulator.Data;
using MongoBackup.Emulator.Faults;
using MongoBackup.Emulator.Infrastructure;
using MongoBackup.Emulator.Objects;

namespace MongoBackup.Emulator.Control;

/// <summary>Unsigned endpoints for tests only, under /_emulator/ (see README).</summary>
public static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/_emulator/health", () => Results.Text("ok"));
        app.MapGet("/_emulator/stats", (Stats stats, EmulatorOptions options, RateLimiter limiter, IEnumerable<IApiAction> actions) =>
        {
            var snapshot = stats.Snapshot();
            snapshot["Options"] = OptionsJson(options, limiter, actions);
            return Results.Text(snapshot.ToJsonString(ApiJson.Options), "application/json");
        });
        app.MapPost("/_emulator/reset", (Stats stats, RateLimiter limiter, Store store, ObjectSettings objects, FaultInjector faults,
            CannedAnswers answers, Identity.IdentitySettings identity) =>
        {
            identity.Reset();
            stats.Reset();
            limiter.Reset();
            store.Reset();
            objects.Reset();
            faults.Clear();
            answers.Clear();
            return Results.Text("ok");
        });
        ObjectControl.Map(app);
        FaultControl.Map(app);
        AnswerControl.Map(app);
        IdentityControl.Map(app);
    }

    /// <summary>The behaviour options in force (read-only; a reset does not change them), so tests can assert them.</summary>
    private static System.Text.Json.Nodes.JsonObject OptionsJson(EmulatorOptions options, RateLimiter limiter, IEnumerable<IApiAction> actions)
    {
        var limits = new System.Text.Json.Nodes.JsonObject();
        foreach (var name in actions.Select(a => a.Name).Order(StringComparer.Ordinal)) limits[name] = limiter.LimitFor(name);
        return new System.Text.Json.Nodes.JsonObject
        {
            ["OffsetMode"] = options.OffsetMode == OffsetMode.Pages ? "pages" : "items",
            ["RateLimits"] = limits,
            ["BackupOrderSeed"] = options.BackupOrderSeed,
            ["ScaleTasks"] = options.ScaleTasks,
            ["BackupSeconds"] = options.BackupSeconds,
            ["RestoreSeconds"] = options.RestoreSeconds,
            ["BackupListLagSeconds"] = options.BackupListLagSeconds,
            ["FailBackupsOf"] = new System.Text.Json.Nodes.JsonArray([.. options.FailingBackupInstances.Order(StringComparer.Ordinal).Select(i => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(i)!)]),
        };
    }
}
