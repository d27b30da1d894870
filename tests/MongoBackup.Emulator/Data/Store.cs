namespace MongoBackup.Emulator.Data;

/// <summary>The emulated account: instances and download tasks (seeded ones plus those created at run time).</summary>
public sealed class Store
{
    private readonly Dictionary<string, Instance> instances;
    private readonly List<DownloadTask> seededTasks;
    private readonly List<DbBackup> backups;
    private readonly List<DownloadTask> createdTasks = new();
    private readonly object gate = new();
    private long sequence;

    public Store()
    {
        StartTime = DateTimeOffset.UtcNow;
        var all = SeedInstances.Named().Concat(SeedInstances.Fillers()).Concat(SeedMeasurements.Instances()).ToList();
        instances = all.ToDictionary(i => i.InstanceId, StringComparer.Ordinal);
        InstanceList = all;
        seededTasks = SeedTasks.Build(instances, NextSequence);
        backups = SeedBackups.Build(all, StartTime);
        seededTasks.AddRange(SeedMeasurements.LargeTasks(instances[SeedMeasurements.Large], backups, NextSequence));
    }

    /// <summary>When the emulator started: the recent backups are placed relative to it.</summary>
    public DateTimeOffset StartTime { get; }

    /// <summary>The instance's backups (all of them; DescribeDBBackups shows the last 7 days), newest first.</summary>
    public IReadOnlyList<DbBackup> BackupsOf(string instanceId) =>
        backups.Where(b => b.InstanceId == instanceId).OrderByDescending(b => b.StartTime).ThenByDescending(b => b.BackId).ToList();

    /// <summary>The seeded historical tasks (immutable).</summary>
    public IReadOnlyList<DownloadTask> SeededTasks => seededTasks;

    /// <summary>All instances in their stable catalogue order.</summary>
    public IReadOnlyList<Instance> InstanceList { get; }

    /// <summary>The instance, when it exists and (if a region was requested) lives in that region.</summary>
    public Instance? FindInstance(string instanceId, string? region) =>
        instances.TryGetValue(instanceId, out var instance) && (region is null || instance.Region == region) ? instance : null;

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

    /// <summary>Forgets the tasks created at run time.</summary>
    public void Reset()
    {
        lock (gate) createdTasks.Clear();
    }

    private long NextSequence() => Interlocked.Increment(ref sequence);
}
