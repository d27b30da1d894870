using System.Diagnostics;

namespace MongoBackup.Emulator.Api;

/// <summary>At most N accepted requests per action in any sliding one-second window. N is the action's documented
/// limit (DescribeDBBackups 150/s, every other action 20/s: the documented figure or, where none is documented, the
/// reference's default), or every action's <c>--rate-limit N</c>; <c>--rate-limit 0</c> turns limiting off.</summary>
public sealed class RateLimiter(EmulatorOptions options)
{
    public const int DefaultLimit = 20;

    /// <summary>The documented limits that differ from <see cref="DefaultLimit"/>.</summary>
    public static readonly IReadOnlyDictionary<string, int> Documented = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["DescribeDBBackups"] = 150,
    };

    private readonly Dictionary<string, Queue<long>> accepted = new(StringComparer.Ordinal);
    private readonly object gate = new();

    /// <summary>Requests per second accepted for the action; 0 = unlimited.</summary>
    public int LimitFor(string action) => options.RateLimit ?? Documented.GetValueOrDefault(action, DefaultLimit);

    public bool TryAcquire(string action)
    {
        var limit = LimitFor(action);
        if (limit <= 0) return true;
        var now = Stopwatch.GetTimestamp();
        var windowStart = now - Stopwatch.Frequency;
        lock (gate)
        {
            if (!accepted.TryGetValue(action, out var queue)) accepted[action] = queue = new Queue<long>();
            while (queue.Count > 0 && queue.Peek() <= windowStart) queue.Dequeue();
            if (queue.Count >= limit) return false;
            queue.Enqueue(now);
            return true;
        }
    }

    public void Reset()
    {
        lock (gate) accepted.Clear();
    }
}
