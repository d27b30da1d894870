using System;
using MongoBackup.Client;

namespace MongoBackup
{
    /// <summary>
    /// A backup, as DescribeDBBackups returns it. BackupSize is in bytes, like a download task's: the API gives KB here and
    /// the module converts, so sizes compare across cmdlets.
    /// </summary>
    public sealed class Backup
    {
        public string InstanceId { get; set; }
        public string BackupName { get; set; }
        public string BackupDesc { get; set; }
        public BackupType BackupType { get; set; }
        public BackupMethod BackupMethod { get; set; }
        public BackupStatus Status { get; set; }
        /// <summary>Size in bytes (the API's KB × 1024).</summary>
        public long BackupSize { get; set; }
        public DateTimeOffset? StartTime { get; set; }
        public DateTimeOffset? EndTime { get; set; }
        /// <summary>The backup's integer id (DeleteDBBackups and ModifyBackupExpireTime take it).</summary>
        public long BackId { get; set; }
        public DateTimeOffset? DeleteTime { get; set; }
        public string BackupRegion { get; set; }
        public DateTimeOffset? RestoreTime { get; set; }

        internal static Backup FromJson(JsonObject json, string instanceId) => new Backup
        {
            InstanceId = json.GetString("InstanceId") ?? instanceId,
            BackupName = json.GetString("BackupName"),
            BackupDesc = json.GetString("BackupDesc"),
            BackupType = (BackupType)json.GetInt32("BackupType"),
            BackupMethod = (BackupMethod)json.GetInt32("BackupMethod"),
            Status = (BackupStatus)json.GetInt32("Status"),
            BackupSize = checked(json.GetInt64("BackupSize") * 1024),
            StartTime = json.GetBeijingTime("StartTime"),
            EndTime = json.GetBeijingTime("EndTime"),
            BackId = json.GetInt64("BackId"),
            DeleteTime = json.GetBeijingTime("DeleteTime"),
            BackupRegion = json.GetString("BackupRegion"),
            RestoreTime = json.GetBeijingTime("RestoreTime"),
        };
    }
}
