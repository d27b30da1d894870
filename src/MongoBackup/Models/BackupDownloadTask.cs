using System;
using System.Collections.Generic;
using System.Linq;

namespace MongoBackup
{
    /// <summary>One backup download task, as DescribeBackupDownloadTask returns it, plus the InstanceId it belongs to.</summary>
    public sealed class BackupDownloadTask
    {
        /// <summary>The instance the task belongs to (not an API field: added so tasks pipe into other cmdlets).</summary>
        public string InstanceId { get; set; }

        public string ReplicaSetId { get; set; }

        public string BackupName { get; set; }

        public BackupDownloadTaskStatus Status { get; set; }

        /// <summary>Preparation progress, 0 to 100.</summary>
        public int Percent { get; set; }

        /// <summary>Size of the backup file in bytes.</summary>
        public long BackupSize { get; set; }

        /// <summary>When the task was created, Beijing time (+08:00).</summary>
        public DateTimeOffset? CreateTime { get; set; }

        /// <summary>Seconds the preparation took.</summary>
        public long TimeSpend { get; set; }

        /// <summary>The presigned download link, present once the task is Downloaded. It expires.</summary>
        public string Url { get; set; }

        public BackupMethod BackupMethod { get; set; }

        public string BackupDesc { get; set; }

        /// <summary>"Region info" of the task, as the API gives it (beside Bucket: where the file is prepared).</summary>
        public string Region { get; set; }

        public string Bucket { get; set; }

        /// <summary>The region the task was read from or created in (not an API field): Wait and Save's link refresh call that region.</summary>
        public string RequestRegion { get; set; }

        /// <summary>
        /// The current task of a replica set among a backup's tasks: the newest one, since a backup downloaded again gets a
        /// new task beside the old ones. Null when the replica set has none.
        /// </summary>
        internal static BackupDownloadTask NewestFor(IEnumerable<BackupDownloadTask> tasks, string replicaSetId) =>
            tasks.Where(t => t.ReplicaSetId == replicaSetId).OrderByDescending(t => t.CreateTime ?? DateTimeOffset.MinValue).FirstOrDefault();
    }
}
