using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace MongoBackup.Emulator.Infrastructure;

/// <summary>Counters shown by GET /_emulator/stats and cleared by POST /_emulator/reset.</summary>
public sealed class Stats
{
    public const string NoAction = "(none)";

    private readonly ConcurrentDictionary<string, long> requests = new(StringComparer.Ordinal);
    private long total, throttled, faults, objectRequests, objectRangeRequests, objectHeadRequests, objectDenied, objectBytes, answersServed;

    public void CountApiRequest(string? action)
    {
        Interlocked.Increment(ref total);
        requests.AddOrUpdate(string.IsNullOrEmpty(action) ? NoAction : action, 1, (_, n) => n + 1);
    }

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
        };
    }

    public void Reset()
    {
        requests.Clear();
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
