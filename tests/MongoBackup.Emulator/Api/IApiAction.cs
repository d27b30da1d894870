using System.Text.Json.Nodes;

namespace MongoBackup.Emulator.Api;

/// <summary>The request context an action sees: the clock, the base URL the client reached, the X-TC-Region
/// (always present and known: the pipeline answers MissingParameter / UnsupportedRegion otherwise).</summary>
public sealed record ApiCall(DateTimeOffset Now, string BaseUrl, string Region);

/// <summary>One API action: its accepted parameters and its handler. Throws <see cref="ApiException"/> on errors.</summary>
public interface IApiAction
{
    string Name { get; }
    /// <summary>The API version the action belongs to (X-TC-Version): MongoDB's 2019-07-25 unless the action says otherwise.</summary>
    string Version => ApiPipeline.Version;
    /// <summary>The service name of the TC3 credential scope.</summary>
    string Service => Authenticator.Service;
    /// <summary>Sent without a signature (Authorization: SKIP): STS AssumeRoleWithWebIdentity.</summary>
    bool Unsigned => false;
    IReadOnlyCollection<string> Parameters { get; }
    JsonObject Execute(Params parameters, ApiCall call);
}
