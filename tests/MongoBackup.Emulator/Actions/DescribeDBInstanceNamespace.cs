using System.Text.Json.Nodes;
using MongoBackup.Emulator.Api;
using MongoBackup.Emulator.Data;

namespace MongoBackup.Emulator.Actions;

/// <summary>The databases of an instance, or with DbName that database's collections (seeded per instance, plus the
/// collections that succeeded restores wrote).</summary>
public sealed class DescribeDBInstanceNamespace(Store store) : IApiAction
{
    public string Name => "DescribeDBInstanceNamespace";

    public IReadOnlyCollection<string> Parameters { get; } = ["InstanceId", "DbName"];

    public JsonObject Execute(Params p, ApiCall call)
    {
        var instance = p.RequireInstance(store, call);
        var dbName = p.OptionalText("DbName");
        var namespaces = store.NamespacesOf(instance, call.Now);
        if (dbName is null)
            return new JsonObject { ["Databases"] = Strings(namespaces.Select(n => n.Db)), ["Collections"] = new JsonArray() };
        var match = namespaces.FirstOrDefault(n => n.Db == dbName);
        if (match.Db is null)
            throw new ApiException("InvalidParameter", $"The value of parameter `DbName` is invalid: `{dbName}` is not a database of {instance.InstanceId}.");
        return new JsonObject { ["Databases"] = Strings([dbName]), ["Collections"] = Strings(match.Collections) };
    }

    private static JsonArray Strings(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode)JsonValue.Create(i)!)]);
}
