using System;
using System.Linq;
using System.Management.Automation;
using MongoBackup.Client;

namespace MongoBackup.Commands
{
    /// <summary>Gets the backups of TencentDB for MongoDB instances.</summary>
    /// <remarks>
    /// Calls DescribeDBBackups and returns every backup of each instance (the service lists the last 7 days), page after
    /// page. BackupSize is in bytes: the API reports this size in KB, unlike the download tasks' bytes, and the module
    /// converts it so that sizes compare across commands. A backup pipes into New-MongoBackupDownloadTask.
    /// </remarks>
    /// <example>
    /// <code>Get-MongoBackup -InstanceId cmgo-p8vnipr5</code>
    /// <para>Lists the backups of one instance, newest first.</para>
    /// </example>
    /// <example>
    /// <code>Get-MongoInstance | Get-MongoBackup -BackupMethod Physical | Where-Object Status -eq Succeeded | Sort-Object BackupSize -Descending | Select-Object -First 5</code>
    /// <para>The five largest successful physical backups of the region.</para>
    /// </example>
    /// <example>
    /// <code>Get-MongoBackup cmgo-p8vnipr5 | Select-Object -First 1 | New-MongoBackupDownloadTask | Wait-MongoBackupDownloadTask | Save-MongoBackupFile</code>
    /// <para>Downloads the newest backup of an instance.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "MongoBackup", SupportsPaging = true)]
    [OutputType(typeof(Backup))]
    public sealed class GetMongoBackupCommand : MongoBackupPagedCmdlet
    {
        internal const string Action = "DescribeDBBackups";

        /// <summary>The instance IDs, such as cmgo-p8vnipr5. Accepts strings and objects with an InstanceId property (instances) from the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateInstanceId]
        public string[] InstanceId { get; set; }

        /// <summary>Only backups taken this way: Logical, Physical or Snapshot.</summary>
        [Parameter]
        public BackupMethod BackupMethod { get; set; }



        protected override void ProcessRecord()
        {
            foreach (string instanceId in InstanceId)
            {
                var request = new JsonObject { ["InstanceId"] = instanceId };
                if (MyInvocation.BoundParameters.ContainsKey(nameof(BackupMethod))) request["BackupMethod"] = (long)BackupMethod;
                WriteAllPages(Action, request, instanceId, instanceId, "backups",
                    response => response.GetObjectArray("BackupList").Select(b => Backup.FromJson(b, instanceId)).ToList(),
                    response => response.GetInt64("TotalCount"));
            }
        }
    }
}
