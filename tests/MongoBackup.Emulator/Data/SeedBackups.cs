namespace MongoBackup.Emulator.Data;

/// <summary>The backups DescribeDBBackups lists: a few per instance, all within the 7 days before the emulator
/// started. Sizes are fixed (deterministic); only the times follow the start time. Files stay between 1 KB and 80 MB.</summary>
public static class SeedBackups
{
    private const long KB = 1024, MB = 1024 * 1024;

    /// <summary>(hours before start, type, method, bytes, description, fails, running) of one backup.</summary>
    private sealed record Plan(double HoursAgo, int Type, int Method, long Bytes, string Desc = "", bool Fails = false, bool Running = false);

    private static readonly Dictionary<string, Plan[]> Named = new()
    {
        [SeedInstances.ReplicaSet] =
        [
            new(0.05, 1, 0, 5 * MB + 4321, "manual backup in progress", Running: true),
            new(6, 0, 0, 3 * MB + 277_123),
            new(20, 1, 1, 12 * MB + 9_999, "manual backup before release"),
            new(31, 1, 0, 2 * MB + 55_555, DbBackup.FailingDescription, Fails: true),
            new(50, 0, 1, 70 * MB + 4_321_567, "nightly physical backup"),
            new(75, 0, 0, 6 * KB + 3),
            new(123, 0, 0, 40 * MB + 12_345),
        ],
        [SeedInstances.Sharded] =
        [
            new(0.1, 1, 0, 9 * MB + 1, "manual backup in progress", Running: true),
            new(8, 0, 0, 9 * MB + 777_777),
            new(32, 0, 1, 75 * MB + 3_333_333, "nightly physical backup"),
            new(56, 1, 0, 30 * MB + 424_242, "manual backup before release"),
            new(100, 0, 0, 3 * KB + 10),
        ],
        [SeedInstances.ReferenceExample] =
        [
            new(12, 0, 0, 844),
            new(36, 0, 0, 2 * KB + 1),
            new(60, 0, 1, 512 * KB + 17),
        ],
        [SeedMeasurements.Large] =
        [
            new(10, 0, 0, SeedMeasurements.LargeBytes, SeedMeasurements.LargeDescription),
        ],
        [SeedInstances.NoTasks] =
        [
            new(18, 0, 0, 1 * KB + 100),
            new(90, 1, 1, 64 * KB + 1),
        ],
    };

    /// <summary>Shares of a sharded backup per shard (the last shard takes the remainder).</summary>
    private static readonly double[] ShardShares = [0.40, 0.35, 0.25];

    public static List<DbBackup> Build(IReadOnlyList<Instance> instances, DateTimeOffset start)
    {
        var list = new List<DbBackup>();
        long backId = 500_000;
        foreach (var instance in instances)
        foreach (var plan in Named.GetValueOrDefault(instance.InstanceId) ?? FillerPlans(instance))
            list.Add(Make(instance, plan, start, ++backId));
        return list;
    }

    private static Plan[] FillerPlans(Instance instance)
    {
        var rng = new SplitMix64(SplitMix64.Hash(instance.InstanceId));
        return Enumerable.Range(0, 2 + (int)rng.Between(0, 3))
            .Select(i => new Plan(4 + i * 37 + rng.Between(0, 30), (int)rng.Between(0, 2), (int)rng.Between(0, 2),
                rng.Between(1 * KB, 8 * MB)))
            .ToArray();
    }

    private static DbBackup Make(Instance instance, Plan plan, DateTimeOffset start, long backId)
    {
        var started = BeijingTime.From(start.AddHours(-plan.HoursAgo));
        started = new DateTime(started.Year, started.Month, started.Day, started.Hour, started.Minute, started.Second);
        var seconds = 20 + plan.Bytes / (20 * MB);
        return new DbBackup
        {
            InstanceId = instance.InstanceId, BackId = backId, BackupName = BeijingTime.BackupName(instance.InstanceId, started),
            BackupDesc = plan.Desc, BackupType = plan.Type, BackupMethod = plan.Method, Status = plan.Running ? 1 : 2,
            StartTime = started, EndTime = started.AddSeconds(seconds), Region = instance.Region,
            ShardBytes = Split(plan.Bytes, instance.ReplicaSets.Count), FailsDownload = plan.Fails,
        };
    }

    internal static long[] Split(long bytes, int shards)
    {
        if (shards == 1) return [bytes];
        var parts = new long[shards];
        for (var i = 0; i < shards - 1; i++) parts[i] = (long)(bytes * ShardShares[i % ShardShares.Length]);
        parts[^1] = bytes - parts[..^1].Sum();
        return parts;
    }
}
