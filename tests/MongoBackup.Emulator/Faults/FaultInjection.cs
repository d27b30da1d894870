using MongoBackup.Emulator.Api;

namespace MongoBackup.Emulator.Faults;

/// <summary>How each fault answers an API request.</summary>
public static class FaultInjection
{
    private const string BadGatewayHtml =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    /// <summary>Answers the request for faults that replace the answer (true); false for faults that let the request
    /// run (Delay: after the delay; TruncatedJson: the answer is cut in half by the caller).</summary>
    public static async Task<bool> TryAnswerAsync(HttpContext context, FaultKind fault, double delaySeconds)
    {
        switch (fault)
        {
            case FaultKind.Reset:
                context.Abort();
                return true;
            case FaultKind.Http502Html:
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync(BadGatewayHtml);
                return true;
            case FaultKind.RequestLimitExceeded or FaultKind.InternalError:
                var code = fault.ToString();
                var message = fault == FaultKind.InternalError ? "An internal error occurred." : "Your request rate is too high (injected fault).";
                var answer = ApiJson.Error(code, message, Guid.NewGuid().ToString());
                context.Response.ContentType = "application/json";
                context.Response.ContentLength = answer.Length;
                await context.Response.Body.WriteAsync(answer);
                return true;
            case FaultKind.Delay:
                await Task.Delay(TimeSpan.FromSeconds(delaySeconds), context.RequestAborted);
                return false;
            default:
                return false;
        }
    }
}
