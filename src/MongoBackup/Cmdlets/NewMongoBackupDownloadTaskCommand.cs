using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MongoBackup.Api;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>Asks Tencent Cloud to prepare a backup for download.</summary>
    /// <remarks>
    /// Calls CreateBackupDownloadTask for one backup of an instance. Without -ReplicaSetId every replica set of the
    /// instance is included (found with DescribeDBInstances), so a sharded cluster downloads whole: one task per shard.
    /// Writes one task object per replica set; pipe them into Wait-MongoBackupDownloadTask, then Save-MongoBackupFile.
    /// A backup object from Get-MongoBackup pipes in by property name. -WhatIf shows what would be created and sends no
    /// create request. Each task records the region it was created in (RequestRegion), which Wait-MongoBackupDownloadTask
    /// and Save-MongoBackupFile then call.
    /// </remarks>
    /// <example>
    /// <code>New-MongoBackupDownloadTask -InstanceId cmgo-p8vnipr5 -BackupName 'cmgo-p8vnipr5_2026-11-28 03:00'</code>
    /// <para>Prepares one backup of a replica-set instance.</para>
    /// </example>
    /// <example>
    /// <code>Get-MongoBackup cmgo-9d0p6umb -Region ap-shanghai | Where-Object Status -eq Succeeded | Sort-Object StartTime -Descending | Select-Object -First 1 | New-MongoBackupDownloadTask | Wait-MongoBackupDownloadTask | Save-MongoBackupFile -Destination ./backups</code>
    /// <para>Prepares the newest backup of a sharded cluster (every shard), waits for it and saves the files.</para>
    /// </example>
    /// <example>
    /// <code>New-MongoBackupDownloadTask cmgo-9d0p6umb 'cmgo-9d0p6umb_2026-11-28 03:00' -ReplicaSetId cmgo-9d0p6umb_1 -WhatIf</code>
    /// <para>Shows what would be created for one shard, without creating it.</para>
    /// </example>
    [Cmdlet(VerbsCommon.New, "MongoBackupDownloadTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(BackupDownloadTask))]
    public sealed class NewMongoBackupDownloadTaskCommand : RegionalCmdlet
    {
        /// <summary>The instance ID, such as cmgo-p8vnipr5. Taken by property name from piped objects.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateInstanceId]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string InstanceId { get; set; }

        /// <summary>The backup's name, as Get-MongoBackup shows it. Taken by property name from piped objects.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(BackupCompleter))]
        public string BackupName { get; set; }

        /// <summary>The replica sets (shards) to prepare, such as cmgo-9d0p6umb_0. Every replica set of the instance when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] ReplicaSetId { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                MongoDbApi api = ApiFor(Region);
                IReadOnlyList<string> replicaSets = ReplicaSetId?.Distinct(StringComparer.Ordinal).ToList() ?? FindReplicaSets(api);
                string what = $"backup '{BackupName}' of {InstanceId}, replica set{(replicaSets.Count == 1 ? "" : "s")} {string.Join(", ", replicaSets)}";
                if (!ShouldProcess(what, "Create backup download task")) return;

                var request = new CreateDownloadTaskRequest { InstanceId = InstanceId, BackupName = BackupName, ReplicaSetIds = replicaSets };
                IReadOnlyList<BackupDownloadTask> tasks = Await(ct => api.CreateBackupDownloadTaskAsync(request, ct));
                WriteVerbose($"{api.LastResponse.Action} {InstanceId} '{BackupName}': {tasks.Count} download tasks created in {api.Region} in {api.LastResponse.Elapsed.TotalMilliseconds:0} ms (RequestId {api.LastResponse.RequestId})");
                foreach (BackupDownloadTask task in tasks) WriteObject(task);
            }
            catch (Exception e) when (e is TencentCloudException || e is InvalidResponseException)
            {
                WriteFailure(e, InstanceId);
            }
        }

        private IReadOnlyList<string> FindReplicaSets(MongoDbApi api)
        {
            var query = new InstanceQuery { InstanceIds = new[] { InstanceId } };
            List<Instance> found = Await(ct => MongoDbApi.AllAsync(api.DescribeDBInstances(query), ct));
            Instance instance = found.FirstOrDefault(i => i.InstanceId == InstanceId);
            if (instance == null)
                throw new TencentCloudException(ErrorCatalog.NotFoundInstance, $"The instance {InstanceId} was not found in region {api.Region}.");
            if (instance.ReplicaSets.Length == 0)
                return new[] { InstanceId + "_0" }; // the documented replica-set ID when the service lists none
            return instance.ReplicaSets.Select(r => r.ReplicaSetId).ToList();
        }
    }
}
