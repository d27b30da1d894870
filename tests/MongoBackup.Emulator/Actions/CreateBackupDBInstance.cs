using System.Text.Json.Nodes;
using MongoBackup.Emulator.Api;
using MongoBackup.Emulator.Data;

namespace MongoBackup.Emulator.Actions;

/// <summary>Starts a manual backup as an async request (initial → running → success over --backup-seconds, or failed
/// for an instance of --fail-backups-of). The backup shows in DescribeDBBackups as running while the request runs, and
/// succeeded once it has (as of --backup-list-lag-seconds ago).</summary>
public sealed class CreateBackupDBInstance(Store store) : IApiAction
{
    public string Name => "CreateBackupDBInstance";

    public IReadOnlyCollection<string> Parameters { get; } = ["InstanceId", "BackupMethod", "BackupRemark", "BackupRetentionDays"];

    public JsonObject Execute(Params p, ApiCall call)
    {
        var instance = p.RequireInstance(store, call);
        var method = p.Integer("BackupMethod") ?? throw ApiException.Missing("BackupMethod");
        // The documentation: general-purpose instances back up logically or physically, cloud-disk instances physically
        // or by snapshot. Every emulated instance is general-purpose.
        if (method == 3)
            throw ApiException.Invalid("BackupMethod", $"snapshot backups (3) need a cloud-disk instance; {instance.InstanceId} takes 0 (logical) or 1 (physical)");
        if (method is not (0 or 1)) throw ApiException.Invalid("BackupMethod", "expected 0 (logical), 1 (physical) or 3 (snapshot)");
        var remark = p.OptionalText("BackupRemark") ?? "";
        long? days = p.Has("BackupRetentionDays") ? p.IntegerInRange("BackupRetentionDays", 0, -2, 7300) : null;
        if (instance.Status != 2)
            throw new ApiException("InvalidParameterValue.IllegalInstanceStatus", $"The instance `{instance.InstanceId}` is not running (Status {instance.Status}); it cannot be backed up now.");
        var created = store.CreateBackup(instance, (int)method, remark, days, call.Now);
        return new JsonObject { ["AsyncRequestId"] = created.Flow.RequestId };
    }
}
