using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MongoBackup.Emulator.Api;

/// <summary>Serialization of API answers: property names exactly as declared, raw '&amp;' in URLs.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = null,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, Options);

    public static byte[] Success(JsonObject output, string requestId)
    {
        var response = new JsonObject();
        foreach (var (key, value) in output) response[key] = value?.DeepClone();
        response["RequestId"] = requestId;
        return Envelope(response);
    }

    public static byte[] Error(string code, string message, string requestId)
    {
        var response = new JsonObject
        {
            ["Error"] = new JsonObject { ["Code"] = code, ["Message"] = message },
            ["RequestId"] = requestId,
        };
        return Envelope(response);
    }

    private static byte[] Envelope(JsonObject response) =>
        JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["Response"] = response }, Options);
}
