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
        app.MapGet("/_emulator/stats", (Stats stats) => Results.Text(stats.Snapshot().ToJsonString(ApiJson.Options), "application/json"));
        app.MapPost("/_emulator/reset", (Stats stats, RateLimiter limiter, Store store, ObjectSettings objects, FaultInjector faults,
            CannedAnswers answers) =>
        {
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
    }
}
