using System.Text.Json;
using MongoBackup.Emulator.Api;

namespace MongoBackup.Emulator.Control;

public static class ControlJson
{
    public static JsonSerializerOptions Options => ApiJson.Options;

    /// <summary>The body as a JSON object, or null when it is not one.</summary>
    public static async Task<JsonDocument?> ReadObjectAsync(HttpRequest request)
    {
        try
        {
            var document = await JsonDocument.ParseAsync(request.Body);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
            document.Dispose();
        }
        catch (JsonException)
        {
        }
        return null;
    }

    public static bool TryNonNegative(JsonElement value, out long n)
    {
        n = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out n) && n >= 0;
    }

    public static IResult BadRequest(string message) => Results.Json(new { Error = message }, Options, statusCode: 400);
}
