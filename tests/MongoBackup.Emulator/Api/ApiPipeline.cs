using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MongoBackup.Emulator.Answers;
using MongoBackup.Emulator.Faults;
using MongoBackup.Emulator.Infrastructure;

namespace MongoBackup.Emulator.Api;

/// <summary>POST /: the service's checks in order — size, action and version headers, signature, rate limit,
/// region, language, content type, JSON body, parameters — then the action. Every answer is HTTP 200 with a Response envelope,
/// unless a configured fault (<see cref="FaultInjector"/>) replaces or mangles it, or a canned answer
/// (<see cref="CannedAnswers"/>) replaces it after the signature checks.</summary>
public sealed class ApiPipeline(
    IEnumerable<IApiAction> actions, Authenticator authenticator, RateLimiter rateLimiter, Stats stats, FaultInjector faults,
    CannedAnswers canned, ILogger<ApiPipeline> logger)
{
    public const string Version = "2019-07-25";
    public const int MaxBodyBytes = 10 * 1024 * 1024;

    private readonly Dictionary<(string Version, string Name), IApiAction> byName = actions.ToDictionary(a => (a.Version, a.Name));
    private readonly IReadOnlySet<string> versions = actions.Select(a => a.Version).ToHashSet(StringComparer.Ordinal);

    public async Task HandleAsync(HttpContext context)
    {
        var actionName = Authenticator.Header(context.Request, "X-TC-Action");
        stats.CountApiRequest(actionName);
        context.Items[RequestLog.ActionKey] = actionName ?? Stats.NoAction;
        var fault = faults.Decide(actionName);
        if (fault is not null)
        {
            stats.CountFault();
            context.Items[RequestLog.ResultKey] = $"Fault:{fault}";
            try
            {
                if (await FaultInjection.TryAnswerAsync(context, fault.Value, faults.Current?.DelaySeconds ?? 0)) return;
            }
            catch (OperationCanceledException)
            {
                return; // the client left during an injected delay
            }
        }
        var (answer, status, contentType) = await AnswerAsync(context, actionName);
        if (fault == FaultKind.TruncatedJson) answer = answer[..(answer.Length / 2)];
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer);
    }

    /// <summary>The answer: the action's JSON output or error, or a canned answer (any status and content type).</summary>
    private async Task<(byte[] Body, int Status, string ContentType)> AnswerAsync(HttpContext context, string? actionName)
    {
        var requestId = Guid.NewGuid().ToString();
        var hasResult = context.Items.ContainsKey(RequestLog.ResultKey);
        try
        {
            var body = await ReadBodyAsync(context.Request);
            var output = Run(context, actionName, body, out var cannedAnswer);
            if (cannedAnswer is not null)
            {
                stats.CountAnswerServed();
                if (!hasResult) context.Items[RequestLog.ResultKey] = $"Answer:{cannedAnswer.Status}";
                return (cannedAnswer.Body(requestId), cannedAnswer.Status, cannedAnswer.ContentType);
            }
            if (!hasResult) context.Items[RequestLog.ResultKey] = "OK";
            return Json(ApiJson.Success(output!, requestId));
        }
        catch (ApiException e)
        {
            if (e.Code.StartsWith("RequestLimitExceeded", StringComparison.Ordinal)) stats.CountThrottled();
            if (!hasResult) context.Items[RequestLog.ResultKey] = e.Code;
            stats.CountError(e.Code);
            return Json(ApiJson.Error(e.Code, e.Message, requestId));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "internal error in {Action}", actionName);
            if (!hasResult) context.Items[RequestLog.ResultKey] = "InternalError";
            return Json(ApiJson.Error("InternalError", "An internal error occurred.", requestId));
        }
    }

    private static (byte[], int, string) Json(byte[] body) => (body, StatusCodes.Status200OK, "application/json");

    /// <summary>Runs the checks and the action; a canned answer set for the action replaces everything after the
    /// signature checks (rate limit, region, parameters, the action itself).</summary>
    private System.Text.Json.Nodes.JsonObject? Run(HttpContext context, string? actionName, byte[] body, out CannedAnswer? cannedAnswer)
    {
        cannedAnswer = null;
        var request = context.Request;
        if (string.IsNullOrEmpty(actionName)) throw ApiException.Missing("X-TC-Action");
        var version = Authenticator.Header(request, "X-TC-Version") ?? throw ApiException.Missing("X-TC-Version");
        if (!versions.Contains(version))
            throw new ApiException("NoSuchVersion", $"The API version `{version}` does not exist; this service speaks {Version} (MongoDB) and {Actions.AssumeRole.StsVersion} (STS).");
        if (!byName.TryGetValue((version, actionName), out var action))
            throw new ApiException("InvalidAction", $"The action `{actionName}` does not exist for version {version}.");

        var now = DateTimeOffset.UtcNow;
        if (action.Unsigned) authenticator.VerifyUnsigned(request);
        else authenticator.Verify(request, body, now, action.Service);
        cannedAnswer = canned.TryTake(action.Name);
        if (cannedAnswer is not null) return null;
        if (!rateLimiter.TryAcquire(action.Name))
            throw new ApiException("RequestLimitExceeded", $"Your request rate for {action.Name} is too high; the limit is {rateLimiter.LimitFor(action.Name)} requests per second.");

        // Region is required on every action (the current documentation); the message is the service's.
        var region = Authenticator.Header(request, "X-TC-Region");
        if (string.IsNullOrEmpty(region)) throw ApiException.Missing("Region");
        if (!Regions.Known.Contains(region))
            throw new ApiException("UnsupportedRegion", $"The region `{region}` is not supported.");
        var language = Authenticator.Header(request, "X-TC-Language");
        if (language is not null && language is not ("zh-CN" or "en-US"))
            throw new ApiException("InvalidParameterValue", "The value of header `X-TC-Language` is invalid: expected zh-CN or en-US.");
        if (!IsJsonContentType(request.ContentType))
            throw new ApiException("InvalidParameter", "The Content-Type must be application/json for this emulator.");

        using var document = ParseBody(body);
        var parameters = new Params(document.RootElement, action.Parameters);
        var baseUrl = LocalBaseUrl(context);
        return action.Execute(parameters, new ApiCall(now, baseUrl, region));
    }

    /// <summary>The address the client actually connected to (the Host header may name the real service's host).</summary>
    private static string LocalBaseUrl(HttpContext context)
    {
        var address = context.Connection.LocalIpAddress ?? System.Net.IPAddress.Loopback;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return $"{context.Request.Scheme}://{host}:{context.Connection.LocalPort}";
    }

    private static bool IsJsonContentType(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static JsonDocument ParseBody(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new ApiException("InvalidParameter", "body is not valid JSON");
        }
        if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
        document.Dispose();
        throw new ApiException("InvalidParameter", "body is not valid JSON: expected a JSON object");
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
                throw new ApiException("RequestSizeLimitExceeded", $"The request body exceeds {MaxBodyBytes} bytes.");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
