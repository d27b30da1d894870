using MongoBackup.Emulator.Api;
using MongoBackup.Emulator.Data;

namespace MongoBackup.Emulator.Objects;

/// <summary>The Url of a task: "" unless it is downloaded (Status 2); freshly signed on every answer.</summary>
public sealed class TaskLinks(CosPresigner cos, LinkSigner signer)
{
    public string UrlFor(DownloadTask task, TaskState state, ApiCall call) =>
        state.Status != 2 ? "" : task.UrlStyle switch
        {
            UrlStyle.Cos => cos.Presign(task, call.Now),
            _ => signer.Url(call.BaseUrl, KeyOf(task), call.Now),
        };

    public static ObjectKey KeyOf(DownloadTask task) =>
        new(task.Bucket, task.InstanceId, task.BackupName, task.ReplicaSetId, task.Extension);
}
