namespace MongoBackup.Emulator.Data;

/// <summary>The emulated account: instances, backups and download tasks (seeded ones plus those created at run time).
/// The backup life cycle (manual backups, rules, deletes, expiry, restores, namespaces) is in Store.Lifecycle.cs.</summary>
public sealed partial class Store
{
    private readonly Dictionary<string, Instance> instances;
    private readonly List<DownloadTask> seededTasks;
    private readonly Dictionary<string, IReadOnlyList<DbBackup>> backupsByInstance;
    private readonly HashSet<(string InstanceId, string BackupName)> backupNames = new();
    private readonly List<DownloadTask> createdTasks = new();
    private readonly object gate = new();
    private long sequence;

    public Store(EmulatorOptions options)
    {
        this.options = options;
        StartTime = DateTimeOffset.UtcNow;
        var all = SeedInstances.Named().Concat(SeedInstances.Fillers()).Concat(SeedMeasurements.Instances()).ToList();
        if (options.ScaleTasks > 0)
        {
            long scaleBackId = 900_000;
            Scale = new SeedScale(options.ScaleTasks, () => ++scaleBackId);
            all.Add(Scale.Instance);
        }
        instances = all.ToDictionary(i => i.InstanceId, StringComparer.Ordinal);
        InstanceList = all;
        seededTasks = SeedTasks.Build(instances, NextSequence);
        // The recent backups (the scale instance, last in the list, gets a few like the fillers).
        var backups = SeedBackups.Build(all, StartTime);
        seededTasks.AddRange(SeedMeasurements.LargeTasks(instances[SeedMeasurements.Large], backups, NextSequence));
        foreach (var b in backups) backupNames.Add((b.InstanceId, b.BackupName));

        long historyBackId = 100_000;
        var history = SeedTasks.BackupsBehind(seededTasks, instances, (id, name) => backupNames.Contains((id, name)), () => ++historyBackId);
        backups.AddRange(history);
        foreach (var b in history) backupNames.Add((b.InstanceId, b.BackupName));

        if (Scale is not null)
        {
            backups.AddRange(Scale.Backups);
            foreach (var b in Scale.Backups) backupNames.Add((b.InstanceId, b.BackupName));
        }
        backupsByInstance = backups.GroupBy(b => b.InstanceId, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<DbBackup>)g.OrderByDescending(b => b.StartTime).ThenByDescending(b => b.BackId).ToList(),
            StringComparer.Ordinal);
    }

    /// <summary>When the emulator started: the recent backups are placed relative to it.</summary>
    public DateTimeOffset StartTime { get; }

    /// <summary>The scale instance's tasks (<c>--scale-tasks N</c>), or null.</summary>
    public SeedScale? Scale { get; }

    /// <summary>Every backup the store holds for the instance, newest first: the recent ones (<see cref="DbBackup.Listed"/>;
    /// DescribeDBBackups shows those of the last 7 days) and the older ones behind seeded download tasks, with the manual
    /// backups made at run time as they stand now, without the deleted ones and with changed expiry times.</summary>
    public IReadOnlyList<DbBackup> BackupsOf(string instanceId) => BackupsOf(instanceId, DateTimeOffset.UtcNow);

    private IReadOnlyList<DbBackup> SeededBackupsOf(string instanceId) => backupsByInstance.GetValueOrDefault(instanceId) ?? [];

    /// <summary>Whether the store holds a backup of that name for the instance (any date, listed or not).</summary>
    public bool HasBackup(string instanceId, string backupName) =>
        backupNames.Contains((instanceId, backupName)) || HasCreatedBackup(instanceId, backupName);

    /// <summary>The seeded historical tasks (immutable; the scale instance's are computed, not stored: <see cref="Scale"/>).</summary>
    public IReadOnlyList<DownloadTask> SeededTasks => seededTasks;

    /// <summary>All instances in their stable catalogue order.</summary>
    public IReadOnlyList<Instance> InstanceList { get; }

    /// <summary>The instance, when it exists in that region (an API request sees only its region's instances).</summary>
    public Instance? FindInstance(string instanceId, string region) =>
        instances.TryGetValue(instanceId, out var instance) && instance.Region == region ? instance : null;

    /// <summary>For the object store, which is addressed by bucket, not by API region: the instance whose backup
    /// files live in that bucket.</summary>
    public Instance? FindInstanceInBucket(string instanceId, string bucket) =>
        instances.TryGetValue(instanceId, out var instance) && instance.Bucket == bucket ? instance : null;

    /// <summary>The stored tasks of the instance: seeded and created (not the scale instance's computed ones).</summary>
    public List<DownloadTask> TasksOf(string instanceId)
    {
        lock (gate)
            return seededTasks.Where(t => t.InstanceId == instanceId)
                .Concat(createdTasks.Where(t => t.InstanceId == instanceId)).ToList();
    }

    public DownloadTask AddTask(Func<long, DownloadTask> create)
    {
        lock (gate)
        {
            var task = create(NextSequence());
            createdTasks.Add(task);
            return task;
        }
    }

    /// <summary>Forgets the tasks created at run time, and the life-cycle state (Store.Lifecycle.cs).</summary>
    public void Reset()
    {
        lock (gate) createdTasks.Clear();
        ResetLifecycle();
    }

    private long NextSequence() => Interlocked.Increment(ref sequence);
}
