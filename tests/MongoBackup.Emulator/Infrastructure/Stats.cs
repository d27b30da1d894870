using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace MongoBackup.Emulator.Infrastructure;

/// <summary>Counters shown by GET /_emulator/stats and cleared by POST /_emulator/reset.</summary>
public sealed class Stats
{
    public const string NoAction = "(none)";
    public const string Unsigned = "(unsigned)";

    private readonly ConcurrentDictionary<string, long> requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> secretIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> metadata = new(StringComparer.Ordinal);
    private long issuedKeys, expiredKeys;
    private long total, throttled, faults, objectRequests, objectRangeRequests, objectHeadRequests, objectDenied, objectBytes, answersServed;

    public void CountApiRequest(string? action)
    {
        Interlocked.Increment(ref total);
        requests.AddOrUpdate(string.IsNullOrEmpty(action) ? NoAction : action, 1, (_, n) => n + 1);
    }

    /// <summary>A signed API request by its SecretId (the permanent one, the temporary one, or an issued key's), or (unsigned).</summary>
    public void CountSecretId(string secretId) => secretIds.AddOrUpdate(secretId, 1, (_, n) => n + 1);
    /// <summary>An API error answered, by its code (faults and canned answers excluded).</summary>
    public void CountError(string code) => errors.AddOrUpdate(code, 1, (_, n) => n + 1);
    /// <summary>A metadata GET: RoleName (the role list) or Credentials (a role's document).</summary>
    public void CountMetadata(string kind) => metadata.AddOrUpdate(kind, 1, (_, n) => n + 1);
    public void CountIssuedKey() => Interlocked.Increment(ref issuedKeys);
    public void CountExpiredKey() => Interlocked.Increment(ref expiredKeys);

    public void CountThrottled() => Interlocked.Increment(ref throttled);
    public void CountFault() => Interlocked.Increment(ref faults);
    public void CountAnswerServed() => Interlocked.Increment(ref answersServed);
    public void CountObjectGet(bool ranged)
    {
        Interlocked.Increment(ref objectRequests);
        if (ranged) Interlocked.Increment(ref objectRangeRequests);
    }
    public void CountObjectHead() => Interlocked.Increment(ref objectHeadRequests);
    public void CountObjectDenied() => Interlocked.Increment(ref objectDenied);
    public void AddObjectBytes(long n) => Interlocked.Add(ref objectBytes, n);

    public JsonObject Snapshot()
    {
        var perAction = new JsonObject();
        foreach (var (action, n) in requests.OrderBy(p => p.Key, StringComparer.Ordinal)) perAction[action] = n;
        return new JsonObject
        {
            ["Requests"] = perAction,
            ["Throttled"] = Interlocked.Read(ref throttled),
            ["Total"] = Interlocked.Read(ref total),
            ["FaultsInjected"] = Interlocked.Read(ref faults),
            ["AnswersServed"] = Interlocked.Read(ref answersServed),
            ["ObjectRequests"] = Interlocked.Read(ref objectRequests),
            ["ObjectRangeRequests"] = Interlocked.Read(ref objectRangeRequests),
            ["ObjectHeadRequests"] = Interlocked.Read(ref objectHeadRequests),
            ["ObjectDenied"] = Interlocked.Read(ref objectDenied),
            ["ObjectBytes"] = Interlocked.Read(ref objectBytes),
            ["SecretIds"] = Counts(secretIds),
            ["Errors"] = Counts(errors),
            ["Metadata"] = Counts(metadata),
            ["IssuedKeys"] = Interlocked.Read(ref issuedKeys),
            ["ExpiredKeyRejections"] = Interlocked.Read(ref expiredKeys),
        };
    }

    private static JsonObject Counts(ConcurrentDictionary<string, long> counts)
    {
        var json = new JsonObject();
        foreach (var (key, n) in counts.OrderBy(p => p.Key, StringComparer.Ordinal)) json[key] = n;
        return json;
    }

    public void Reset()
    {
        requests.Clear();
        secretIds.Clear();
        errors.Clear();
        metadata.Clear();
        Interlocked.Exchange(ref issuedKeys, 0);
        Interlocked.Exchange(ref expiredKeys, 0);
        Interlocked.Exchange(ref total, 0);
        Interlocked.Exchange(ref throttled, 0);
        Interlocked.Exchange(ref faults, 0);
        Interlocked.Exchange(ref answersServed, 0);
        Interlocked.Exchange(ref objectRequests, 0);
        Interlocked.Exchange(ref objectRangeRequests, 0);
        Interlocked.Exchange(ref objectHeadRequests, 0);
        Interlocked.Exchange(ref objectDenied, 0);
        Interlocked.Exchange(ref objectBytes, 0);
    }
}
