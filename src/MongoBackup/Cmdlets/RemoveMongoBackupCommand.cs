using System;
using System.Management.Automation;
using MongoBackup.Api;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>Deletes backups of TencentDB for MongoDB instances.</summary>
    /// <remarks>
    /// Calls DeleteDBBackups, which deletes full backups (the backups Get-MongoBackup lists) by their BackId. Takes the
    /// backups that Get-MongoBackup writes, or -InstanceId with -BackId; all the backups of one instance are deleted with
    /// one request, sent when the input ends. A backup still running is refused before anything is sent. The impact is
    /// High, so PowerShell asks for confirmation (naming the instance and every backup) unless -Force, -Confirm:$false or a
    /// $ConfirmPreference of None says not to; -WhatIf shows what would be deleted and sends nothing. A deleted backup
    /// cannot be recovered.
    /// </remarks>
    /// <example>
    /// <code>Get-MongoBackup cmgo-p8vnipr5 | Where-Object { $_.BackupType -eq 'Manual' -and $_.StartTime -lt (Get-Date).AddDays(-3) } | Remove-MongoBackup -WhatIf</code>
    /// <para>Shows which manual backups older than three days would be deleted (one request for the instance).</para>
    /// </example>
    /// <example>
    /// <code>Remove-MongoBackup -InstanceId cmgo-p8vnipr5 -BackId 500003, 500004 -Region ap-guangzhou -Force</code>
    /// <para>Deletes two backups by id without asking.</para>
    /// </example>
    [OutputType(typeof(void))]
    [Cmdlet(VerbsCommon.Remove, "MongoBackup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = BackupSet)]
    public sealed class RemoveMongoBackupCommand : RegionalCmdlet
    {
        private const string BackupSet = "Backup";
        private const string IdSet = "Id";
        private readonly BackupBatch _batch = new BackupBatch();

        /// <summary>The backups to delete, as Get-MongoBackup writes them.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = BackupSet)]
        [ValidateNotNull]
        public Backup[] InputObject { get; set; }

        /// <summary>The instance whose backups to delete, such as cmgo-p8vnipr5.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [ValidateInstanceId]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string InstanceId { get; set; }

        /// <summary>The ids of the backups to delete (their BackId, as Get-MongoBackup shows it; whole numbers of 1 or more).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [ValidateNotNullOrEmpty]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(BackupCompleter))]
        public long[] BackId { get; set; }

        /// <summary>Deletes without asking for confirmation (-WhatIf still only shows, and an explicit -Confirm still asks).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == IdSet)
            {
                foreach (long id in BackId) _batch.Add(Region, InstanceId, id, null, id);
                return;
            }
            foreach (Backup backup in InputObject)
            {
                if (backup != null && backup.Status == BackupStatus.Running && backup.BackId > 0)
                {
                    WriteError(ErrorRecords.Create(this, ErrorCatalog.BackupRunning,
                        $"The backup '{backup.BackupName}' (BackId {backup.BackId}) of {backup.InstanceId} is still running: it cannot be deleted yet.", backup));
                    continue;
                }
                _batch.Add(this, backup, Region);
            }
        }

        protected override void EndProcessing()
        {
            foreach (BackupBatch.Group group in _batch.Groups)
            {
                try
                {
                    MongoDbApi api = ApiFor(group.Region);
                    string what = $"{group.Items.Count} backup{(group.Items.Count == 1 ? "" : "s")} of {group.InstanceId} in {api.Region}: {group.Describe()}";
                    if (!Confirmation.ShouldAct(this, Force, "Delete " + what, $"Delete {what}? A deleted backup cannot be recovered.", "Delete backups")) continue;
                    Await(ct => api.DeleteDBBackupsAsync(new BackupIdsRequest { InstanceId = group.InstanceId, BackupIds = group.BackIds }, ct));
                    WriteVerbose($"{api.LastResponse.Action} {group.InstanceId}: deleted {group.Describe()} in {api.LastResponse.Elapsed.TotalMilliseconds:0} ms (RequestId {api.LastResponse.RequestId})");
                }
                catch (Exception e) when (e is TencentCloudException || e is InvalidResponseException)
                {
                    WriteFailure(e, group.Target);
                }
            }
            base.EndProcessing();
        }
    }
}
