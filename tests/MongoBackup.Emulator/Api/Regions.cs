namespace MongoBackup.Emulator.Api;

/// <summary>The regions the emulator accepts in X-TC-Region (others: UnsupportedRegion).</summary>
public static class Regions
{
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "ap-guangzhou", "ap-shanghai", "ap-beijing", "ap-chengdu", "ap-chongqing", "ap-nanjing", "ap-hongkong",
        "ap-singapore", "ap-bangkok", "ap-jakarta", "ap-seoul", "ap-tokyo", "ap-mumbai", "na-siliconvalley",
        "na-ashburn", "na-toronto", "eu-frankfurt", "sa-saopaulo", "ap-shanghai-fsi", "ap-shenzhen-fsi", "ap-beijing-fsi",
    };
}
