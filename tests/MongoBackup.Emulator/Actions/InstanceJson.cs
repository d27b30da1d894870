using System.Text.Json.Nodes;
using MongoBackup.Emulator.Data;

namespace MongoBackup.Emulator.Actions;

/// <summary>An InstanceDetail of DescribeDBInstances.</summary>
public static class InstanceJson
{
    public static JsonObject From(Instance i) => new()
    {
        ["InstanceId"] = i.InstanceId,
        ["InstanceName"] = i.InstanceName,
        ["PayMode"] = i.PayMode,
        ["ProjectId"] = i.ProjectId,
        ["ClusterType"] = i.ClusterType,
        ["Region"] = i.Region,
        ["Zone"] = i.Zone,
        ["NetType"] = 1,
        ["VpcId"] = i.VpcId,
        ["SubnetId"] = i.SubnetId,
        ["Status"] = i.Status,
        ["Vip"] = i.Vip,
        ["Vport"] = 27017,
        ["CreateTime"] = BeijingTime.ToText(i.CreateTime),
        ["DeadLine"] = i.PayMode == 1 ? BeijingTime.ToText(i.CreateTime.AddYears(5)) : "0000-00-00 00:00:00",
        ["MongoVersion"] = i.MongoVersion,
        ["Memory"] = i.Memory,
        ["Volume"] = i.Volume,
        ["CpuNum"] = i.CpuNum,
        ["MachineType"] = "HIO10G",
        ["SecondaryNum"] = i.SecondaryNum,
        ["ReplicationSetNum"] = i.ReplicationSetNum,
        ["AutoRenewFlag"] = i.PayMode == 1 ? 1 : 0,
        ["UsedVolume"] = i.ReplicaSets.Sum(r => r.UsedVolume),
        ["MaintenanceStart"] = "02:00",
        ["MaintenanceEnd"] = "06:00",
        ["ReplicaSets"] = new JsonArray([.. i.ReplicaSets.Select(ReplicaSet)]),
        ["ReadonlyInstances"] = new JsonArray(),
        ["StandbyInstances"] = new JsonArray(),
        ["CloneInstances"] = new JsonArray(),
        ["RelatedInstance"] = new JsonObject(),
        ["Tags"] = new JsonArray([.. i.Tags.Select(t => (JsonNode)new JsonObject { ["TagKey"] = t.TagKey, ["TagValue"] = t.TagValue })]),
        ["InstanceVer"] = 3,
        ["ClusterVer"] = 1,
        ["Protocol"] = 3,
        ["InstanceType"] = i.InstanceType,
        ["InstanceStatusDesc"] = "",
        ["RealInstanceId"] = i.InstanceId,
    };

    private static JsonNode ReplicaSet(ReplicaSet r) => new JsonObject
    {
        ["UsedVolume"] = r.UsedVolume,
        ["ReplicaSetId"] = r.ReplicaSetId,
        ["ReplicaSetName"] = r.ReplicaSetName,
        ["Memory"] = r.Memory,
        ["Volume"] = r.Volume,
        ["OplogSize"] = r.OplogSize,
        ["SecondaryNum"] = r.SecondaryNum,
        ["RealReplicaSetId"] = r.ReplicaSetId,
    };
}
