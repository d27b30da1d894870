using MongoBackup.Emulator.Data;

namespace MongoBackup.Emulator.Faults;

public enum FaultKind { RequestLimitExceeded, InternalError, Http502Html, TruncatedJson, Delay, Reset }

/// <summary>What POST /_emulator/faults configured. Actions empty = every action.</summary>
public sealed record FaultConfig(ulong Seed, double Fraction, IReadOnlyList<FaultKind> Kinds, double DelaySeconds, IReadOnlyList<string> Actions);

/// <summary>Answers a deterministic fraction of API requests with a fault: the n-th eligible request (counted from
/// the moment the configuration was set) is faulted, and with which kind, as a pure function of (Seed, n).</summary>
public sealed class FaultInjector
{
    private readonly object gate = new();
    private FaultConfig? config;
    private long eligible;

    public FaultConfig? Current { get { lock (gate) return config; } }

    /// <summary>Sets (or with null clears) the configuration and restarts the request count.</summary>
    public void Set(FaultConfig? value)
    {
        lock (gate)
        {
            config = value;
            eligible = 0;
        }
    }

    public void Clear() => Set(null);

    /// <summary>The fault for this request, if any.</summary>
    public FaultKind? Decide(string? action)
    {
        FaultConfig? c;
        long n;
        lock (gate)
        {
            c = config;
            if (c is null || (c.Actions.Count > 0 && (action is null || !c.Actions.Contains(action)))) return null;
            n = eligible++;
        }
        var rng = new SplitMix64(c.Seed ^ ((ulong)n * 0xA24BAED4963EE407UL));
        if (rng.NextDouble() >= c.Fraction) return null;
        return c.Kinds[(int)rng.Between(0, c.Kinds.Count)];
    }
}
