namespace MongoBackup.Emulator.Data;

/// <summary>The historical download tasks of the named instances, generated from fixed seeds
/// (independent of today's date and of the runtime's Random).</summary>
public static class SeedTasks
{
    private const long KiB = 1024, GiB = 1024L * 1024 * 1024;
    private static readonly DateTime RangeStart = new(2025, 1, 1, 0, 0, 0);
    private static readonly DateTime RangeEnd = new(2026, 6, 30, 23, 59, 59);
    private static readonly string[] Descriptions = ["", "", "manual backup before release", "weekly full backup", "pre-migration snapshot"];

    public static List<DownloadTask> Build(IReadOnlyDictionary<string, Instance> instances, Func<long> nextSequence)
    {
        var tasks = new List<DownloadTask> { ReferenceExample(instances[SeedInstances.ReferenceExample], nextSequence()) };
        tasks.AddRange(ReplicaSetHistory(instances[SeedInstances.ReplicaSet], nextSequence));
        tasks.AddRange(ShardedHistory(instances[SeedInstances.Sharded], nextSequence));
        tasks.AddRange(SeedMeasurements.BulkTasks(instances[SeedMeasurements.Bulk], nextSequence));
        return tasks;
    }

    /// <summary>The backups behind seeded tasks that no recent backup accounts for: one per (instance, BackupName), so
    /// every seeded task's BackupName is a backup the store holds for its instance. Its StartTime is the minute the name
    /// gives, its shard sizes the tasks' BackupSize, its method and description the tasks'. Not <see cref="DbBackup.Listed"/>:
    /// DescribeDBBackups never shows them (they are older than its 7 days for the reference example, and the history's
    /// dates must not make the listing depend on today's date).</summary>
    public static List<DbBackup> BackupsBehind(IEnumerable<DownloadTask> tasks, IReadOnlyDictionary<string, Instance> instances,
        Func<string, string, bool> alreadyHeld, Func<long> nextBackId)
    {
        var list = new List<DbBackup>();
        foreach (var group in tasks.GroupBy(t => (t.InstanceId, t.BackupName)))
        {
            var (instanceId, name) = group.Key;
            if (alreadyHeld(instanceId, name)) continue;
            var instance = instances[instanceId];
            var first = group.First();
            var shardBytes = instance.ReplicaSets
                .Select(r => group.FirstOrDefault(t => t.ReplicaSetId == r.ReplicaSetId)?.BackupSize
                    ?? throw new InvalidOperationException($"seed: no task of {name} for {r.ReplicaSetId}"))
                .ToArray();
            var prefix = instanceId + "_";
            if (!name.StartsWith(prefix, StringComparison.Ordinal)
                || !DateTime.TryParseExact(name[prefix.Length..], "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.None, out var started))
                throw new InvalidOperationException($"seed: backup name {name} is not <instance>_yyyy-MM-dd HH:mm");
            var ended = started.AddSeconds(20 + shardBytes.Sum() / (20 * 1024 * 1024));
            var firstTask = group.Min(t => t.CreateTime);
            if (ended > firstTask) ended = firstTask;
            list.Add(new DbBackup
            {
                InstanceId = instanceId, BackId = nextBackId(), BackupName = name, BackupDesc = first.BackupDesc, BackupType = 0,
                BackupMethod = first.BackupMethod, Status = 2, StartTime = started, EndTime = ended, Region = instance.Region,
                ShardBytes = shardBytes, Listed = false,
            });
        }
        return list;
    }

    /// <summary>Exactly the reference's example task.</summary>
    private static DownloadTask ReferenceExample(Instance instance, long sequence) => new()
    {
        Sequence = sequence, InstanceId = instance.InstanceId, BackupName = "cmgo-dygv1rnp_2021-03-26 10:44",
        ReplicaSetId = "cmgo-dygv1rnp_0", BackupSize = 844, BackupMethod = 0, BackupDesc = "", Region = instance.Region,
        Bucket = instance.Bucket, CreateTime = new DateTime(2021, 3, 26, 10, 47, 37),
        Progress = new FixedProgress(new TaskState(2, 100, 0)), UrlStyle = UrlStyle.Cos,
    };

    private sealed record SeedBackup(string Name, DateTime Time, int Method, string Desc, long[] ShardSizes);

    /// <summary>250 tasks, 50 per status, distinct CreateTimes, 40 backups from 1 KiB to 12 GiB.</summary>
    private static IEnumerable<DownloadTask> ReplicaSetHistory(Instance instance, Func<long> nextSequence)
    {
        var rng = new SplitMix64(0x5EED_0001);
        var backups = Backups(instance, rng, count: 40, shards: 1, maxSize: 12 * GiB, largeEvery: 4);
        backups[0].ShardSizes[0] = 1 * KiB;
        backups[5].ShardSizes[0] = 12 * GiB;
        var statuses = Statuses(rng, perStatus: 50);
        var used = new HashSet<DateTime>();
        for (var i = 0; i < statuses.Count; i++)
        {
            var backup = backups[i * backups.Count / statuses.Count];
            var created = backup.Time.AddSeconds(rng.Between(600, 10 * 86_400));
            while (!used.Add(created)) created = created.AddSeconds(1);
            yield return Task(instance, backup, 0, created, statuses[i], rng, nextSequence());
        }
    }

    /// <summary>450 tasks, 90 per status: 150 requests of one task per shard (same CreateTime).</summary>
    private static IEnumerable<DownloadTask> ShardedHistory(Instance instance, Func<long> nextSequence)
    {
        var rng = new SplitMix64(0x5EED_0002);
        var backups = Backups(instance, rng, count: 50, shards: 3, maxSize: 6 * GiB, largeEvery: 10);
        var statuses = Statuses(rng, perStatus: 90);
        var used = new HashSet<DateTime>();
        var shards = instance.ReplicaSets.Count;
        for (var request = 0; request < statuses.Count / shards; request++)
        {
            var backup = backups[request * backups.Count / (statuses.Count / shards)];
            var created = backup.Time.AddSeconds(rng.Between(600, 10 * 86_400));
            while (!used.Add(created)) created = created.AddSeconds(1);
            for (var shard = 0; shard < shards; shard++)
                yield return Task(instance, backup, shard, created, statuses[request * shards + shard], rng, nextSequence());
        }
    }

    private static List<SeedBackup> Backups(Instance instance, SplitMix64 rng, int count, int shards, long maxSize, int largeEvery)
    {
        var span = (RangeEnd - RangeStart).TotalSeconds;
        var list = new List<SeedBackup>();
        for (var i = 0; i < count; i++)
        {
            var offset = (i + 0.1 + 0.6 * rng.NextDouble()) * span / (count + 1);
            var time = RangeStart.AddSeconds(Math.Floor(offset / 60) * 60);
            var sizes = new long[shards];
            for (var s = 0; s < shards; s++)
                sizes[s] = i % largeEvery == 1 ? rng.Between(4 * GiB + 1, maxSize + 1) : LogUniform(rng, KiB, maxSize);
            var method = rng.Between(0, 3) == 0 ? 1 : 0;
            list.Add(new SeedBackup(BeijingTime.BackupName(instance.InstanceId, time), time, method,
                Descriptions[(int)rng.Between(0, Descriptions.Length)], sizes));
        }
        return list;
    }

    private static long LogUniform(SplitMix64 rng, long min, long max) =>
        (long)Math.Exp(Math.Log(min) + rng.NextDouble() * (Math.Log(max) - Math.Log(min)));

    private static List<int> Statuses(SplitMix64 rng, int perStatus)
    {
        var list = Enumerable.Range(0, 5).SelectMany(s => Enumerable.Repeat(s, perStatus)).ToList();
        rng.Shuffle(list);
        return list;
    }

    private static DownloadTask Task(Instance instance, SeedBackup backup, int shard, DateTime created, int status, SplitMix64 rng, long sequence)
    {
        var size = backup.ShardSizes[shard];
        var state = status switch
        {
            0 => new TaskState(0, 0, 0),
            1 => new TaskState(1, (int)rng.Between(1, 100), rng.Between(1, 600)),
            2 => new TaskState(2, 100, size / (64 * 1024 * 1024) + rng.Between(0, 30)),
            3 => new TaskState(3, (int)rng.Between(0, 100), rng.Between(1, 3600)),
            _ => new TaskState(4, (int)rng.Between(0, 100), rng.Between(1, 600)),
        };
        return new DownloadTask
        {
            Sequence = sequence, InstanceId = instance.InstanceId, BackupName = backup.Name,
            ReplicaSetId = instance.ReplicaSets[shard].ReplicaSetId, BackupSize = size, BackupMethod = backup.Method,
            BackupDesc = backup.Desc, Region = instance.Region, Bucket = instance.Bucket, CreateTime = created,
            Progress = new FixedProgress(state), UrlStyle = UrlStyle.Emulator,
        };
    }
}
