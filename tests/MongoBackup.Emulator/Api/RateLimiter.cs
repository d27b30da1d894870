using System.Diagnostics;

namespace MongoBackup.Emulator.Api;

/// <summary>At most N accepted requests per action in any sliding one-second window (N = 0: off).</summary>
public sealed class RateLimiter(EmulatorOptions options)
{
    private readonly Dictionary<string, Queue<long>> accepted = new(StringComparer.Ordinal);
    private readonly object gate = new();

    public bool TryAcquire(string action)
    {
        if (options.RateLimit <= 0) return true;
        var now = Stopwatch.GetTimestamp();
        var windowStart = now - Stopwatch.Frequency;
        lock (gate)
        {
            if (!accepted.TryGetValue(action, out var queue)) accepted[action] = queue = new Queue<long>();
            while (queue.Count > 0 && queue.Peek() <= windowStart) queue.Dequeue();
            if (queue.Count >= options.RateLimit) return false;
            queue.Enqueue(now);
            return true;
        }
    }

    public void Reset()
    {
        lock (gate) accepted.Clear();
    }
}
