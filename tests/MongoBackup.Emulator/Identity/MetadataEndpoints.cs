using System.Globalization;
using System.Text.Json.Nodes;
using MongoBackup.Emulator.Api;
using MongoBackup.Emulator.Infrastructure;

namespace MongoBackup.Emulator.Identity;

/// <summary>
/// The CVM instance metadata service's credential paths, on the emulator's own port (tests point
/// TENCENTCLOUD_METADATA_ENDPOINT at it): GET /latest/meta-data/cam/security-credentials/ answers the bound role's name
/// (404 when none is bound), GET .../security-credentials/&lt;role&gt; its document
/// {"TmpSecretId","TmpSecretKey","Token","ExpiredTime","Expiration","Code":"Success"} (404 for another role). A role's key
/// is handed out again until less than 60 % of its lifetime is left; then a new one, its successor, is issued.
/// </summary>
public sealed class MetadataEndpoints(IdentitySettings settings, IssuedKeys keys, Stats stats)
{
    public const string Path = "/latest/meta-data/cam/security-credentials/";
    private readonly object gate = new();
    private IssuedKey? current;
    private string? currentRole;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext context, MetadataEndpoints endpoints) => endpoints.RoleName(context));
        app.MapGet(Path + "{role}", (HttpContext context, string role, MetadataEndpoints endpoints) => endpoints.Document(context, role));
    }

    private IResult RoleName(HttpContext context)
    {
        stats.CountMetadata("RoleName");
        var role = settings.InstanceRole;
        context.Items[RequestLog.ActionKey] = "metadata";
        if (role is null) return NotFound(context);
        context.Items[RequestLog.ResultKey] = "200";
        return Results.Text(role, "text/plain");
    }

    private IResult Document(HttpContext context, string role)
    {
        stats.CountMetadata("Credentials");
        context.Items[RequestLog.ActionKey] = "metadata";
        var bound = settings.InstanceRole;
        if (bound is null || role != bound) return NotFound(context);
        switch (settings.MetadataAnswer)
        {
            case MetadataAnswer.NotJson:
                context.Items[RequestLog.ResultKey] = "Answer:NotJson";
                return Results.Text("<html><body>metadata service busy</body></html>", "text/html");
            case MetadataAnswer.Failure:
                context.Items[RequestLog.ResultKey] = "Answer:Failure";
                return Results.Text(new JsonObject { ["Code"] = "Failure", ["Message"] = "no credential for the role now" }.ToJsonString(ApiJson.Options), "application/json");
        }
        var now = DateTimeOffset.UtcNow;
        var lifetime = TimeSpan.FromSeconds(settings.LifetimeSeconds ?? IdentitySettings.DefaultMetadataLifetimeSeconds);
        IssuedKey key;
        lock (gate)
        {
            if (current is null || currentRole != role || keys.Find(current.SecretId) is not { } live || live.ExpiresAt <= now || Math.Abs(current.RequestedSeconds - lifetime.TotalSeconds) > 0.001
                || (current.ExpiresAt - now).TotalSeconds < 0.6 * current.LifetimeSeconds)
            {
                current = keys.Issue(lifetime, "Metadata", now);
                currentRole = role;
                stats.CountIssuedKey();
            }
            key = current;
        }
        context.Items[RequestLog.ResultKey] = "200";
        var document = new JsonObject
        {
            ["TmpSecretId"] = key.SecretId,
            ["TmpSecretKey"] = key.SecretKey,
            ["ExpiredTime"] = key.ExpiresAt.ToUnixTimeSeconds(),
            ["Expiration"] = key.ExpiresAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["Token"] = key.Token,
            ["Code"] = "Success",
        };
        return Results.Text(document.ToJsonString(ApiJson.Options), "application/json");
    }

    private static IResult NotFound(HttpContext context)
    {
        context.Items[RequestLog.ResultKey] = "404";
        return Results.Text("<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>", "text/html", statusCode: 404);
    }
}
