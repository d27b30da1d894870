using System.Text.Json.Nodes;
using MongoBackup.Emulator.Api;
using MongoBackup.Emulator.Data;

namespace MongoBackup.Emulator.Actions;

/// <summary>Creates one download task per requested replica set of a finished backup. The tasks then move
/// Waiting → Downloading → Downloaded (or Failed, for the backup configured to fail) over --task-seconds.</summary>
public sealed class CreateBackupDownloadTask(Store store, EmulatorOptions options) : IApiAction
{
    public string Name => "CreateBackupDownloadTask";

    public IReadOnlyCollection<string> Parameters { get; } = ["InstanceId", "BackupName", "BackupSets"];

    public JsonObject Execute(Params p, ApiCall call)
    {
        var instance = p.RequireInstance(store, call);
        var backupName = p.RequiredString("BackupName");
        var sets = p.ObjectArray("BackupSets") ?? throw ApiException.Missing("BackupSets");
        if (sets.Count == 0) throw ApiException.Invalid("BackupSets", "expected at least one {\"ReplicaSetId\": ...}");
        var replicaSetIds = new List<string>();
        for (var n = 0; n < sets.Count; n++)
        {
            var id = new Params(sets[n], ["ReplicaSetId"], $"BackupSets.{n}.").RequiredString("ReplicaSetId");
            if (!instance.HasReplicaSet(id))
                throw ApiException.Invalid($"BackupSets.{n}.ReplicaSetId", $"`{id}` is not a replica set of {instance.InstanceId}");
            if (replicaSetIds.Contains(id)) throw ApiException.Invalid($"BackupSets.{n}.ReplicaSetId", $"`{id}` is listed twice");
            replicaSetIds.Add(id);
        }

        var backup = store.ListedBackupsOf(instance.InstanceId, call.Now).FirstOrDefault(b => b.BackupName == backupName)
            ?? throw new ApiException("InvalidParameterValue.BackupFileNotFound", $"The backup file `{backupName}` of {instance.InstanceId} does not exist.");
        if (backup.Status != 2)
            throw ApiException.Invalid("BackupName", $"the backup `{backupName}` is still running");

        var created = BeijingTime.From(call.Now);
        created = created.AddTicks(-(created.Ticks % TimeSpan.TicksPerSecond));
        var tasks = new JsonArray();
        foreach (var id in replicaSetIds)
        {
            var shard = instance.ReplicaSets.ToList().FindIndex(r => r.ReplicaSetId == id);
            var task = store.AddTask(sequence => new DownloadTask
            {
                Sequence = sequence, InstanceId = instance.InstanceId, BackupName = backup.BackupName, ReplicaSetId = id,
                BackupSize = backup.ShardBytes[shard], BackupMethod = backup.BackupMethod, BackupDesc = backup.BackupDesc,
                Region = instance.Region, Bucket = instance.Bucket, CreateTime = created,
                Progress = new TimedProgress(call.Now, options.TaskSeconds, backup.FailsDownload), UrlStyle = UrlStyle.Emulator,
            });
            tasks.Add(new JsonObject { ["ReplicaSetId"] = id, ["Status"] = task.Progress.At(call.Now).Status });
        }
        return new JsonObject { ["Tasks"] = tasks };
    }
}
