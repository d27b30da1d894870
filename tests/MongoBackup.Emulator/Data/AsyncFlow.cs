namespace MongoBackup.Emulator.Data;

public enum FlowKind { Backup, Restore }

/// <summary>An asynchronous request as DescribeAsyncRequestInfo reports it: a manual backup (CreateBackupDBInstance's
/// AsyncRequestId) or a restore (RestoreDBInstance's FlowId, asked for by its text). Its state is computed from the clock
/// on every query, no timers: <c>initial</c> for the first 20 % of its duration, then <c>running</c>, then
/// <c>success</c>, or <c>failed</c> when it is configured to fail.</summary>
public sealed record AsyncFlow(long Id, FlowKind Kind, string InstanceId, string Region, DateTimeOffset Created, double Seconds, bool Fails)
{
    public const double InitialShare = 0.2;

    public string RequestId => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The status text at <paramref name="now"/>; null before the flow was created.</summary>
    public string? StatusAt(DateTimeOffset now)
    {
        var elapsed = (now - Created).TotalSeconds;
        if (elapsed < 0) return null;
        if (elapsed >= Seconds) return Fails ? "failed" : "success";
        return elapsed < Seconds * InitialShare ? "initial" : "running";
    }

    public bool Succeeded(DateTimeOffset now) => StatusAt(now) == "success";

    /// <summary>Beijing start time, truncated to the second as the API writes it.</summary>
    public DateTime StartTime => Truncate(BeijingTime.From(Created));

    /// <summary>Beijing end time; meaningful once the flow has ended.</summary>
    public DateTime EndTime => Truncate(BeijingTime.From(Created.AddSeconds(Seconds)));

    private static DateTime Truncate(DateTime t) => t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond));
}

/// <summary>A backup made by CreateBackupDBInstance: what it will be once its request succeeds, and the request.</summary>
public sealed record CreatedBackup(DbBackup Final, AsyncFlow Flow)
{
    /// <summary>The backup as DescribeDBBackups shows it at <paramref name="asOf"/>: absent before the request starts or
    /// after it failed, running (Status 1) while the request runs, succeeded when it has.</summary>
    public DbBackup? ViewAt(DateTimeOffset asOf) => Flow.StatusAt(asOf) switch
    {
        null or "failed" => null,
        "success" => Final,
        _ => Final with { Status = 1 },
    };
}

/// <summary>A collection a succeeded restore flow wrote (its NewCollection): DescribeDBInstanceNamespace lists it then.</summary>
public sealed record RestoredCollection(AsyncFlow Flow, string Db, string Collection);
