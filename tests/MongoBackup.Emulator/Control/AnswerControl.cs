using System.Text.Json;
using System.Text.Json.Nodes;
using MongoBackup.Emulator.Answers;
using MongoBackup.Emulator.Api;

namespace MongoBackup.Emulator.Control;

/// <summary>POST / GET / DELETE /_emulator/answers: canned answers to API requests (see README).</summary>
public static class AnswerControl
{
    private const string Fields = "Action (required), Response (any JSON) or RawBody (string), Status (100-599), ContentType (string), Count (1 or more)";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/_emulator/answers", async (HttpRequest request, CannedAnswers answers, IEnumerable<IApiAction> actions) =>
        {
            using var document = await ControlJson.ReadObjectAsync(request);
            if (document is null) return ControlJson.BadRequest("body must be a JSON object");
            try
            {
                var answer = Parse(document.RootElement, actions.Select(a => a.Name).ToHashSet(StringComparer.Ordinal));
                answers.Add(answer);
                return Results.Text(answers.Describe().ToJsonString(ControlJson.Options), "application/json");
            }
            catch (FormatException e)
            {
                return ControlJson.BadRequest(e.Message);
            }
        });
        app.MapGet("/_emulator/answers", (CannedAnswers answers) =>
            Results.Text(answers.Describe().ToJsonString(ControlJson.Options), "application/json"));
        app.MapDelete("/_emulator/answers", (CannedAnswers answers) =>
        {
            answers.Clear();
            return Results.Text("ok");
        });
    }

    private static CannedAnswer Parse(JsonElement root, IReadOnlySet<string> known)
    {
        string? action = null, rawBody = null, contentType = null;
        JsonNode? response = null;
        bool hasResponse = false;
        int status = 200;
        int? count = null;
        foreach (var p in root.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name)
            {
                case "Action" when v.ValueKind == JsonValueKind.String: action = v.GetString(); break;
                case "Response": response = JsonNode.Parse(v.GetRawText()); hasResponse = true; break;
                case "RawBody" when v.ValueKind == JsonValueKind.String: rawBody = v.GetString(); break;
                case "Status" when v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var s) && s is >= 100 and <= 599: status = s; break;
                case "ContentType" when v.ValueKind == JsonValueKind.String && v.GetString()!.Trim().Length > 0: contentType = v.GetString()!.Trim(); break;
                case "Count" when v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= 1: count = n; break;
                default:
                    throw new FormatException($"field {p.Name} is unknown or has a wrong value; fields: {Fields}");
            }
        }
        if (action is null) throw new FormatException("Action is required");
        if (!known.Contains(action))
            throw new FormatException($"unknown action {action}; actions: {string.Join(", ", known.Order(StringComparer.Ordinal))}");
        if (hasResponse == (rawBody is not null)) throw new FormatException("give exactly one of Response and RawBody");
        return new CannedAnswer(action, response, rawBody, status, contentType ?? "application/json", count);
    }
}
