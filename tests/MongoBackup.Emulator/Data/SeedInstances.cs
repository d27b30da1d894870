namespace MongoBackup.Emulator.Data;

/// <summary>The named instances the tests rely on (see README).</summary>
public static class SeedInstances
{
    public const string ReferenceExample = "cmgo-dygv1rnp";
    public const string ReplicaSet = "cmgo-p8vnipr5";
    public const string Sharded = "cmgo-9d0p6umb";
    public const string NoTasks = "cmgo-n0tasks0";

    public static string BucketFor(string region) => region switch
    {
        "ap-guangzhou" => "mongodb-backup-gz-1258344699",
        "ap-shanghai" => "mongodb-backup-sh-1258344699",
        "ap-beijing" => "mongodb-backup-bj-1258344699",
        _ => "mongodb-backup-" + region + "-1258344699",
    };

    /// <summary>One VPC per region, one subnet per zone, so the VpcId/SubnetId filters match groups of instances.</summary>
    public static string VpcFor(string region) => "vpc-" + Code(region, 8);

    public static string SubnetFor(string zone) => "subnet-" + Code(zone, 8);

    private static string Code(string text, int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var rng = new SplitMix64(SplitMix64.Hash(text));
        return new string(Enumerable.Range(0, length).Select(_ => alphabet[(int)rng.Between(0, alphabet.Length)]).ToArray());
    }

    public static IReadOnlyList<Instance> Named() =>
    [
        Make(ReferenceExample, "reference-example", 0, "ap-guangzhou", "ap-guangzhou-3", 0, "MONGO_40_WT", 4096, 102_400, 2,
            new DateTime(2021, 3, 1, 10, 0, 0), [new Tag("env", "example")], shards: 1),
        Make(ReplicaSet, "orders-prod", 0, "ap-guangzhou", "ap-guangzhou-4", 1001, "MONGO_44_WT", 16_384, 512_000, 4,
            new DateTime(2024, 11, 20, 9, 30, 0), [new Tag("env", "prod"), new Tag("team", "orders")], shards: 1),
        Make(Sharded, "analytics-sharded", 1, "ap-shanghai", "ap-shanghai-2", 1002, "MONGO_50_WT", 8192, 256_000, 4,
            new DateTime(2024, 12, 5, 14, 0, 0), [new Tag("env", "prod"), new Tag("team", "analytics")], shards: 3),
        Make(NoTasks, "empty-dev", 0, "ap-guangzhou", "ap-guangzhou-3", 0, "MONGO_60_WT", 2048, 20_480, 1,
            new DateTime(2025, 6, 18, 8, 15, 0), [], shards: 1),
    ];

    private static readonly string[] Teams = ["billing", "search", "catalog", "users", "payments", "logs", "metrics", "inventory", "shipping", "reviews"];
    private static readonly string[] Environments = ["prod", "staging", "dev", "test"];
    private static readonly (string Region, string Zone)[] Places =
        [("ap-guangzhou", "ap-guangzhou-3"), ("ap-guangzhou", "ap-guangzhou-4"), ("ap-shanghai", "ap-shanghai-2"), ("ap-beijing", "ap-beijing-5")];
    private static readonly string[] Versions = ["MONGO_36_WT", "MONGO_40_WT", "MONGO_42_WT", "MONGO_44_WT", "MONGO_50_WT", "MONGO_60_WT"];
    private static readonly int[] Projects = [0, 1001, 1002];

    /// <summary>40 more instances across projects 0, 1001 and 1002 and three regions, so paging and filters have work to do.
    /// A few are not running (Status 0, 1, -2), a few are sharded, 3 are read-only (InstanceType 3) and 3 temporary (2).</summary>
    public static IReadOnlyList<Instance> Fillers()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var rng = new SplitMix64(0x5EED_0010);
        var list = new List<Instance>();
        for (var i = 0; i < 40; i++)
        {
            var id = "cmgo-" + new string(Enumerable.Range(0, 8).Select(_ => alphabet[(int)rng.Between(0, alphabet.Length)]).ToArray());
            var name = $"{Teams[i % Teams.Length]}-{Environments[i / Teams.Length % Environments.Length]}-{i:d2}";
            var (region, zone) = Places[(int)rng.Between(0, Places.Length)];
            var sharded = i % 9 == 4;
            var memory = 1024L << (int)rng.Between(0, 5);
            var created = new DateTime(2022, 1, 1).AddMinutes(rng.Between(0, 4L * 365 * 24 * 60));
            IReadOnlyList<Tag> tags = i % 3 == 0 ? [new Tag("env", Environments[i / Teams.Length % Environments.Length])]
                : i % 3 == 1 ? [new Tag("team", Teams[i % Teams.Length]), new Tag("env", Environments[i / Teams.Length % Environments.Length])] : [];
            list.Add(Make(id, name, sharded ? 1 : 0, region, zone, Projects[i % Projects.Length], Versions[(int)rng.Between(0, Versions.Length)],
                memory, memory * 25, (int)Math.Max(1, memory / 2048), created, tags, sharded ? 2 + (int)rng.Between(0, 3) : 1) with
            {
                Status = i switch { 7 => 0, 18 => 1, 29 => -2, _ => 2 },
                PayMode = i % 4 == 1 ? 1 : 0,
                InstanceType = i % 13 == 12 ? 3 : i % 13 == 6 ? 2 : 1,   // 3 read-only (12, 25, 38), 3 temporary (6, 19, 32)
            });
        }
        return list;
    }

    public static Instance Make(string id, string name, int clusterType, string region, string zone, int projectId,
        string version, long memory, long volume, int cpu, DateTime created, IReadOnlyList<Tag> tags, int shards)
    {
        var hash = SplitMix64.Hash(id);
        var replicaSets = Enumerable.Range(0, shards)
            .Select(i => new ReplicaSet($"{id}_{i}", $"{id}_{i}", memory / shards, volume / shards,
                (long)(volume / shards * (0.1 + (hash >> (8 * i) & 0x3F) / 100.0)), volume / shards / 10, 2))
            .ToList();
        return new Instance
        {
            InstanceId = id, InstanceName = name, ClusterType = clusterType, Region = region, Zone = zone, ProjectId = projectId,
            VpcId = VpcFor(region), SubnetId = SubnetFor(zone),
            MongoVersion = version, Memory = memory, Volume = volume, CpuNum = cpu, CreateTime = created, Tags = tags,
            ReplicaSets = replicaSets, Vip = $"10.{hash >> 40 & 0xFF}.{hash >> 48 & 0xFF}.{(hash >> 56 & 0x7F) + 2}",
            Bucket = BucketFor(region),
        };
    }
}
