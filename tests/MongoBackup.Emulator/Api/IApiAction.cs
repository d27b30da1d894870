using System.Text.Json.Nodes;

namespace MongoBackup.Emulator.Api;

/// <summary>The request context an action sees: the clock, the base URL the client reached, the X-TC-Region
/// (always present and known: the pipeline answers MissingParameter / UnsupportedRegion otherwise).</summary>
public sealed record ApiCall(DateTimeOffset Now, string BaseUrl, string Region);

/// <summary>One API action: its accepted parameters and its handler. Throws <see cref="ApiException"/> on errors.</summary>
public interface IApiAction
{
    string Name { get; }
    IReadOnlyCollection<string> Parameters { get; }
    JsonObject Execute(Params parameters, ApiCall call);
}
