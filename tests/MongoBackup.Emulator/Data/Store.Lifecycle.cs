namespace MongoBackup.Emulator.Data;

/// <summary>The backup life cycle of the emulated account: manual backups (CreateBackupDBInstance) and their async
/// requests, restore flows, rules, deletes and expiry changes, and the namespaces restores write to. Everything here is
/// forgotten by <see cref="Store.Reset"/> (ids keep counting up, so an old id never names a new thing).</summary>
public sealed partial class Store
{
    private readonly EmulatorOptions options;
    private readonly object lifecycleGate = new();
    private readonly List<CreatedBackup> createdBackups = new();
    private readonly HashSet<long> deletedBackIds = new();
    private readonly Dictionary<long, DateTime> expireTimes = new();
    private readonly Dictionary<string, BackupRuleState> rules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AsyncFlow> flows = new(StringComparer.Ordinal);
    private readonly List<RestoredCollection> restoredCollections = new();
    private long lastFlowId = 3_000_000;
    private long lastCreatedBackId = 700_000;

    /// <summary><see cref="BackupsOf(string)"/> at a given moment. Manual backups made at run time show as DescribeDBBackups
    /// would show them: their state <c>--backup-list-lag-seconds</c> ago.</summary>
    public IReadOnlyList<DbBackup> BackupsOf(string instanceId, DateTimeOffset now)
    {
        var seeded = SeededBackupsOf(instanceId);
        lock (lifecycleGate)
        {
            if (createdBackups.Count == 0 && deletedBackIds.Count == 0 && expireTimes.Count == 0) return seeded;
            var asOf = now.AddSeconds(-options.BackupListLagSeconds);
            return createdBackups.Where(c => c.Final.InstanceId == instanceId).Select(c => c.ViewAt(asOf)).OfType<DbBackup>()
                .Concat(seeded)
                .Where(b => !deletedBackIds.Contains(b.BackId))
                .Select(b => expireTimes.TryGetValue(b.BackId, out var t) ? b with { ExpireTime = t } : b)
                .OrderByDescending(b => b.StartTime).ThenByDescending(b => b.BackId)
                .ToList();
        }
    }

    /// <summary>What DescribeDBBackups lists: the recent backups started within the last 7 days and not yet expired.</summary>
    public IReadOnlyList<DbBackup> ListedBackupsOf(string instanceId, DateTimeOffset now)
    {
        var today = BeijingTime.From(now);
        var since = BeijingTime.From(now.AddDays(-7));
        return BackupsOf(instanceId, now)
            .Where(b => b.Listed && b.StartTime >= since && (b.DeleteTime is null || b.DeleteTime > today))
            .ToList();
    }

    private bool HasCreatedBackup(string instanceId, string backupName)
    {
        lock (lifecycleGate) return HasCreatedBackupLocked(instanceId, backupName);
    }

    private bool HasCreatedBackupLocked(string instanceId, string backupName) =>
        createdBackups.Any(c => c.Final.InstanceId == instanceId && c.Final.BackupName == backupName);

    /// <summary>Starts a manual backup: an async request that runs <c>--backup-seconds</c>, and the backup it makes.
    /// Its name is the usual <c>&lt;InstanceId&gt;_yyyy-MM-dd HH:mm</c> of its start, with <c>_2</c>, <c>_3</c>… when
    /// another backup of the instance already has that name (several backups in one minute).</summary>
    public CreatedBackup CreateBackup(Instance instance, int method, string remark, long? retentionDays, DateTimeOffset now)
    {
        lock (lifecycleGate)
        {
            var flow = NewFlowLocked(FlowKind.Backup, instance, now, options.BackupSeconds, options.FailingBackupInstances.Contains(instance.InstanceId));
            var start = flow.StartTime;
            var baseName = BeijingTime.BackupName(instance.InstanceId, start);
            var name = baseName;
            for (var n = 2; backupNames.Contains((instance.InstanceId, name)) || HasCreatedBackupLocked(instance.InstanceId, name); n++)
                name = $"{baseName}_{n}";
            var backId = ++lastCreatedBackId;
            var bytes = new SplitMix64(SplitMix64.Hash($"{instance.InstanceId}#{backId}")).Between(64 * 1024, 4 * 1024 * 1024);
            var rule = RuleOfLocked(instance);
            var final = new DbBackup
            {
                InstanceId = instance.InstanceId, BackId = backId, BackupName = name, BackupDesc = remark, BackupType = 1,
                BackupMethod = method, Status = 2, StartTime = start, EndTime = flow.EndTime, Region = instance.Region,
                ShardBytes = SeedBackups.Split(bytes, instance.ReplicaSets.Count),
                ExpireTime = retentionDays == -2 ? DbBackup.Forever : start.AddDays(rule.DaysFor(retentionDays ?? 0)),
            };
            var created = new CreatedBackup(final, flow);
            createdBackups.Add(created);
            return created;
        }
    }

