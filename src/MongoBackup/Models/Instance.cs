using System;

namespace MongoBackup
{
    /// <summary>A TencentDB for MongoDB instance, as DescribeDBInstances returns it (the fields the module uses and shows).</summary>
    public sealed class Instance
    {
        public string InstanceId { get; set; }
        public string InstanceName { get; set; }
        public ClusterType ClusterType { get; set; }
        /// <summary>Regular, Temporary (a clone being restored into), ReadOnly or DisasterRecovery.</summary>
        public InstanceType InstanceType { get; set; }
        public InstanceStatus Status { get; set; }
        public string Region { get; set; }
        public string Zone { get; set; }
        public long ProjectId { get; set; }
        public string MongoVersion { get; set; }
        /// <summary>Memory in MB.</summary>
        public long Memory { get; set; }
        /// <summary>Disk in MB.</summary>
        public long Volume { get; set; }
        /// <summary>Disk used, in MB.</summary>
        public long UsedVolume { get; set; }
        public long CpuNum { get; set; }
        public long ReplicationSetNum { get; set; }
        public long SecondaryNum { get; set; }
        public string MachineType { get; set; }
        public string VpcId { get; set; }
        public string SubnetId { get; set; }
        public string Vip { get; set; }
        public long Vport { get; set; }
        public PayMode PayMode { get; set; }
        public DateTimeOffset? CreateTime { get; set; }
        public DateTimeOffset? DeadLine { get; set; }
        /// <summary>The replica sets (shards of a sharded cluster; one for a replica-set instance).</summary>
        public ReplicaSetInfo[] ReplicaSets { get; set; }
        public TagInfo[] Tags { get; set; }
        /// <summary>The physical instance ID: differs from InstanceId for an instance that was rolled back and replaced.</summary>
        public string RealInstanceId { get; set; }
        /// <summary>The region the instance was read from (not an API field; the same as Region).</summary>
        public string RequestRegion { get; set; }
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
        /// <summary>The physical replica-set ID.</summary>
        public string RealReplicaSetId { get; set; }

        public override string ToString() => ReplicaSetId;
    }

    /// <summary>A resource tag.</summary>
    public sealed class TagInfo
    {
        public string TagKey { get; set; }
        public string TagValue { get; set; }

        public override string ToString() => TagKey + "=" + TagValue;
    }
}
