namespace MongoBackup.Emulator.Data;

/// <summary>Status, Percent and TimeSpend of a task at some moment. Status: 0 waiting, 1 downloading,
/// 2 downloaded, 3 failed, 4 waiting for retry.</summary>
public readonly record struct TaskState(int Status, int Percent, long TimeSpend);

public abstract record TaskProgress
{
    public abstract TaskState At(DateTimeOffset now);
}

/// <summary>A seeded task whose state never changes.</summary>
public sealed record FixedProgress(TaskState State) : TaskProgress
{
    public override TaskState At(DateTimeOffset now) => State;
}

/// <summary>A created task: waiting for the first 20 % of its duration, then downloading with a rising
/// percentage, then downloaded; or failed half-way through the download phase. Computed from the clock
/// on every query, no timers.</summary>
public sealed record TimedProgress(DateTimeOffset Started, double Seconds, bool Fails) : TaskProgress
{
    public const double WaitingShare = 0.2;

    public override TaskState At(DateTimeOffset now)
    {
        var elapsed = Math.Max(0, (now - Started).TotalSeconds);
        var waiting = Seconds * WaitingShare;
        var failAt = waiting + (Seconds - waiting) / 2;
        if (Fails && elapsed >= failAt) return new TaskState(3, PercentAt(failAt, waiting), (long)Math.Round(failAt));
        if (elapsed >= Seconds) return new TaskState(2, 100, (long)Math.Round(Seconds));
        if (elapsed < waiting) return new TaskState(0, 0, 0);
        return new TaskState(1, PercentAt(elapsed, waiting), (long)elapsed);
    }

    private int PercentAt(double elapsed, double waiting) =>
        Seconds <= waiting ? 50 : Math.Clamp(1 + (int)(98 * (elapsed - waiting) / (Seconds - waiting)), 1, 99);
}

/// <summary>Where a ready task's Url points: a (non-resolvable) Tencent COS host, or the emulator's own object store.</summary>
public enum UrlStyle { Cos, Emulator }

public sealed record DownloadTask
{
    /// <summary>Creation order; the last tie-break of every sort.</summary>
    public required long Sequence { get; init; }
    public required string InstanceId { get; init; }
    public required string BackupName { get; init; }
    public required string ReplicaSetId { get; init; }
    public required long BackupSize { get; init; }          // bytes
    public required int BackupMethod { get; init; }         // 0 logical, 1 physical
    public required string BackupDesc { get; init; }
    public required string Region { get; init; }
    public required string Bucket { get; init; }
    public required DateTime CreateTime { get; init; }      // Beijing
    public required TaskProgress Progress { get; init; }
    public required UrlStyle UrlStyle { get; init; }

    /// <summary>File name extension: .tar for logical, .xb for physical backups.</summary>
    public string Extension => BackupMethod == 1 ? ".xb" : ".tar";
}
