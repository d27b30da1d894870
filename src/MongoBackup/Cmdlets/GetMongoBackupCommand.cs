using System;
using System.Linq;
using System.Management.Automation;
using MongoBackup.Api;

namespace MongoBackup.Cmdlets
{
    /// <summary>Gets the backups of TencentDB for MongoDB instances.</summary>
    /// <remarks>
    /// Calls DescribeDBBackups and returns every backup of each instance (the service lists the last 7 days), page after
    /// page. BackupSize is in bytes: the API reports this size in KB, unlike the download tasks' bytes, and the module
    /// converts it so that sizes compare across commands. A backup pipes into New-MongoBackupDownloadTask. The service does
    /// not document the order of its list: sort by StartTime to find the newest. With several regions or -Region *, the
    /// instance's region is found first (one request per region, remembered for the process).
    /// </remarks>
    /// <example>
    /// <code>Get-MongoBackup -InstanceId cmgo-p8vnipr5 | Sort-Object StartTime -Descending</code>
    /// <para>Lists the backups of one instance, newest first.</para>
    /// </example>
    /// <example>
    /// <code>Get-MongoInstance | Get-MongoBackup -BackupMethod Physical | Where-Object Status -eq Succeeded | Sort-Object BackupSize -Descending | Select-Object -First 5</code>
    /// <para>The five largest successful physical backups of the region.</para>
    /// </example>
    /// <example>
    /// <code>Get-MongoBackup cmgo-p8vnipr5 | Where-Object Status -eq Succeeded | Sort-Object StartTime -Descending | Select-Object -First 1 | New-MongoBackupDownloadTask | Wait-MongoBackupDownloadTask | Save-MongoBackupFile</code>
    /// <para>Downloads the newest successful backup of an instance.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "MongoBackup", SupportsPaging = true)]
    [OutputType(typeof(Backup))]
    public sealed class GetMongoBackupCommand : PagedCmdlet
    {
        /// <summary>The instance IDs, such as cmgo-p8vnipr5. Accepts strings and objects with an InstanceId property (instances) from the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateInstanceId]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string[] InstanceId { get; set; }

        /// <summary>Only backups taken this way: Logical, Physical or Snapshot.</summary>
        [Parameter]
        public BackupMethod BackupMethod { get; set; }

        protected override void ProcessRecord()
        {
            foreach (string instanceId in InstanceId)
            {
                var query = new BackupQuery { InstanceId = instanceId, BackupMethod = Has(nameof(BackupMethod)) ? BackupMethod : (BackupMethod?)null };
                WriteInstanceListing(instanceId, api => api.DescribeDBBackups(query, Window), "backups");
            }
        }
    }
}
