using System.Text;
using System.Text.Json.Nodes;
using MongoBackup.Emulator.Api;

namespace MongoBackup.Emulator.Answers;

/// <summary>One canned answer: either a Response object (sent as {"Response": ...}, with a RequestId added when it is
/// an object without one) or a raw body; with its HTTP status and content type. Remaining = null: until cleared.</summary>
public sealed record CannedAnswer(string Action, JsonNode? Response, string? RawBody, int Status, string ContentType, int? Count)
{
    /// <summary>The answer's bytes for one request.</summary>
    public byte[] Body(string requestId)
    {
        if (RawBody is not null) return Encoding.UTF8.GetBytes(RawBody);
        var response = Response?.DeepClone();
        if (response is JsonObject obj && !obj.ContainsKey("RequestId")) obj["RequestId"] = requestId;
        return Encoding.UTF8.GetBytes(new JsonObject { ["Response"] = response }.ToJsonString(ApiJson.Options));
    }
}

/// <summary>Answers set by POST /_emulator/answers: per action a queue; the first entry answers the next requests of its
/// action (after the signature checks) until its Count is used up, then the next entry takes over. An entry without
/// Count answers until cleared.</summary>
public sealed class CannedAnswers
{
    private sealed class Entry(CannedAnswer answer)
    {
        public CannedAnswer Answer { get; } = answer;
        public int? Remaining { get; set; } = answer.Count;
    }

    private readonly object gate = new();
    private readonly Dictionary<string, Queue<Entry>> byAction = new(StringComparer.Ordinal);

    public void Add(CannedAnswer answer)
    {
        lock (gate)
        {
            if (!byAction.TryGetValue(answer.Action, out var queue)) byAction[answer.Action] = queue = new Queue<Entry>();
            queue.Enqueue(new Entry(answer));
        }
    }

    /// <summary>The answer for this request of the action, if one is set (using up one of its Count).</summary>
    public CannedAnswer? TryTake(string action)
    {
        lock (gate)
        {
            if (!byAction.TryGetValue(action, out var queue) || queue.Count == 0) return null;
            var entry = queue.Peek();
            if (entry.Remaining is { } n)
            {
                entry.Remaining = n - 1;
                if (n - 1 == 0) queue.Dequeue();
            }
            return entry.Answer;
        }
    }

    /// <summary>What is still queued: per entry its action, kind, status and remaining count (null = until cleared).</summary>
    public JsonArray Describe()
    {
        lock (gate)
        {
            var list = new JsonArray();
            foreach (var (action, queue) in byAction.OrderBy(p => p.Key, StringComparer.Ordinal))
            foreach (var entry in queue)
                list.Add(new JsonObject
                {
                    ["Action"] = action,
                    ["Kind"] = entry.Answer.RawBody is null ? "Response" : "RawBody",
                    ["Status"] = entry.Answer.Status,
                    ["ContentType"] = entry.Answer.ContentType,
                    ["Remaining"] = entry.Remaining,
                });
            return list;
        }
    }

    public void Clear()
    {
        lock (gate) byAction.Clear();
    }
}
