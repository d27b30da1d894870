using System;
using System.Collections.Generic;
using System.Linq;
using MongoBackup.Client;

namespace MongoBackup
{
    /// <summary>A TencentDB for MongoDB instance, as DescribeDBInstances returns it (the fields the module uses and shows).</summary>
    public sealed class Instance
    {
        public string InstanceId { get; set; }
        public string InstanceName { get; set; }
        public ClusterType ClusterType { get; set; }
        public InstanceStatus Status { get; set; }
        public string Region { get; set; }
        public string Zone { get; set; }
        public long ProjectId { get; set; }
        public string MongoVersion { get; set; }
        /// <summary>Memory in MB.</summary>
        public long Memory { get; set; }
        /// <summary>Disk in MB.</summary>
        public long Volume { get; set; }
        public long CpuNum { get; set; }
        public long ReplicationSetNum { get; set; }
        public long SecondaryNum { get; set; }
        public string MachineType { get; set; }
        public string VpcId { get; set; }
        public string SubnetId { get; set; }
        public string Vip { get; set; }
        public long Vport { get; set; }
        public long PayMode { get; set; }
        public DateTimeOffset? CreateTime { get; set; }
        public DateTimeOffset? DeadLine { get; set; }
        /// <summary>The replica sets (shards of a sharded cluster; one for a replica-set instance).</summary>
        public ReplicaSetInfo[] ReplicaSets { get; set; }
        public TagInfo[] Tags { get; set; }

        internal static Instance FromJson(JsonObject json) => new Instance
        {
            InstanceId = json.GetString("InstanceId"),
            InstanceName = json.GetString("InstanceName"),
            ClusterType = (ClusterType)json.GetInt32("ClusterType"),
            Status = (InstanceStatus)json.GetInt32("Status"),
            Region = json.GetString("Region"),
            Zone = json.GetString("Zone"),
            ProjectId = json.GetInt64("ProjectId"),
            MongoVersion = json.GetString("MongoVersion"),
            Memory = json.GetInt64("Memory"),
            Volume = json.GetInt64("Volume"),
            CpuNum = json.GetInt64("CpuNum"),
            ReplicationSetNum = json.GetInt64("ReplicationSetNum"),
            SecondaryNum = json.GetInt64("SecondaryNum"),
            MachineType = json.GetString("MachineType"),
            VpcId = json.GetString("VpcId"),
            SubnetId = json.GetString("SubnetId"),
            Vip = json.GetString("Vip"),
            Vport = json.GetInt64("Vport"),
            PayMode = json.GetInt64("PayMode"),
            CreateTime = json.GetBeijingTime("CreateTime"),
            DeadLine = json.GetBeijingTime("DeadLine"),
            ReplicaSets = json.GetObjectArray("ReplicaSets").Select(ReplicaSetInfo.FromJson).ToArray(),
            Tags = json.GetObjectArray("Tags").Select(TagInfo.FromJson).ToArray(),
        };
    }

    /// <summary>One replica set (a shard of a sharded cluster).</summary>
    public sealed class ReplicaSetInfo
    {
        public string ReplicaSetId { get; set; }
        public string ReplicaSetName { get; set; }
        /// <summary>Memory in MB.</summary>
        public long Memory { get; set; }
        /// <summary>Disk in MB.</summary>
        public long Volume { get; set; }
        /// <summary>Disk used, in MB.</summary>
        public long UsedVolume { get; set; }
        /// <summary>Oplog size in MB.</summary>
        public long OplogSize { get; set; }
        public long SecondaryNum { get; set; }

        internal static ReplicaSetInfo FromJson(JsonObject json) => new ReplicaSetInfo
        {
            ReplicaSetId = json.GetString("ReplicaSetId"),
            ReplicaSetName = json.GetString("ReplicaSetName"),
            Memory = json.GetInt64("Memory"),
            Volume = json.GetInt64("Volume"),
            UsedVolume = json.GetInt64("UsedVolume"),
            OplogSize = json.GetInt64("OplogSize"),
            SecondaryNum = json.GetInt64("SecondaryNum"),
        };

        public override string ToString() => ReplicaSetId;
    }

    /// <summary>A resource tag.</summary>
    public sealed class TagInfo
    {
        public string TagKey { get; set; }
        public string TagValue { get; set; }

        internal static TagInfo FromJson(JsonObject json) => new TagInfo { TagKey = json.GetString("TagKey"), TagValue = json.GetString("TagValue") };

        public override string ToString() => TagKey + "=" + TagValue;
    }
}
