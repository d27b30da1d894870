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
