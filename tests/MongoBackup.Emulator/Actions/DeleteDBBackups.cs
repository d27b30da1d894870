using System.Text.Json.Nodes;
using MongoBackup.Emulator.Api;
using MongoBackup.Emulator.Data;

namespace MongoBackup.Emulator.Actions;

/// <summary>Deletes full backups by BackId: every id must be a succeeded backup DescribeDBBackups lists for the instance
/// (else InvalidParameterValue naming it, and nothing is deleted). Deleted backups are listed no more.</summary>
public sealed class DeleteDBBackups(Store store) : IApiAction
{
    public string Name => "DeleteDBBackups";

    public IReadOnlyCollection<string> Parameters { get; } = ["InstanceId", "BackupIds"];

    public JsonObject Execute(Params p, ApiCall call)
    {
        var instance = p.RequireInstance(store, call);
        var ids = p.IntegerArray("BackupIds") ?? throw ApiException.Missing("BackupIds");
        if (ids.Count == 0) throw ApiException.Invalid("BackupIds", "expected at least one backup id");
        var listed = store.ListedBackupsOf(instance.InstanceId, call.Now).ToDictionary(b => b.BackId);
        for (var i = 0; i < ids.Count; i++)
        {
            if (!listed.TryGetValue(ids[i], out var backup))
                throw ApiException.Invalid($"BackupIds.{i}", $"{ids[i]} is not a backup of {instance.InstanceId}");
            if (backup.Status != 2) throw ApiException.Invalid($"BackupIds.{i}", $"the backup {ids[i]} is still running");
        }
        store.DeleteBackups(ids);
        return new JsonObject();
    }
}
