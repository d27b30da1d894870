using System.Text.Json.Nodes;
using MongoBackup.Emulator.Api;
using MongoBackup.Emulator.Data;
using MongoBackup.Emulator.Objects;

namespace MongoBackup.Emulator.Actions;

/// <summary>Lists an instance's backup download tasks with filters, a total and stable order, and paging.</summary>
public sealed class DescribeBackupDownloadTask(Store store, TaskLinks links) : IApiAction
{
    public string Name => "DescribeBackupDownloadTask";

    public IReadOnlyCollection<string> Parameters { get; } =
        ["InstanceId", "BackupName", "StartTime", "EndTime", "Limit", "Offset", "OrderBy", "OrderByType", "Status"];

    public JsonObject Execute(Params p, ApiCall call)
    {
        var instance = p.RequireInstance(store, call);
        var backupName = p.OptionalText("BackupName");
        var start = p.Time("StartTime");
        var end = p.Time("EndTime");
        if (start > end) throw ApiException.Invalid("StartTime", "it must not be later than EndTime");
        var limit = (int)p.IntegerInRange("Limit", 20, 1, 100);
        var offset = (int)p.IntegerInRange("Offset", 0, 0, int.MaxValue);
        var byFinish = p.Choice("OrderBy", "createTime", "createTime", "finishTime") == "finishTime";
        var ascending = p.Choice("OrderByType", "desc", "asc", "desc") == "asc";
        var statuses = p.IntegerArray("Status") ?? [];
        if (statuses.Any(s => s is < 0 or > 4)) throw ApiException.Invalid("Status", "each status must be an integer from 0 to 4");

        var matches = store.TasksOf(instance.InstanceId)
            .Select(task => new TaskView(task, task.Progress.At(call.Now)))
            .Where(v => backupName is null || v.Task.BackupName == backupName)
            .Where(v => statuses.Count == 0 || statuses.Contains(v.State.Status))
            .Where(v => (start is null || (v.Task.CreateTime >= start && v.Finish >= start))
                     && (end is null || (v.Task.CreateTime <= end && v.Finish <= end)))
            .ToList();

        Func<TaskView, DateTime> key = byFinish ? v => v.Finish : v => v.Task.CreateTime;
        var ordered = (ascending ? matches.OrderBy(key) : matches.OrderByDescending(key))
            .ThenBy(v => v.Task.ReplicaSetId, StringComparer.Ordinal)
            .ThenBy(v => v.Task.BackupName, StringComparer.Ordinal)
            .ThenBy(v => v.Task.Sequence);

        var page = new JsonArray();
        foreach (var view in ordered.Skip(offset).Take(limit)) page.Add(ToJson(view, call));
        return new JsonObject { ["TotalCount"] = matches.Count, ["Tasks"] = page };
    }

    private sealed record TaskView(DownloadTask Task, TaskState State)
    {
        public DateTime Finish => Task.CreateTime.AddSeconds(State.TimeSpend);
    }

    private JsonObject ToJson(TaskView view, ApiCall call) => new()
    {
        ["CreateTime"] = BeijingTime.ToText(view.Task.CreateTime),
        ["BackupName"] = view.Task.BackupName,
        ["ReplicaSetId"] = view.Task.ReplicaSetId,
        ["BackupSize"] = view.Task.BackupSize,
        ["Status"] = view.State.Status,
        ["Percent"] = view.State.Percent,
        ["TimeSpend"] = view.State.TimeSpend,
        ["Url"] = links.UrlFor(view.Task, view.State, call),
        ["BackupMethod"] = view.Task.BackupMethod,
        ["BackupDesc"] = view.Task.BackupDesc,
        ["Region"] = view.Task.Region,
        ["Bucket"] = view.Task.Bucket,
    };
}
