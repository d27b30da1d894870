namespace MongoBackup
{
    /// <summary>Status of a backup download task (DescribeBackupDownloadTask's Status).</summary>
    public enum BackupDownloadTaskStatus
    {
        Waiting = 0,
        Downloading = 1,
        Downloaded = 2,
        Failed = 3,
        WaitingForRetry = 4,
    }

    /// <summary>How a backup was taken (the API's BackupMethod).</summary>
    public enum BackupMethod
    {
        Logical = 0,
        Physical = 1,
        Snapshot = 3,
    }

    /// <summary>The sort key of DescribeBackupDownloadTask (sent as createTime / finishTime).</summary>
    public enum BackupDownloadTaskOrderBy
    {
        CreateTime,
        FinishTime,
    }

    /// <summary>Sort direction (sent as asc / desc).</summary>
    public enum SortOrder
    {
        Asc,
        Desc,
    }
}

namespace MongoBackup
{
    /// <summary>Architecture of an instance (the API's ClusterType).</summary>
    public enum ClusterType
    {
        ReplicaSet = 0,
        Sharded = 1,
    }

    /// <summary>State of an instance (DescribeDBInstances' Status).</summary>
    public enum InstanceStatus
    {
        /// <summary>-2: isolated (monthly subscription, expired).</summary>
        IsolatedPrepaid = -2,
        /// <summary>-3: isolated (pay-as-you-go, overdue).</summary>
        IsolatedPostpaid = -3,
        Initializing = 0,
        Processing = 1,
        Running = 2,
    }

    /// <summary>The sort key of DescribeDBInstances.</summary>
    public enum InstanceOrderBy
    {
        ProjectId,
        InstanceName,
        CreateTime,
    }

    /// <summary>Who started a backup (the API's BackupType).</summary>
    public enum BackupType
    {
        Automatic = 0,
        Manual = 1,
    }

    /// <summary>State of a backup (DescribeDBBackups' Status).</summary>
    public enum BackupStatus
    {
        Running = 1,
        Succeeded = 2,
    }
}

namespace MongoBackup
{
    /// <summary>The kind of an instance (InstanceDetail's InstanceType).</summary>
    public enum InstanceType
    {
        Regular = 1,
        /// <summary>A temporary instance (a clone being restored into).</summary>
        Temporary = 2,
        ReadOnly = 3,
        DisasterRecovery = 4,
    }

    /// <summary>Which kinds of instance DescribeDBInstances lists (its InstanceType filter).</summary>
    public enum InstanceTypeFilter
    {
        /// <summary>-1: regular, read-only and disaster-recovery instances (every kind but temporary ones).</summary>
        AllButTemporary = -1,
        /// <summary>0: every kind.</summary>
        All = 0,
        Regular = 1,
        Temporary = 2,
        ReadOnly = 3,
    }
}

namespace MongoBackup
{
    /// <summary>How an instance is billed (the API's PayMode).</summary>
    public enum PayMode
    {
        PayAsYouGo = 0,
        Monthly = 1,
    }
}

namespace MongoBackup
{
    /// <summary>State of an asynchronous request (DescribeAsyncRequestInfo's Status: initial, running, paused, undoed, failed, success).</summary>
    public enum AsyncRequestStatus
    {
        Initial,
        Running,
        /// <summary>The task failed and is paused.</summary>
        Paused,
        /// <summary>The task failed and was rolled back.</summary>
        Undoed,
        /// <summary>The task failed and stopped.</summary>
        Failed,
        Success,
    }

    /// <summary>How long-term retention picks its backups (DescribeBackupRules' LongTermInterval: weekly, monthly, or empty when off).</summary>
    public enum LongTermInterval
    {
        /// <summary>Long-term retention is off (the API's empty value).</summary>
        None,
        Weekly,
        Monthly,
    }

    /// <summary>The backup scheme of an instance (the API's BackupVersion).</summary>
    public enum BackupVersion
    {
        /// <summary>0: the classic scheme.</summary>
        Classic = 0,
        /// <summary>1: advanced backup.</summary>
        Advanced = 1,
    }
}
