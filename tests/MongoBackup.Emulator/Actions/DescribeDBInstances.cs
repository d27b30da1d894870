using System.Text.Json;
using System.Text.Json.Nodes;
using MongoBackup.Emulator.Api;
using MongoBackup.Emulator.Data;

namespace MongoBackup.Emulator.Actions;

/// <summary>Lists instances with the reference's filters, a total order (tie-break InstanceId) and paging.
/// Only the instances of the request's region (X-TC-Region) exist.</summary>
public sealed class DescribeDBInstances(Store store) : IApiAction
{
    public string Name => "DescribeDBInstances";

    public IReadOnlyCollection<string> Parameters { get; } =
    [
        "InstanceIds", "InstanceType", "ClusterType", "Status", "VpcId", "SubnetId", "PayMode", "Limit", "Offset",
        "OrderBy", "OrderByType", "ProjectIds", "SearchKey", "Tags",
    ];

    private static readonly long[] InstanceTypes = [0, 1, 2, 3, -1];
    private static readonly long[] Statuses = [0, 1, 2, -2, -3];

    public JsonObject Execute(Params p, ApiCall call)
    {
        var ids = p.StringArray("InstanceIds") ?? [];
        foreach (var (id, index) in ids.Select((id, index) => (id, index)))
            if (!InstanceParameter.Format().IsMatch(id))
                throw ApiException.Invalid($"InstanceIds.{index}", "expected `cmgo-` followed by 8 lower-case letters or digits");
        var instanceType = p.Integer("InstanceType") ?? 0;
        if (!InstanceTypes.Contains(instanceType)) throw ApiException.Invalid("InstanceType", "expected 0, 1, 2, 3 or -1");
        var clusterType = p.IntegerInRange("ClusterType", -1, -1, 1);
        var statuses = p.IntegerArray("Status") ?? [];
        if (statuses.Any(s => !Statuses.Contains(s))) throw ApiException.Invalid("Status", "each status must be 0, 1, 2, -2 or -3");
        var vpcId = p.OptionalText("VpcId");
        var subnetId = p.OptionalText("SubnetId");
        var payMode = p.Has("PayMode") ? p.IntegerInRange("PayMode", 0, 0, 1) : (long?)null;
        // The documented range is (1,100]: 1 itself is refused.
        var requestedLimit = p.Integer("Limit") ?? 20;
        if (requestedLimit is <= 1 or > 100) throw ApiException.Invalid("Limit", "expected an integer in (1,100], that is from 2 to 100");
        var limit = (int)requestedLimit;
        var offset = (int)p.IntegerInRange("Offset", 0, 0, int.MaxValue);
        var orderBy = p.Choice("OrderBy", "CreateTime", "ProjectId", "InstanceName", "CreateTime");
        var ascending = p.Choice("OrderByType", "DESC", "ASC", "DESC") == "ASC";
        var projects = p.IntegerArray("ProjectIds") ?? [];
        var searchKey = p.OptionalText("SearchKey");
        var tags = Tags(p.ObjectArray("Tags") ?? []);

        var matches = store.InstanceList
            .Where(i => i.Region == call.Region)
            .Where(i => ids.Count == 0 || ids.Contains(i.InstanceId))
            .Where(i => instanceType switch { 0 => true, -1 => i.InstanceType is 1 or 3 or 4, _ => i.InstanceType == instanceType })
            .Where(i => clusterType == -1 || i.ClusterType == clusterType)
            .Where(i => statuses.Count == 0 || statuses.Contains(i.Status))
            .Where(i => vpcId is null || i.VpcId == vpcId)
            .Where(i => subnetId is null || i.SubnetId == subnetId)
            .Where(i => payMode is null || i.PayMode == payMode)
            .Where(i => projects.Count == 0 || projects.Contains(i.ProjectId))
            .Where(i => searchKey is null || i.InstanceId.Contains(searchKey, StringComparison.OrdinalIgnoreCase)
                                          || i.InstanceName.Contains(searchKey, StringComparison.OrdinalIgnoreCase))
            .Where(i => tags.All(t => i.Tags.Any(own => own.TagKey == t.Key && (t.Value is null || own.TagValue == t.Value))))
            .ToList();

        IOrderedEnumerable<Instance> ordered = orderBy switch
        {
            "ProjectId" => Sort(matches, i => i.ProjectId, Comparer<int>.Default, ascending),
            "InstanceName" => Sort(matches, i => i.InstanceName, StringComparer.OrdinalIgnoreCase, ascending),
            _ => Sort(matches, i => i.CreateTime, Comparer<DateTime>.Default, ascending),
        };
        var page = new JsonArray([.. ordered.ThenBy(i => i.InstanceId, StringComparer.Ordinal).Skip(offset).Take(limit).Select(i => (JsonNode)InstanceJson.From(i))]);
        return new JsonObject { ["TotalCount"] = matches.Count, ["InstanceDetails"] = page };
    }

    private static IOrderedEnumerable<Instance> Sort<T>(List<Instance> list, Func<Instance, T> key, IComparer<T> comparer, bool ascending) =>
        ascending ? list.OrderBy(key, comparer) : list.OrderByDescending(key, comparer);

    /// <summary>Tag filters: a key, and a value unless TagValue is absent (then any value matches).</summary>
    private static List<(string Key, string? Value)> Tags(IReadOnlyList<JsonElement> items)
    {
        var tags = new List<(string, string?)>();
        for (var n = 0; n < items.Count; n++)
        {
            var item = new Params(items[n], ["TagKey", "TagValue"], $"Tags.{n}.");
            tags.Add((item.RequiredString("TagKey"), item.String("TagValue")));
        }
        return tags;
    }
}