    /// <summary>Starts a restore flow that writes <paramref name="newCollections"/> once it succeeds.</summary>
    public AsyncFlow Restore(Instance instance, IEnumerable<(string Db, string Collection)> newCollections, DateTimeOffset now)
    {
        lock (lifecycleGate)
        {
            var flow = NewFlowLocked(FlowKind.Restore, instance, now, options.RestoreSeconds, fails: false);
            foreach (var (db, collection) in newCollections) restoredCollections.Add(new RestoredCollection(flow, db, collection));
            return flow;
        }
    }

    private AsyncFlow NewFlowLocked(FlowKind kind, Instance instance, DateTimeOffset now, double seconds, bool fails)
    {
        var flow = new AsyncFlow(++lastFlowId, kind, instance.InstanceId, instance.Region, now, seconds, fails);
        flows[flow.RequestId] = flow;
        return flow;
    }

    /// <summary>The async request or flow of that id, when it exists in that region (a request sees only its region).</summary>
    public AsyncFlow? FindFlow(string id, string region)
    {
        lock (lifecycleGate) return flows.TryGetValue(id, out var flow) && flow.Region == region ? flow : null;
    }

    public BackupRuleState RuleOf(Instance instance)
    {
        lock (lifecycleGate) return RuleOfLocked(instance);
    }

    private BackupRuleState RuleOfLocked(Instance instance) =>
        rules.TryGetValue(instance.InstanceId, out var rule) ? rule : SeedLifecycle.RuleFor(instance);

    public void SetRule(Instance instance, BackupRuleState rule)
    {
        lock (lifecycleGate) rules[instance.InstanceId] = rule;
    }

    public void DeleteBackups(IEnumerable<long> backIds)
    {
        lock (lifecycleGate) deletedBackIds.UnionWith(backIds);
    }

    public void SetExpireTime(long backId, DateTime expireTime)
    {
        lock (lifecycleGate) expireTimes[backId] = expireTime;
    }

    /// <summary>The databases of an instance and their collections: the seeded ones, plus the collections written by
    /// restore flows that have succeeded.</summary>
    public IReadOnlyList<(string Db, IReadOnlyList<string> Collections)> NamespacesOf(Instance instance, DateTimeOffset now)
    {
        var seeded = SeedLifecycle.NamespacesFor(instance.InstanceId);
        List<RestoredCollection> written;
        lock (lifecycleGate)
            written = restoredCollections.Where(r => r.Flow.InstanceId == instance.InstanceId && r.Flow.Succeeded(now)).ToList();
        if (written.Count == 0) return seeded;
        return seeded.Select(ns => (ns.Db, (IReadOnlyList<string>)ns.Collections
                .Concat(written.Where(w => w.Db == ns.Db).Select(w => w.Collection)).Distinct(StringComparer.Ordinal).ToList()))
            .ToList();
    }

    /// <summary>The earliest time a restore may go back to (Beijing): the later of the rule's retention (now minus
    /// BackupSaveTime days) and the RestoreTime of the oldest succeeded backup DescribeDBBackups lists; null when it
    /// lists none.</summary>
    public DateTime? EarliestRestoreTime(Instance instance, DateTimeOffset now)
    {
        var retention = BeijingTime.From(now).AddDays(-RuleOf(instance).BackupSaveTime);
        var succeeded = ListedBackupsOf(instance.InstanceId, now).Where(b => b.Status == 2).ToList();
        if (succeeded.Count == 0) return null;
        var oldest = succeeded.Min(b => b.EndTime);
        return oldest > retention ? oldest : retention;
    }

    private void ResetLifecycle()
    {
        lock (lifecycleGate)
        {
            createdBackups.Clear();
            deletedBackIds.Clear();
            expireTimes.Clear();
            rules.Clear();
            flows.Clear();
            restoredCollections.Clear();
        }
    }
}
