using System.Text.Json.Nodes;
using MongoBackup.Emulator.Api;
using MongoBackup.Emulator.Data;
using MongoBackup.Emulator.Objects;

namespace MongoBackup.Emulator.Actions;

/// <summary>Lists an instance's backup download tasks with filters, a total and stable order, and paging.
/// Offset is a page index (skips Offset × Limit tasks) under <c>--offset-mode pages</c>, the default, as the current
/// documentation describes it, or an item offset under <c>--offset-mode items</c>.</summary>
public sealed class DescribeBackupDownloadTask(Store store, TaskLinks links, EmulatorOptions options) : IApiAction
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
        // Our reading of the documented InvalidParameterValue.BackupFileNotFound: a BackupName that no backup of the
        // instance has (the store's backups of any date, not only DescribeDBBackups' 7 days).
        if (backupName is not null && !store.HasBackup(instance.InstanceId, backupName))
            throw new ApiException("InvalidParameterValue.BackupFileNotFound", $"The backup file `{backupName}` of {instance.InstanceId} does not exist.");

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
            .ThenBy(v => v.Task.Sequence)
            .ToList();

        // The scale instance's computed tasks are all older (created and finished) than any created at run time, so in
        // either direction they form one block after (desc) or before (asc) the stored ones, in index order.
        var scale = store.Scale is { } s && s.Instance.InstanceId == instance.InstanceId ? s : null;
        var computed = scale?.Select(backupName, statuses, start, end);
        var computedCount = computed?.Count ?? 0;
        var total = ordered.Count + computedCount;
        TaskView At(long position)
        {
            if (scale is null || computed is null) return ordered[(int)position];
            long? index = ascending
                ? (position < computedCount ? computed.IndexAt(position) : null)
                : (position >= ordered.Count ? computed.IndexAt(computedCount - 1 - (position - ordered.Count)) : null);
            if (index is null) return ordered[(int)(ascending ? position - computedCount : position)];
            var task = scale.TaskAt(index.Value);
            return new TaskView(task, task.Progress.At(call.Now));
        }

        var page = new JsonArray();
        var skip = Skip(offset, limit, options.OffsetMode);
        for (var position = skip; position < total && position < skip + limit; position++) page.Add(ToJson(At(position), call));
        return new JsonObject { ["TotalCount"] = total, ["Tasks"] = page };
    }

    /// <summary>The tasks to skip: Offset pages of Limit tasks, or Offset tasks.</summary>
    public static long Skip(long offset, int limit, OffsetMode mode) => mode == OffsetMode.Pages ? offset * limit : offset;

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
