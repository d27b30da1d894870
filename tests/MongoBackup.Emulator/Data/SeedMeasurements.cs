namespace MongoBackup.Emulator.Data;

/// <summary>Two instances for measurements, in their own project (9001) so project-wide runs and the other tests do
/// not meet them: <c>cmgo-bulk5000</c> with exactly 5,000 small download tasks (paging under failures), and
/// <c>cmgo-large001</c> with one succeeded logical backup of 1 GiB + 12,345 bytes and a ready task for it (a 1 GiB
/// download).</summary>
public static class SeedMeasurements
{
    public const string Bulk = "cmgo-bulk5000";
    public const string Large = "cmgo-large001";
    public const int ProjectId = 9001;
    public const int BulkTaskCount = 5_000;
    public const int BulkBackupCount = 100;
    /// <summary>1 GiB + 12,345 bytes: DescribeDBBackups shows it as 1,048,589 KB (rounded up).</summary>
    public const long LargeBytes = (1L << 30) + 12_345;
    public const string LargeDescription = "1 GiB + 12,345 bytes, for download measurements";

    private const long KiB = 1024;
    private static readonly DateTime RangeStart = new(2025, 1, 1, 0, 0, 0);
    private static readonly DateTime RangeEnd = new(2026, 6, 30, 23, 59, 59);

    public static IReadOnlyList<Instance> Instances() =>
    [
        SeedInstances.Make(Bulk, "bulk-tasks-measure", 0, "ap-guangzhou", "ap-guangzhou-3", ProjectId, "MONGO_44_WT", 2048, 20_480, 1,
            new DateTime(2024, 10, 1, 12, 0, 0), [new Tag("purpose", "measurement")], shards: 1),
        SeedInstances.Make(Large, "large-backup-measure", 0, "ap-guangzhou", "ap-guangzhou-4", ProjectId, "MONGO_50_WT", 4096, 51_200, 2,
            new DateTime(2024, 10, 2, 12, 0, 0), [new Tag("purpose", "measurement")], shards: 1),
    ];

    /// <summary>5,000 tasks, 1,000 per status 0-4 (shuffled), 5,000 distinct CreateTimes in 2025-01-01 … 2026-07-05,
    /// 100 backups of 50 tasks each; every task of a backup has that backup's size (1 KiB … 1 MiB).</summary>
    public static IEnumerable<DownloadTask> BulkTasks(Instance instance, Func<long> nextSequence)
    {
        var rng = new SplitMix64(0x5EED_0005);
        var statuses = Enumerable.Range(0, 5).SelectMany(s => Enumerable.Repeat(s, BulkTaskCount / 5)).ToList();
        rng.Shuffle(statuses);
        var span = (RangeEnd - RangeStart).TotalSeconds;
        var used = new HashSet<DateTime>();
        var perBackup = BulkTaskCount / BulkBackupCount;
        for (var b = 0; b < BulkBackupCount; b++)
        {
            var time = RangeStart.AddMinutes(Math.Floor((b + 0.5 * rng.NextDouble()) * span / BulkBackupCount / 60));
            var name = BeijingTime.BackupName(instance.InstanceId, time);
            var size = (long)Math.Exp(Math.Log(KiB) + rng.NextDouble() * Math.Log(1024));
            var method = rng.Between(0, 3) == 0 ? 1 : 0;
            for (var t = 0; t < perBackup; t++)
            {
                var created = time.AddSeconds(rng.Between(600, 5 * 86_400));
                while (!used.Add(created)) created = created.AddSeconds(1);
                var status = statuses[b * perBackup + t];
                yield return new DownloadTask
                {
                    Sequence = nextSequence(), InstanceId = instance.InstanceId, BackupName = name,
                    ReplicaSetId = instance.ReplicaSets[0].ReplicaSetId, BackupSize = size, BackupMethod = method,
                    BackupDesc = b % 4 == 0 ? "bulk measurement backup" : "", Region = instance.Region, Bucket = instance.Bucket,
                    CreateTime = created, Progress = new FixedProgress(State(status, rng)), UrlStyle = UrlStyle.Emulator,
                };
            }
        }
    }

    private static TaskState State(int status, SplitMix64 rng) => status switch
    {
        0 => new TaskState(0, 0, 0),
        1 => new TaskState(1, (int)rng.Between(1, 100), rng.Between(1, 600)),
        2 => new TaskState(2, 100, rng.Between(0, 30)),
        3 => new TaskState(3, (int)rng.Between(0, 100), rng.Between(1, 3600)),
        _ => new TaskState(4, (int)rng.Between(0, 100), rng.Between(1, 600)),
    };

    /// <summary>A ready (Downloaded) task for each finished backup of <c>cmgo-large001</c>, created a minute after the
    /// backup ended, with the backup's exact size, so the file can be saved without waiting for a task.</summary>
    public static IEnumerable<DownloadTask> LargeTasks(Instance instance, IEnumerable<DbBackup> backups, Func<long> nextSequence) =>
        backups.Where(b => b.InstanceId == instance.InstanceId && b.Status == 2).Select(b => new DownloadTask
        {
            Sequence = nextSequence(), InstanceId = instance.InstanceId, BackupName = b.BackupName,
            ReplicaSetId = instance.ReplicaSets[0].ReplicaSetId, BackupSize = b.ShardBytes[0], BackupMethod = b.BackupMethod,
            BackupDesc = b.BackupDesc, Region = instance.Region, Bucket = instance.Bucket, CreateTime = b.EndTime.AddMinutes(1),
            Progress = new FixedProgress(new TaskState(2, 100, 60)), UrlStyle = UrlStyle.Emulator,
        }).ToList();
}
