using System.Text.Json.Nodes;
using MongoBackup.Emulator.Api;
using MongoBackup.Emulator.Data;

namespace MongoBackup.Emulator.Actions;

/// <summary>Lists an instance's backups of the last 7 days (not deleted, not expired), sizes in KB, in a shuffled order: the service documents no
/// order, so none is promised here either. The order is by a hash of (<c>--backup-order-seed</c>, BackId), then BackId:
/// the same on every call (so Offset/Limit pages partition it) and unchanged for the other backups when one is added,
/// removed or filtered out.</summary>
public sealed class DescribeDBBackups(Store store, EmulatorOptions options) : IApiAction
{
    public string Name => "DescribeDBBackups";

    public IReadOnlyCollection<string> Parameters { get; } = ["InstanceId", "BackupMethod", "Limit", "Offset"];

    private static readonly long[] Methods = [0, 1, 3];

    public JsonObject Execute(Params p, ApiCall call)
    {
        var instance = p.RequireInstance(store, call);
        var method = p.Integer("BackupMethod");
        if (method is not null && !Methods.Contains(method.Value)) throw ApiException.Invalid("BackupMethod", "expected 0 (logical), 1 (physical) or 3 (snapshot)");
        var limit = p.Has("Limit") ? (int)p.IntegerInRange("Limit", 100, 1, 100) : int.MaxValue;
        var offset = (int)p.IntegerInRange("Offset", 0, 0, int.MaxValue);

        var matches = store.ListedBackupsOf(instance.InstanceId, call.Now)
            .Where(b => method is null || b.BackupMethod == method)
            .OrderBy(b => OrderKey(options.BackupOrderSeed, b.BackId))
            .ThenBy(b => b.BackId)
            .ToList();
        var page = new JsonArray([.. matches.Skip(offset).Take(limit).Select(b => (JsonNode)ToJson(b))]);
        return new JsonObject { ["BackupList"] = page, ["TotalCount"] = matches.Count };
    }

    /// <summary>A backup's place in the shuffled order: SplitMix64 of the seed and the BackId alone.</summary>
    public static ulong OrderKey(long seed, long backId) =>
        new SplitMix64((ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)backId).Next();

    /// <summary>DeleteTime of a backup kept for ever (BackupRetentionDays -2): the API's zero date, our choice (the
    /// documentation does not say what it answers).</summary>
    public const string KeptForever = "0000-00-00 00:00:00";

    private static JsonObject ToJson(DbBackup b) => new()
    {
        ["InstanceId"] = b.InstanceId,
        ["BackupType"] = b.BackupType,
        ["BackupName"] = b.BackupName,
        ["BackupDesc"] = b.BackupDesc,
        ["BackupSize"] = b.SizeKb,
        ["StartTime"] = BeijingTime.ToText(b.StartTime),
        ["EndTime"] = b.Status == 2 ? BeijingTime.ToText(b.EndTime) : "",
        ["Status"] = b.Status,
        ["BackupMethod"] = b.BackupMethod,
        ["BackId"] = b.BackId,
        ["DeleteTime"] = b.DeleteTime is { } deleteTime ? BeijingTime.ToText(deleteTime) : KeptForever,
        ["BackupRegion"] = b.Region,
        ["RestoreTime"] = b.Status == 2 ? BeijingTime.ToText(b.EndTime) : "",
    };
}
