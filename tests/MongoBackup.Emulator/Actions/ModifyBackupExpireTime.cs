using System.Text.Json.Nodes;
using MongoBackup.Emulator.Api;
using MongoBackup.Emulator.Data;

namespace MongoBackup.Emulator.Actions;

/// <summary>Sets the expiry (DescribeDBBackups' DeleteTime) of backups. Our reading of FailedBackups: an id that is not a
/// backup DescribeDBBackups lists for the instance is reported there, and the others change. ExpireTime must be later
/// than now (an expiry in the past would be a delete).</summary>
public sealed class ModifyBackupExpireTime(Store store) : IApiAction
{
    public string Name => "ModifyBackupExpireTime";

    public IReadOnlyCollection<string> Parameters { get; } = ["InstanceId", "ExpireTime", "BackupIds"];

    public JsonObject Execute(Params p, ApiCall call)
    {
        var instance = p.RequireInstance(store, call);
        var expire = p.Time("ExpireTime") ?? throw ApiException.Missing("ExpireTime");
        if (expire <= BeijingTime.From(call.Now)) throw ApiException.Invalid("ExpireTime", "it must be later than now");
        var ids = p.IntegerArray("BackupIds") ?? throw ApiException.Missing("BackupIds");
        if (ids.Count == 0) throw ApiException.Invalid("BackupIds", "expected at least one backup id");
        var listed = store.ListedBackupsOf(instance.InstanceId, call.Now).Select(b => b.BackId).ToHashSet();
        var failed = new JsonArray();
        foreach (var id in ids.Distinct())
        {
            if (listed.Contains(id)) store.SetExpireTime(id, expire);
            else failed.Add(id);
        }
        return new JsonObject { ["FailedBackups"] = failed };
    }
}
