using System.Text.Json;
using System.Text.Json.Nodes;
using MongoBackup.Emulator.Api;
using MongoBackup.Emulator.Data;

namespace MongoBackup.Emulator.Actions;

/// <summary>Rolls collections of an instance back to a point in time: a flow of --restore-seconds that
/// DescribeAsyncRequestInfo reports under its FlowId, after which every NewCollection exists. RestoreTime must lie in the
/// backup retention: not before now minus the rule's BackupSaveTime days, nor before the RestoreTime of the oldest
/// succeeded backup DescribeDBBackups lists, nor in the future. Every Db and OldCollection must exist, and every database
/// must list its collections. Errors: InvalidParameter.InvalidParameter, the code the documentation lists.</summary>
public sealed class RestoreDBInstance(Store store) : IApiAction
{
    public string Name => "RestoreDBInstance";

    public IReadOnlyCollection<string> Parameters { get; } = ["InstanceId", "RestoreTime", "Databases"];

    public JsonObject Execute(Params p, ApiCall call)
    {
        var instance = p.RequireInstance(store, call);
        var restoreTime = p.Time("RestoreTime") ?? throw ApiException.Missing("RestoreTime");
        var databases = p.ObjectArray("Databases") ?? throw ApiException.Missing("Databases");
        if (databases.Count == 0) throw Bad("Databases", "list at least one database with its collections");

        var now = BeijingTime.From(call.Now);
        if (restoreTime > now) throw Bad("RestoreTime", $"{BeijingTime.ToText(restoreTime)} is in the future");
        var earliest = store.EarliestRestoreTime(instance, call.Now)
            ?? throw Bad("RestoreTime", $"{instance.InstanceId} has no backup to restore from");
        if (restoreTime < earliest)
            throw Bad("RestoreTime", $"it must lie within the backup retention, from {BeijingTime.ToText(earliest)} to now");

        var namespaces = store.NamespacesOf(instance, call.Now).ToDictionary(n => n.Db, n => n.Collections, StringComparer.Ordinal);
        var writes = new List<(string, string)>();
        for (var n = 0; n < databases.Count; n++)
        {
            var database = new Params(databases[n], ["Db", "Collections"], $"Databases.{n}.");
            var db = database.OptionalText("Db") ?? throw ApiException.Missing($"Databases.{n}.Db");
            if (!namespaces.TryGetValue(db, out var existing)) throw Bad($"Databases.{n}.Db", $"`{db}` is not a database of {instance.InstanceId}");
            var collections = database.ObjectArray("Collections") ?? throw ApiException.Missing($"Databases.{n}.Collections");
            if (collections.Count == 0) throw Bad($"Databases.{n}.Collections", "list the collections to restore");
            for (var m = 0; m < collections.Count; m++)
            {
                var prefix = $"Databases.{n}.Collections.{m}.";
                var collection = new Params(collections[m], ["OldCollection", "NewCollection"], prefix);
                var old = collection.OptionalText("OldCollection") ?? throw ApiException.Missing(prefix + "OldCollection");
                var renamed = collection.OptionalText("NewCollection") ?? throw ApiException.Missing(prefix + "NewCollection");
                if (!existing.Contains(old)) throw Bad(prefix + "OldCollection", $"`{old}` is not a collection of {db}");
                writes.Add((db, renamed));
            }
        }
        var flow = store.Restore(instance, writes, call.Now);
        return new JsonObject { ["FlowId"] = flow.Id };
    }

    private static ApiException Bad(string name, string expectation) =>
        new("InvalidParameter.InvalidParameter", $"The value of parameter `{name}` is invalid: {expectation}.");
}
