using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace MongoBackup.Emulator.Infrastructure;

/// <summary>One stdout line per request: time, method, path, action, result, elapsed ms.
/// Never the query string (presigned links) nor any header (Authorization, X-TC-Token).</summary>
public sealed class RequestLog(RequestDelegate next)
{
    public const string ActionKey = "log.action";
    public const string ResultKey = "log.result";

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Console.Error.WriteLine($"unhandled {e.GetType().Name} in {context.Request.Method} {context.Request.Path.ToUriComponent()}: {e.Message}");
            throw;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var action = context.Items[ActionKey] as string ?? "-";
            var result = context.Items[ResultKey] as string ?? context.Response.StatusCode.ToString(CultureInfo.InvariantCulture);
            Write(string.Create(CultureInfo.InvariantCulture,
                $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {context.Request.Method} {context.Request.Path.ToUriComponent()} {Sanitize(action)} {result} {elapsed:0}ms"));
        }
    }

    private static string Sanitize(string action) =>
        action.Length <= 64 && action.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '(' or ')') ? action : "?";

    public static void Write(string line)
    {
        lock (Console.Out)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }
}
