using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MongoBackup.Api;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>Changes when backups of TencentDB for MongoDB instances expire.</summary>
    /// <remarks>
    /// Calls ModifyBackupExpireTime: the backups then expire (are deleted) at -ExpireTime, which Get-MongoBackup shows as
    /// their DeleteTime. Takes the backups that Get-MongoBackup writes, or -InstanceId with -BackId; all the backups of
    /// one instance change with one request, sent when the input ends. -ExpireTime is sent as Beijing wall-clock time: a
    /// DateTime of kind Utc is UTC, any other is this machine's local time; a time that has passed is refused before
    /// anything is sent (an expiry in the past would be a delete: use Remove-MongoBackup). Each backup the service reports
    /// in FailedBackups becomes an error (BackupExpireTimeFailed) naming it, whose TargetObject is that backup; the others
    /// change. -PassThru writes the changed backups as Get-MongoBackup reads them afterwards.
    /// </remarks>
    /// <example>
    /// <code>Get-MongoBackup cmgo-p8vnipr5 | Where-Object BackupType -eq Manual | Set-MongoBackupExpiration -ExpireTime (Get-Date).AddDays(90) -PassThru</code>
    /// <para>Keeps the manual backups of an instance for 90 more days and shows their new DeleteTime.</para>
    /// </example>
    /// <example>
    /// <code>Set-MongoBackupExpiration -InstanceId cmgo-p8vnipr5 -BackId 500003 -ExpireTime '2027-01-01 00:00' -Region ap-guangzhou -WhatIf</code>
    /// <para>Shows the change for one backup by id, without making it.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Set, "MongoBackupExpiration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = BackupSet)]
    [OutputType(typeof(Backup))]
    public sealed class SetMongoBackupExpirationCommand : RegionalCmdlet
    {
        private const string BackupSet = "Backup";
        private const string IdSet = "Id";
        private readonly BackupBatch _batch = new BackupBatch();

        /// <summary>The backups to change, as Get-MongoBackup writes them.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = BackupSet)]
        [ValidateNotNull]
        public Backup[] InputObject { get; set; }

        /// <summary>The instance whose backups to change, such as cmgo-p8vnipr5.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [ValidateInstanceId]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string InstanceId { get; set; }

        /// <summary>The ids of the backups to change (their BackId, as Get-MongoBackup shows it; whole numbers of 1 or more).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [ValidateNotNullOrEmpty]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(BackupCompleter))]
        public long[] BackId { get; set; }

        /// <summary>When the backups expire: a DateTime or DateTimeOffset later than now (a DateTime of kind Utc is UTC, any other local time), sent as Beijing time to the second.</summary>
        [Parameter(Mandatory = true)]
        public DateTimeOffset ExpireTime { get; set; }

        /// <summary>Writes the changed backups as DescribeDBBackups lists them afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            if (ExpireTime <= Timing.System.UtcNow())
                ThrowTerminatingError(ErrorRecords.Create(this, ErrorCatalog.ExpireTimeInPast,
                    $"-ExpireTime {BeijingTime.ToApiString(ExpireTime)} (Beijing time) has passed: give a later time, such as (Get-Date).AddDays(30). To delete backups now, use Remove-MongoBackup.", ExpireTime));
            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == IdSet)
            {
                foreach (long id in BackId) _batch.Add(Region, InstanceId, id, null, id);
                return;
            }
            foreach (Backup backup in InputObject) _batch.Add(this, backup, Region);
        }

        protected override void EndProcessing()
        {
            string when = BeijingTime.ToApiString(ExpireTime) + " Beijing time";
            foreach (BackupBatch.Group group in _batch.Groups)
            {
                try
                {
                    MongoDbApi api = ApiFor(group.Region);
                    if (!ShouldProcess($"{group.Describe()} of {group.InstanceId} in {api.Region}", $"Set the expiry to {when}")) continue;
                    var request = new BackupIdsRequest { InstanceId = group.InstanceId, BackupIds = group.BackIds, ExpireTime = ExpireTime };
                    IReadOnlyList<long> failed = Await(ct => api.ModifyBackupExpireTimeAsync(request, ct));
                    WriteVerbose($"{api.LastResponse.Action} {group.InstanceId}: {group.Items.Count - group.Items.Count(i => failed.Contains(i.BackId))} of {group.Items.Count} backups expire at {when}, in {api.LastResponse.Elapsed.TotalMilliseconds:0} ms (RequestId {api.LastResponse.RequestId})");
                    foreach (long id in failed)
                    {
                        BackupBatch.Item item = group.Items.FirstOrDefault(i => i.BackId == id);
                        string name = item?.Name == null ? "" : $" '{item.Name}'";
                        WriteError(ErrorRecords.Create(this, ErrorCatalog.BackupExpireTimeFailed,
                            $"The service did not change the expiry of backup{name} (BackId {id}) of {group.InstanceId} (it reported it in FailedBackups).", item?.Input ?? id));
                    }
                    if (PassThru)
                    {
                        var changed = new HashSet<long>(group.BackIds.Where(id => !failed.Contains(id)));
                        List<Backup> listed = Await(ct => MongoDbApi.AllAsync(api.DescribeDBBackups(new BackupQuery { InstanceId = group.InstanceId }), ct));
                        foreach (Backup backup in listed.Where(b => changed.Contains(b.BackId))) WriteObject(backup);
                    }
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
