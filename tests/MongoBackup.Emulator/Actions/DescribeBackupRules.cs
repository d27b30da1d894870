using System.Text.Json.Nodes;
using MongoBackup.Emulator.Api;
using MongoBackup.Emulator.Data;

namespace MongoBackup.Emulator.Actions;

/// <summary>An instance's automatic backup rule (seeded per instance, changed by SetBackupRules), and the sizes of its
/// backups: SnapshotSize = the bytes of the succeeded backups DescribeDBBackups lists (so deletes shrink it).</summary>
public sealed class DescribeBackupRules(Store store) : IApiAction
{
    public string Name => "DescribeBackupRules";

    public IReadOnlyCollection<string> Parameters { get; } = ["InstanceId"];

    public JsonObject Execute(Params p, ApiCall call)
    {
        var instance = p.RequireInstance(store, call);
        var rule = store.RuleOf(instance);
        var snapshot = store.ListedBackupsOf(instance.InstanceId, call.Now).Where(b => b.Status == 2).Sum(b => b.TotalBytes);
        var (oplog, freeQuota) = SeedLifecycle.SizesFor(instance);
        return new JsonObject
        {
            ["BackupSaveTime"] = rule.BackupSaveTime,
            ["BackupFrequency"] = rule.BackupFrequency,
            ["BackupTime"] = rule.BackupTime,
            ["BackupMethod"] = rule.BackupMethod,
            ["ActiveWeekdays"] = rule.ActiveWeekdays,
            ["LongTermInterval"] = rule.LongTermInterval,
            ["LongTermActiveDays"] = rule.LongTermActiveDays,
            ["LongTermExpiredDays"] = rule.LongTermExpiredDays,
            ["OplogExpiredDays"] = rule.OplogExpiredDays,
            ["BackupVersion"] = rule.BackupVersion,
            ["BackupTotalSize"] = new JsonObject { ["SnapshotSize"] = snapshot, ["OplogSize"] = oplog, ["FreeQuota"] = freeQuota },
            ["AlertThreshold"] = rule.AlertThreshold,
        };
    }
}
