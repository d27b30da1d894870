using System;

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
        /// <summary>Where the backup is stored, as the API gives it.</summary>
        public string BackupRegion { get; set; }
        public DateTimeOffset? RestoreTime { get; set; }
        /// <summary>The region the backup was read from (not an API field): follow-up commands call that region.</summary>
        public string RequestRegion { get; set; }
    }
}
