using System.Text.Json;
using MongoBackup.Emulator.Objects;

namespace MongoBackup.Emulator.Control;

/// <summary>POST /_emulator/objects and GET /_emulator/object-hash.</summary>
public static class ObjectControl
{
    private static readonly string[] Fields = ["BandwidthBytesPerSecond", "DropAfterBytes", "DropCount", "ExpireAll", "FlipByteAt", "FlipCount", "OmitCrc64"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/_emulator/objects", async (HttpRequest request, ObjectSettings settings, LinkSigner signer) =>
        {
            using var document = await ControlJson.ReadObjectAsync(request);
            if (document is null) return ControlJson.BadRequest("body must be a JSON object");
            long? bandwidth = null, dropAfter = null, dropCount = null, flipAt = null, flipCount = null;
            bool? omit = null;
            var expireAll = false;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value;
                switch (property.Name)
                {
                    case "BandwidthBytesPerSecond" when ControlJson.TryNonNegative(value, out var n): bandwidth = n; break;
                    case "DropAfterBytes" when ControlJson.TryNonNegative(value, out var n): dropAfter = n; break;
                    case "DropCount" when ControlJson.TryNonNegative(value, out var n) && n <= int.MaxValue: dropCount = n; break;
                    case "ExpireAll" when value.ValueKind is JsonValueKind.True or JsonValueKind.False: expireAll = value.GetBoolean(); break;
                    case "FlipByteAt" when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n >= -1: flipAt = n; break;
                    case "FlipCount" when ControlJson.TryNonNegative(value, out var n) && n <= int.MaxValue: flipCount = n; break;
                    case "OmitCrc64" when value.ValueKind is JsonValueKind.True or JsonValueKind.False: omit = value.GetBoolean(); break;
                    default:
                        return ControlJson.BadRequest($"field {property.Name} is unknown or has a wrong value; fields: {string.Join(", ", Fields)} (non-negative integers, FlipByteAt -1 for none, ExpireAll and OmitCrc64 booleans)");
                }
            }
            settings.Update(bandwidth, dropAfter, (int?)dropCount);
            settings.UpdateIntegrity(flipAt, (int?)flipCount, omit);
            if (expireAll) signer.ExpireAll();
            return Results.Json(settings.Snapshot(), ControlJson.Options);
        });

        app.MapGet("/_emulator/object-hash", async (string? path, ObjectCatalog catalog, ObjectChecksums checksums) =>
        {
            var key = path is null ? null : ObjectKey.Parse(path.Split('?')[0]);
            var stored = key is null ? null : catalog.Find(key);
            if (stored is null) return Results.Json(new { Error = "no such object", Path = path?.Split('?')[0] }, ControlJson.Options, statusCode: 404);
            var sha = Convert.ToHexStringLower(ObjectContent.Sha256(stored.Key.ContentSeed, stored.Size));
            var crc = await checksums.Crc64Async(stored.Key.ContentSeed, stored.Size);
            return Results.Json(new { Sha256 = sha, stored.Size, Crc64 = crc.ToString(System.Globalization.CultureInfo.InvariantCulture) }, ControlJson.Options);
        });
    }
}
