using System;
using System.Collections.Generic;
using System.Linq;
using MongoBackup.Client;

namespace MongoBackup.Api
{
    /// <summary>The filters of DescribeBackupDownloadTask (every field optional but the instance).</summary>
    internal sealed class DownloadTaskQuery
    {
        public string InstanceId { get; set; }
        public string BackupName { get; set; }
        public DateTimeOffset? StartTime { get; set; }
        public DateTimeOffset? EndTime { get; set; }
        public IReadOnlyList<BackupDownloadTaskStatus> Status { get; set; }
        public BackupDownloadTaskOrderBy? OrderBy { get; set; }
        public SortOrder? OrderByType { get; set; }
    }

    /// <summary>
    /// DescribeBackupDownloadTask: an instance's download tasks (20 requests/s). Its Offset is "the number of pages" in
    /// the current documentation and an item offset in the 2023 one, so the pager finds out which.
    /// </summary>
    internal sealed class DescribeBackupDownloadTask : ListAction<DownloadTaskQuery, BackupDownloadTask>
    {
        public static readonly DescribeBackupDownloadTask Action = new DescribeBackupDownloadTask();

        private DescribeBackupDownloadTask() : base(MongoDb.Read("DescribeBackupDownloadTask"), "Tasks", offsetMayCountPages: true) { }

        public override JsonObject Write(DownloadTaskQuery query)
        {
            var body = new JsonObject { ["InstanceId"] = query.InstanceId };
            if (query.BackupName != null) body["BackupName"] = query.BackupName;
            if (query.StartTime.HasValue) body["StartTime"] = BeijingTime.ToApiString(query.StartTime.Value);
            if (query.EndTime.HasValue) body["EndTime"] = BeijingTime.ToApiString(query.EndTime.Value);
            if (query.Status != null && query.Status.Count > 0) body["Status"] = query.Status.Distinct().Select(s => (object)(long)s).ToList();
            if (query.OrderBy.HasValue) body["OrderBy"] = query.OrderBy == BackupDownloadTaskOrderBy.FinishTime ? "finishTime" : "createTime";
            if (query.OrderByType.HasValue) body["OrderByType"] = query.OrderByType == SortOrder.Asc ? "asc" : "desc";
            return body;
        }

        public override BackupDownloadTask ReadItem(JsonObject json, DownloadTaskQuery query, string region) => ReadTask(json, query.InstanceId, region);

        public override string Identity(BackupDownloadTask task) =>
            task.ReplicaSetId + "|" + task.BackupName + "|" + task.CreateTime?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + "|" + task.BackupSize;

        internal static BackupDownloadTask ReadTask(JsonObject json, string instanceId, string region) => new BackupDownloadTask
        {
            InstanceId = instanceId,
            ReplicaSetId = json.GetString("ReplicaSetId"),
            BackupName = json.GetString("BackupName"),
            Status = (BackupDownloadTaskStatus)json.GetInt32("Status"),
            Percent = json.GetInt32("Percent"),
            BackupSize = json.GetInt64("BackupSize"),
            CreateTime = json.GetBeijingTime("CreateTime"),
            TimeSpend = json.GetInt64("TimeSpend"),
            Url = json.GetString("Url"),
            BackupMethod = (BackupMethod)json.GetInt32("BackupMethod"),
            BackupDesc = json.GetString("BackupDesc"),
            Region = json.GetString("Region"),
            Bucket = json.GetString("Bucket"),
            RequestRegion = region,
        };
    }
}
