using System;

namespace MongoBackup
{
    /// <summary>
    /// The automatic backup rule of an instance, as DescribeBackupRules returns it. Describe's BackupSaveTime is what
    /// SetBackupRules calls BackupRetentionPeriod; Notify is not returned by the service.
    /// </summary>
    public sealed class BackupRule
    {
        /// <summary>The instance (not an API field of the answer: the one asked about).</summary>
        public string InstanceId { get; set; }
        /// <summary>Days the automatic backups are kept (Set-MongoBackupRule's -BackupRetentionPeriod).</summary>
        public int BackupSaveTime { get; set; }
        /// <summary>Hours between two automatic backups: 12 or 24.</summary>
        public int BackupFrequency { get; set; }
        /// <summary>The hour the automatic backup starts, 0 to 23 (Beijing time).</summary>
        public int BackupTime { get; set; }
        public BackupMethod BackupMethod { get; set; }
        /// <summary>The days of the week automatic backups run.</summary>
        public DayOfWeek[] ActiveWeekdays { get; set; }
        /// <summary>Long-term retention: None (off), Weekly or Monthly.</summary>
        public LongTermInterval LongTermInterval { get; set; }
        /// <summary>The days whose backup is kept long-term: days of the week 0-6 (0 = Sunday) when Weekly, days of the month 1-31 when Monthly.</summary>
        public int[] LongTermActiveDays { get; set; }
        /// <summary>Days a long-term backup is kept.</summary>
        public int LongTermExpiredDays { get; set; }
        /// <summary>Days the incremental (oplog) backups are kept.</summary>
        public int OplogExpiredDays { get; set; }
        public BackupVersion BackupVersion { get; set; }
        /// <summary>The sizes of the instance's backups.</summary>
        public BackupTotalSize BackupTotalSize { get; set; }
        /// <summary>Alert threshold of the backup storage use, in percent.</summary>
        public int AlertThreshold { get; set; }
        /// <summary>The region the rule was read from (not an API field): Set-MongoBackupRule calls that region.</summary>
        public string RequestRegion { get; set; }
    }

    /// <summary>The sizes of an instance's backups (DescribeBackupRules' BackupTotalSize).</summary>
    public sealed class BackupTotalSize
    {
        /// <summary>Total size of the full backups, in bytes (the documented unit).</summary>
        public long SnapshotSize { get; set; }
        /// <summary>Total size of the incremental (oplog) backups, as the API gives it: the documentation gives no unit.</summary>
        public double OplogSize { get; set; }
        /// <summary>The free backup quota, as the API gives it: the documentation gives no unit.</summary>
        public double FreeQuota { get; set; }

        public override string ToString() => DisplayFormat.Bytes(SnapshotSize) + " full";
    }
}
