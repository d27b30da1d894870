using System.Collections.Generic;
using System.Linq;
using MongoBackup.Client;

namespace MongoBackup.Api
{
    internal sealed class CreateDownloadTaskRequest
    {
        public string InstanceId { get; set; }
        public string BackupName { get; set; }
        /// <summary>The replica sets (shards) to prepare; every shard for a full download of a sharded cluster.</summary>
        public IReadOnlyList<string> ReplicaSetIds { get; set; }
    }

    /// <summary>CreateBackupDownloadTask: prepares one backup's files for download, one task per replica set (20/s).</summary>
    internal sealed class CreateBackupDownloadTask : ApiAction<CreateDownloadTaskRequest, IReadOnlyList<BackupDownloadTask>>
    {
        public static readonly CreateBackupDownloadTask Action = new CreateBackupDownloadTask();

        private CreateBackupDownloadTask() : base(MongoDb.Write("CreateBackupDownloadTask")) { }

        public override JsonObject Write(CreateDownloadTaskRequest request) => new JsonObject
        {
            ["InstanceId"] = request.InstanceId,
            ["BackupName"] = request.BackupName,
            ["BackupSets"] = request.ReplicaSetIds.Select(id => (object)new JsonObject { ["ReplicaSetId"] = id }).ToList(),
        };

        /// <summary>The answer names each task's replica set and status only; the rest comes from the request.</summary>
        public override IReadOnlyList<BackupDownloadTask> Read(JsonObject response, CreateDownloadTaskRequest request, string region) =>
            response.GetObjectArray("Tasks").Select(task => new BackupDownloadTask
            {
                InstanceId = request.InstanceId,
                BackupName = request.BackupName,
                ReplicaSetId = task.GetString("ReplicaSetId"),
                Status = (BackupDownloadTaskStatus)task.GetInt32("Status"),
                RequestRegion = region,
            }).ToList();
    }
}
