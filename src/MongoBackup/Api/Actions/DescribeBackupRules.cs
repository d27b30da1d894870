using System;
using System.Globalization;
using System.Linq;
using MongoBackup.Client;

namespace MongoBackup.Api
{
    /// <summary>
    /// DescribeBackupRules: an instance's automatic backup rule (20 requests/s, documented). ActiveWeekdays ("0,...,6",
    /// 0 = Sunday) become DayOfWeek values, LongTermInterval (weekly, monthly, empty = off) an enum, the sizes a typed
    /// object (SnapshotSize in bytes, the others in the undocumented unit the API gives).
    /// </summary>
    internal sealed class DescribeBackupRules : ApiAction<string, BackupRule>
    {
        public static readonly DescribeBackupRules Action = new DescribeBackupRules();

        private DescribeBackupRules() : base(MongoDb.Read("DescribeBackupRules", requestsPerSecond: 20)) { }

        public override JsonObject Write(string instanceId) => new JsonObject { ["InstanceId"] = instanceId };

        public override BackupRule Read(JsonObject json, string instanceId, string region)
        {
            JsonObject sizes = json.GetObject("BackupTotalSize") ?? new JsonObject();
            return new BackupRule
            {
                InstanceId = instanceId,
                BackupSaveTime = json.GetInt32("BackupSaveTime"),
                BackupFrequency = json.GetInt32("BackupFrequency"),
                BackupTime = json.GetInt32("BackupTime"),
                BackupMethod = (BackupMethod)json.GetInt32("BackupMethod"),
                ActiveWeekdays = Numbers(json, "ActiveWeekdays", 0, 6).Select(d => (DayOfWeek)d).ToArray(),
                LongTermInterval = ParseInterval(json.GetString("LongTermInterval")),
                LongTermActiveDays = Numbers(json, "LongTermActiveDays", 0, 31),
                LongTermExpiredDays = json.GetInt32("LongTermExpiredDays"),
                OplogExpiredDays = json.GetInt32("OplogExpiredDays"),
                BackupVersion = (BackupVersion)json.GetInt32("BackupVersion"),
                BackupTotalSize = new BackupTotalSize
                {
                    SnapshotSize = sizes.GetInt64("SnapshotSize"),
                    OplogSize = sizes.GetDouble("OplogSize"),
                    FreeQuota = sizes.GetDouble("FreeQuota"),
                },
                AlertThreshold = json.GetInt32("AlertThreshold"),
                RequestRegion = region,
            };
        }

        internal static LongTermInterval ParseInterval(string text)
        {
            switch ((text ?? "").Trim().ToLowerInvariant())
            {
                case "": return LongTermInterval.None;
                case "weekly": return LongTermInterval.Weekly;
                case "monthly": return LongTermInterval.Monthly;
                default: throw new InvalidResponseException($"The field 'LongTermInterval' is {JsonFields.Describe(text)}, not weekly, monthly or empty.");
            }
        }

        internal static string IntervalText(LongTermInterval interval) =>
            interval == LongTermInterval.Weekly ? "weekly" : interval == LongTermInterval.Monthly ? "monthly" : "";

        /// <summary>A comma-separated list of whole numbers in [min, max] ("0,1,6"); empty reads as none.</summary>
        private static int[] Numbers(JsonObject json, string name, int min, int max)
        {
            string text = json.GetString(name) ?? "";
            return text.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(part =>
            {
                if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < min || n > max)
                    throw new InvalidResponseException($"The field '{name}' should list numbers from {min} to {max} separated by commas but is {JsonFields.Describe(text)}.");
                return n;
            }).ToArray();
        }
    }
}
