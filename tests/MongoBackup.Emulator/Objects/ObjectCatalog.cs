using MongoBackup.Emulator.Data;

namespace MongoBackup.Emulator.Objects;

public sealed record StoredObject(ObjectKey Key, long Size, DateTime LastModified);

/// <summary>Which files exist: one per replica set of every finished recent backup, of every seeded task's backup
/// (whether or not a task still exists — links stay valid across a reset) and of the scale instance's backups.</summary>
public sealed class ObjectCatalog
{
    private readonly Store store;
    private readonly Dictionary<(string, string, string), DownloadTask> seeded;

    public ObjectCatalog(Store store)
    {
        this.store = store;
        seeded = new Dictionary<(string, string, string), DownloadTask>();
        foreach (var task in store.SeededTasks) seeded.TryAdd((task.InstanceId, task.BackupName, task.ReplicaSetId), task);
    }

    public StoredObject? Find(ObjectKey key)
    {
        var instance = store.FindInstanceInBucket(key.InstanceId, key.Bucket);
        if (instance is null) return null;
        var shard = instance.ReplicaSets.ToList().FindIndex(r => r.ReplicaSetId == key.ReplicaSetId);
        if (shard < 0) return null;

        var backups = store.BackupsOf(instance.InstanceId);
        var backup = backups.FirstOrDefault(b => b.Listed && b.BackupName == key.BackupName && b.Status == 2);
        if (backup is not null) return FromBackup(key, backup, shard);
        if (seeded.TryGetValue((key.InstanceId, key.BackupName, key.ReplicaSetId), out var task))
            return task.Extension == key.Extension ? new StoredObject(key, task.BackupSize, task.CreateTime) : null;
        // An older backup with no stored task (the scale instance's, whose tasks are computed).
        backup = backups.FirstOrDefault(b => !b.Listed && b.BackupName == key.BackupName && b.Status == 2);
        return backup is null ? null : FromBackup(key, backup, shard);
    }

    private static StoredObject? FromBackup(ObjectKey key, DbBackup backup, int shard) =>
        Extension(backup.BackupMethod) == key.Extension ? new StoredObject(key, backup.ShardBytes[shard], backup.EndTime) : null;

    public static string Extension(int backupMethod) => backupMethod == 1 ? ".xb" : ".tar";
}
