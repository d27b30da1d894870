using System.Collections.Generic;
using System.Linq;
using MongoBackup.Client;

namespace MongoBackup.Api
{
    internal sealed class InstanceQuery
    {
        public IReadOnlyList<string> InstanceIds { get; set; }
        public InstanceTypeFilter? InstanceType { get; set; }
        public ClusterType? ClusterType { get; set; }
        public IReadOnlyList<InstanceStatus> Status { get; set; }
        public IReadOnlyList<long> ProjectIds { get; set; }
        public string SearchKey { get; set; }
        public string VpcId { get; set; }
        public string SubnetId { get; set; }
        public InstanceOrderBy? OrderBy { get; set; }
        public SortOrder? OrderByType { get; set; }
    }

    /// <summary>
    /// DescribeDBInstances: the instances of a region. Offset counts items; Limit is documented as (1,100], so it is
    /// never 1 (a window of one item is asked for with Limit 2).
    /// </summary>
    internal sealed class DescribeDBInstances : ListAction<InstanceQuery, Instance>
    {
        public static readonly DescribeDBInstances Action = new DescribeDBInstances();

        private DescribeDBInstances() : base(MongoDb.Read("DescribeDBInstances"), "InstanceDetails", minLimit: 2) { }

        public override JsonObject Write(InstanceQuery query)
        {
            var body = new JsonObject();
            if (query.InstanceIds != null && query.InstanceIds.Count > 0) body["InstanceIds"] = query.InstanceIds.Distinct().Cast<object>().ToList();
            if (query.InstanceType.HasValue) body["InstanceType"] = (long)query.InstanceType.Value;
            body["ClusterType"] = query.ClusterType.HasValue ? (long)query.ClusterType.Value : -1L;
            if (query.Status != null && query.Status.Count > 0) body["Status"] = query.Status.Distinct().Select(s => (object)(long)s).ToList();
            if (query.ProjectIds != null && query.ProjectIds.Count > 0) body["ProjectIds"] = query.ProjectIds.Distinct().Cast<object>().ToList();
            if (query.SearchKey != null) body["SearchKey"] = query.SearchKey;
            if (query.VpcId != null) body["VpcId"] = query.VpcId;
            if (query.SubnetId != null) body["SubnetId"] = query.SubnetId;
            if (query.OrderBy.HasValue) body["OrderBy"] = query.OrderBy.Value.ToString();
            if (query.OrderByType.HasValue) body["OrderByType"] = query.OrderByType == SortOrder.Asc ? "ASC" : "DESC";
            return body;
        }

        public override Instance ReadItem(JsonObject json, InstanceQuery query, string region) => new Instance
        {
            InstanceId = json.GetString("InstanceId"),
            InstanceName = json.GetString("InstanceName"),
            ClusterType = (ClusterType)json.GetInt32("ClusterType"),
            InstanceType = (InstanceType)json.GetInt32("InstanceType"),
            Status = (InstanceStatus)json.GetInt32("Status"),
            Region = json.GetString("Region"),
            Zone = json.GetString("Zone"),
            ProjectId = json.GetInt64("ProjectId"),
            MongoVersion = json.GetString("MongoVersion"),
            Memory = json.GetInt64("Memory"),
            Volume = json.GetInt64("Volume"),
            UsedVolume = json.GetInt64("UsedVolume"),
            CpuNum = json.GetInt64("CpuNum"),
            ReplicationSetNum = json.GetInt64("ReplicationSetNum"),
            SecondaryNum = json.GetInt64("SecondaryNum"),
            MachineType = json.GetString("MachineType"),
            VpcId = json.GetString("VpcId"),
            SubnetId = json.GetString("SubnetId"),
            Vip = json.GetString("Vip"),
            Vport = json.GetInt64("Vport"),
            PayMode = (PayMode)json.GetInt32("PayMode"),
            CreateTime = json.GetBeijingTime("CreateTime"),
            DeadLine = json.GetBeijingTime("DeadLine"),
            ReplicaSets = json.GetObjectArray("ReplicaSets").Select(ReadReplicaSet).ToArray(),
            Tags = json.GetObjectArray("Tags").Select(t => new TagInfo { TagKey = t.GetString("TagKey"), TagValue = t.GetString("TagValue") }).ToArray(),
            RealInstanceId = json.GetString("RealInstanceId"),
            RequestRegion = region,
        };

        public override string Identity(Instance instance) => instance.InstanceId;

        private static ReplicaSetInfo ReadReplicaSet(JsonObject json) => new ReplicaSetInfo
        {
            ReplicaSetId = json.GetString("ReplicaSetId"),
            ReplicaSetName = json.GetString("ReplicaSetName"),
            Memory = json.GetInt64("Memory"),
            Volume = json.GetInt64("Volume"),
            UsedVolume = json.GetInt64("UsedVolume"),
            OplogSize = json.GetInt64("OplogSize"),
            SecondaryNum = json.GetInt64("SecondaryNum"),
            RealReplicaSetId = json.GetString("RealReplicaSetId"),
        };
    }
}
