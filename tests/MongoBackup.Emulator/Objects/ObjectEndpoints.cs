using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Security;
using Microsoft.AspNetCore.Http.Features;
using MongoBackup.Emulator.Infrastructure;

namespace MongoBackup.Emulator.Objects;

/// <summary>GET/HEAD /cos/...: serves generated backup files with single-range support, presigned-link checks
/// (403 AccessDenied XML when expired or wrongly signed), and the faults of <see cref="ObjectSettings"/>.</summary>
public sealed class ObjectEndpoints(LinkSigner signer, ObjectCatalog catalog, ObjectSettings settings, Stats stats, ObjectChecksums checksums)
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapMethods("/cos/{**rest}", ["GET", "HEAD"], (HttpContext context, ObjectEndpoints endpoints) => endpoints.ServeAsync(context));

    public async Task ServeAsync(HttpContext context)
    {
        var isHead = HttpMethods.IsHead(context.Request.Method);
        if (isHead) stats.CountObjectHead();
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var rawPath = rawTarget.Split('?')[0];
        var key = ObjectKey.Parse(rawPath);
        if (key is null)
        {
            if (!isHead) stats.CountObjectGet(ranged: false);
            await ErrorAsync(context, 404, "NoSuchKey", "The specified key does not exist.", rawPath);
            return;
        }

        var check = signer.Check(key, context.Request.Query["sign"], context.Request.Query["expires"], DateTimeOffset.UtcNow);
        var stored = check == LinkCheck.Valid ? catalog.Find(key) : null;
        var outcome = stored is null ? ByteRange.Outcome.None : ByteRange.Parse(context.Request.Headers.Range, stored.Size, out _);
        if (!isHead) stats.CountObjectGet(ranged: outcome == ByteRange.Outcome.Satisfiable);
        if (check != LinkCheck.Valid)
        {
            stats.CountObjectDenied();
            var message = check == LinkCheck.Expired ? "Request has expired" : "The request signature we calculated does not match the signature you provided.";
            await ErrorAsync(context, 403, "AccessDenied", message, rawPath);
            return;
        }
        if (stored is null)
        {
            await ErrorAsync(context, 404, "NoSuchKey", "The specified key does not exist.", rawPath);
            return;
        }
        await ServeContentAsync(context, stored, isHead);
    }

    private async Task ServeContentAsync(HttpContext context, StoredObject stored, bool isHead)
    {
        var response = context.Response;
        response.Headers.AcceptRanges = "bytes";
        response.Headers.ETag = $"\"{stored.Key.ContentSeed:x16}-{stored.Size:x}\"";
        response.Headers.LastModified = new DateTimeOffset(stored.LastModified, TimeSpan.FromHours(8)).ToString("R", CultureInfo.InvariantCulture);
        var range = new ByteRange(0, stored.Size - 1);
        switch (ByteRange.Parse(context.Request.Headers.Range, stored.Size, out var requested))
        {
            case ByteRange.Outcome.Unsatisfiable:
                response.Headers.ContentRange = $"bytes */{stored.Size}";
                await ErrorAsync(context, 416, "InvalidRange", "The requested range is not satisfiable.", stored.Key.Path);
                return;
            case ByteRange.Outcome.Satisfiable:
                range = requested;
                response.StatusCode = 206;
                response.Headers.ContentRange = $"bytes {range.First}-{range.Last}/{stored.Size}";
                break;
            default:
                response.StatusCode = 200;
                break;
        }
        response.ContentType = "application/octet-stream";
        response.ContentLength = range.Length;
        // The stored object's CRC64, on every answer with data, ranged or not (COS sends the whole object's).
        if (!settings.OmitCrc64)
            response.Headers["x-cos-hash-crc64ecma"] = (await checksums.Crc64Async(stored.Key.ContentSeed, stored.Size)).ToString(CultureInfo.InvariantCulture);
        if (isHead)
        {
            context.Items[RequestLog.ResultKey] = $"{response.StatusCode} HEAD";
            return;
        }
        var dropAfter = settings.TakeDrop(range.Length);
        var flip = settings.TakeFlip(range.First, range.Last);
        var sent = await WriteAsync(context, stored.Key.ContentSeed, range, dropAfter, flip);
        var dropped = dropAfter is not null && sent == dropAfter;
        // A drop simply ends the response short of its Content-Length: Kestrel then sends what was written and
        // closes the connection, so the client receives exactly the bytes before the cut, then end of stream.
        context.Items[RequestLog.ResultKey] = $"{response.StatusCode} {sent}B{(dropped ? " dropped" : "")}{(flip is null ? "" : $" flipped@{flip}")}";
    }

    /// <summary>Writes the range block by block, paced to the bandwidth cap, stopping after <paramref name="dropAfter"/> bytes.</summary>
    private async Task<long> WriteAsync(HttpContext context, ulong seed, ByteRange range, long? dropAfter, long? flip)
    {
        var bandwidth = settings.BandwidthBytesPerSecond;
        var chunk = bandwidth > 0 ? (int)Math.Clamp(bandwidth / 20, 1024, ObjectContent.BlockSize) : ObjectContent.BlockSize;
        var limit = Math.Min(range.Length, dropAfter ?? long.MaxValue);
        var block = ArrayPool<byte>.Shared.Rent(ObjectContent.BlockSize);
        var clock = Stopwatch.StartNew();
        long sent = 0, filled = -1;
        try
        {
            while (sent < limit)
            {
                var position = range.First + sent;
                var index = position / ObjectContent.BlockSize;
                if (index != filled)
                {
                    ObjectContent.FillBlock(seed, filled = index, block);
                    if (flip is long at && at / ObjectContent.BlockSize == index) block[(int)(at % ObjectContent.BlockSize)] ^= 0xFF;
                }
                var within = (int)(position % ObjectContent.BlockSize);
                var count = (int)Math.Min(Math.Min(ObjectContent.BlockSize - within, chunk), limit - sent);
                await context.Response.Body.WriteAsync(block.AsMemory(within, count), context.RequestAborted);
                sent += count;
                stats.AddObjectBytes(count);
                if (bandwidth > 0)
                {
                    var due = TimeSpan.FromSeconds((double)sent / bandwidth) - clock.Elapsed;
                    if (due > TimeSpan.Zero) await Task.Delay(due, context.RequestAborted);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
        catch (IOException)
        {
            // The connection broke.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
        return sent;
    }

    private static async Task ErrorAsync(HttpContext context, int status, string code, string message, string resource)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        var body = $"""<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code><Message>{SecurityElement.Escape(message)}</Message><Resource>{SecurityElement.Escape(resource)}</Resource><RequestId>{Guid.NewGuid()}</RequestId></Error>""";
        context.Items[RequestLog.ResultKey] = $"{status} {code}";
        if (!HttpMethods.IsHead(context.Request.Method)) await context.Response.WriteAsync(body);
    }
}
