namespace MongoBackup.Emulator.Data;

/// <summary>An instance's automatic backup rule (DescribeBackupRules / SetBackupRules). Notify is stored but, as the
/// documentation has it, never answered.</summary>
public sealed record BackupRuleState
{
    public int BackupMethod { get; init; }                      // 0 logical, 1 physical
    public int BackupTime { get; init; }                        // hour 0-23
    public int BackupFrequency { get; init; } = 24;             // hours: 12 or 24
    public int BackupSaveTime { get; init; } = 7;               // days, 7-365 (Set's BackupRetentionPeriod)
    public string ActiveWeekdays { get; init; } = AllWeekdays;  // "0,...,6", 0 = Sunday
    public string LongTermInterval { get; init; } = "";         // "", weekly, monthly
    public string LongTermActiveDays { get; init; } = "";       // weekly 0-6, monthly 1-31
    public int LongTermExpiredDays { get; init; }               // days, 30-1075 when long-term is on
    public int OplogExpiredDays { get; init; } = 7;             // days, 7-365
    public int BackupVersion { get; init; } = 1;                // 0 classic, 1 advanced
    public int AlertThreshold { get; init; } = 100;             // %, 50-300
    public bool Notify { get; init; }

    public const string AllWeekdays = "0,1,2,3,4,5,6";

    /// <summary>The days a backup created now with BackupRetentionDays -1 or 0 is kept.</summary>
    public int DaysFor(long retentionDays) => retentionDays switch
    {
        -1 when LongTermInterval.Length > 0 => LongTermExpiredDays,
        -1 or 0 => BackupSaveTime,
        _ => (int)retentionDays,
    };
}

/// <summary>The seeded rules (deterministic) and namespaces of every instance.</summary>
public static class SeedLifecycle
{
    public static BackupRuleState RuleFor(Instance instance) => instance.InstanceId switch
    {
        SeedInstances.ReplicaSet => new BackupRuleState
        {
            BackupMethod = 0, BackupTime = 3, LongTermInterval = "monthly", LongTermActiveDays = "1,15", LongTermExpiredDays = 365,
        },
        SeedInstances.Sharded => new BackupRuleState
        {
            BackupMethod = 1, BackupTime = 2, BackupFrequency = 12, BackupSaveTime = 14, ActiveWeekdays = "1,2,3,4,5",
            LongTermInterval = "weekly", LongTermActiveDays = "0", LongTermExpiredDays = 180, OplogExpiredDays = 14, AlertThreshold = 150,
        },
        _ => Filler(instance.InstanceId),
    };

    private static BackupRuleState Filler(string instanceId)
    {
        var rng = new SplitMix64(SplitMix64.Hash("rule:" + instanceId));
        return new BackupRuleState { BackupMethod = (int)rng.Between(0, 2), BackupTime = (int)rng.Between(0, 24) };
    }

    private static readonly string[] Databases = ["app", "sessions", "logs", "catalog", "billing"];
    private static readonly string[] Collections = ["items", "users", "events", "settings", "jobs", "history"];

    /// <summary>The databases of an instance and their collections, in order.</summary>
    public static IReadOnlyList<(string Db, IReadOnlyList<string> Collections)> NamespacesFor(string instanceId) => instanceId switch
    {
        SeedInstances.ReplicaSet => [("orders", ["orders", "order_items", "refunds"]), ("customers", ["profiles", "addresses"]), ("audit", ["events"])],
        SeedInstances.Sharded => [("analytics", ["events", "sessions", "daily_rollup"]), ("reports", ["monthly"])],
        SeedInstances.ReferenceExample => [("example", ["docs"])],
        SeedInstances.NoTasks => [("dev", ["scratch"])],
        _ => FillerNamespaces(instanceId),
    };

    private static IReadOnlyList<(string, IReadOnlyList<string>)> FillerNamespaces(string instanceId)
    {
        var rng = new SplitMix64(SplitMix64.Hash("ns:" + instanceId));
        var dbCount = (int)rng.Between(1, 4);
        var first = (int)rng.Between(0, Databases.Length);
        return Enumerable.Range(0, dbCount).Select(i =>
        {
            var count = (int)rng.Between(1, 5);
            var start = (int)rng.Between(0, Collections.Length);
            IReadOnlyList<string> collections = Enumerable.Range(0, count).Select(c => Collections[(start + c) % Collections.Length]).ToList();
            return (Databases[(first + i) % Databases.Length], collections);
        }).ToList();
    }

    /// <summary>BackupTotalSize's OplogSize and FreeQuota for an instance (bytes; the documentation gives a unit for SnapshotSize only).</summary>
    public static (long OplogBytes, long FreeQuotaBytes) SizesFor(Instance instance)
    {
        var rng = new SplitMix64(SplitMix64.Hash("sizes:" + instance.InstanceId));
        return (rng.Between(1 << 20, 512L << 20), instance.Volume * (1L << 20));
    }
}
