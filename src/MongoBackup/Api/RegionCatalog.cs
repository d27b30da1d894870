using System;
using System.Collections.Generic;
using System.Linq;

namespace MongoBackup.Api
{
    /// <summary>
    /// The one list of the regions where TencentDB for MongoDB is sold, from Tencent Cloud's region and product pages:
    /// what -Region * expands to and what -Region completes. Documented in the README and about_MongoBackup; a region
    /// missing here can still be given by name.
    /// </summary>
    internal static class RegionCatalog
    {
        public const string AllRegions = "*";

        public static readonly IReadOnlyList<string> MongoDb = new[]
        {
            // Chinese mainland
            "ap-guangzhou", "ap-shanghai", "ap-nanjing", "ap-beijing", "ap-chengdu", "ap-chongqing",
            // Finance zones
            "ap-shanghai-fsi", "ap-shenzhen-fsi", "ap-beijing-fsi",
            // Other regions
            "ap-hongkong", "ap-singapore", "ap-jakarta", "ap-seoul", "ap-tokyo", "ap-mumbai", "ap-bangkok",
            "na-siliconvalley", "na-ashburn", "eu-frankfurt", "sa-saopaulo",
        };

        /// <summary>Expands the requested regions: * is every region of the list; duplicates go; the order stays.</summary>
        public static IReadOnlyList<string> Expand(IEnumerable<string> requested)
        {
            var result = new List<string>();
            foreach (string region in requested)
            {
                IEnumerable<string> items = region == AllRegions ? MongoDb : new[] { region };
                foreach (string item in items)
                    if (!result.Contains(item, StringComparer.Ordinal)) result.Add(item);
            }
            return result;
        }
    }
}
