namespace MongoBackup.Emulator.Data;

/// <summary>A backup as DescribeDBBackups lists it. Sizes are exact bytes here; the API shows KB (rounded up).</summary>
public sealed record DbBackup
{
    public const string FailingDescription = "configured to fail: download tasks of this backup end Failed";

    public required string InstanceId { get; init; }
    public required long BackId { get; init; }
    public required string BackupName { get; init; }
    public required string BackupDesc { get; init; }
    public required int BackupType { get; init; }       // 0 automatic, 1 manual
    public required int BackupMethod { get; init; }     // 0 logical, 1 physical
    public required int Status { get; init; }           // 1 running, 2 succeeded
    public required DateTime StartTime { get; init; }   // Beijing
    public required DateTime EndTime { get; init; }     // Beijing; meaningless while running
    public required string Region { get; init; }
    /// <summary>File size in bytes of each replica set / shard, in the instance's replica-set order.</summary>
    public required IReadOnlyList<long> ShardBytes { get; init; }
    /// <summary>Download tasks of this backup end Failed.</summary>
    public bool FailsDownload { get; init; }
    /// <summary>One of the recent backups (seeded relative to the start): DescribeDBBackups lists it while it is within
    /// the last 7 days, and CreateBackupDownloadTask accepts it. false for the older backups the store holds only
    /// because download tasks of them remain (the seeded task history, the scale instance's), whatever their dates.</summary>
    public bool Listed { get; init; } = true;

    /// <summary>When the backup expires (Beijing), as ModifyBackupExpireTime or CreateBackupDBInstance's
    /// BackupRetentionDays set it; null: the default, StartTime + 7 days; <see cref="Forever"/>: never.</summary>
    public DateTime? ExpireTime { get; init; }

    /// <summary>The ExpireTime of a backup kept for ever (BackupRetentionDays -2).</summary>
    public static readonly DateTime Forever = DateTime.MaxValue;

    /// <summary>DescribeDBBackups' DeleteTime: the expiry, or null for a backup kept for ever.</summary>
    public DateTime? DeleteTime => ExpireTime == Forever ? null : ExpireTime ?? StartTime.AddDays(7);

    public long TotalBytes => ShardBytes.Sum();

    /// <summary>BackupSize as the API gives it: KB, rounded up.</summary>
    public long SizeKb => (TotalBytes + 1023) / 1024;
}
