namespace MongoBackup.Emulator.Data;

public sealed record Tag(string TagKey, string TagValue);

public sealed record ReplicaSet(string ReplicaSetId, string ReplicaSetName, long Memory, long Volume, long UsedVolume, long OplogSize, int SecondaryNum);

/// <summary>A TencentDB for MongoDB instance (the fields DescribeDBInstances answers with).</summary>
public sealed record Instance
{
    public required string InstanceId { get; init; }
    public required string InstanceName { get; init; }
    public required int ClusterType { get; init; }          // 0 replica set, 1 sharded
    public required string Region { get; init; }
    public required string Zone { get; init; }
    public required int ProjectId { get; init; }
    public required string VpcId { get; init; }
    public required string SubnetId { get; init; }
    public int Status { get; init; } = 2;                   // 2 running
    public int InstanceType { get; init; } = 1;             // 1 regular
    public int PayMode { get; init; }                       // 0 pay as you go
    public required string MongoVersion { get; init; }
    public required long Memory { get; init; }              // MB
    public required long Volume { get; init; }              // MB
    public required int CpuNum { get; init; }
    public int SecondaryNum { get; init; } = 2;
    public required DateTime CreateTime { get; init; }      // Beijing
    public required IReadOnlyList<Tag> Tags { get; init; }
    public required IReadOnlyList<ReplicaSet> ReplicaSets { get; init; }
    public required string Vip { get; init; }
    /// <summary>Object-storage bucket the backup files of this instance are prepared in.</summary>
    public required string Bucket { get; init; }

    public int ReplicationSetNum => ReplicaSets.Count;

    public bool HasReplicaSet(string replicaSetId) => ReplicaSets.Any(r => r.ReplicaSetId == replicaSetId);
}
