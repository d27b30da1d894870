using MongoBackup.Emulator.Api;
using MongoBackup.Emulator.Data;

namespace MongoBackup.Emulator.Objects;

/// <summary>The Url of a task: "" unless it is downloaded (Status 2); freshly signed on every answer.</summary>
public sealed class TaskLinks(CosPresigner cos)
{
    public string UrlFor(DownloadTask task, TaskState state, ApiCall call) =>
        state.Status != 2 ? "" : task.UrlStyle switch
        {
            UrlStyle.Cos => cos.Presign(task, call.Now),
            _ => throw new InvalidOperationException($"no link style {task.UrlStyle}"),
        };
}
