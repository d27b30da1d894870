using System;
using System.Management.Automation;
using MongoBackup.Api;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>Gets the automatic backup rules of TencentDB for MongoDB instances.</summary>
    /// <remarks>
    /// Calls DescribeBackupRules for each instance and writes its rule, every field typed: BackupMethod, BackupTime (the
    /// hour, 0-23, Beijing time), BackupFrequency (hours, 12 or 24), BackupSaveTime (days the backups are kept: what
    /// Set-MongoBackupRule calls -BackupRetentionPeriod), ActiveWeekdays as DayOfWeek values, LongTermInterval (None,
    /// Weekly, Monthly) with LongTermActiveDays (days of the week 0-6, or of the month 1-31) and LongTermExpiredDays,
    /// OplogExpiredDays, BackupVersion (Classic, Advanced), AlertThreshold (percent) and BackupTotalSize. Units of
    /// BackupTotalSize: SnapshotSize (the full backups) is in bytes, as documented; OplogSize and FreeQuota are as the API
    /// gives them, since the documentation gives them no unit. The alert setting Notify cannot be read back: the service
    /// does not return it. A rule pipes into Set-MongoBackupRule.
    /// </remarks>
    /// <example>
    /// <code>Get-MongoBackupRule -InstanceId cmgo-p8vnipr5</code>
    /// <para>Shows the backup rule of one instance, as a list.</para>
    /// </example>
    /// <example>
    /// <code>Get-MongoInstance | Get-MongoBackupRule | Where-Object { $_.BackupSaveTime -lt 30 -or $_.ActiveWeekdays.Count -lt 7 } | Select-Object InstanceId, BackupSaveTime, ActiveWeekdays</code>
    /// <para>Lists the instances of the region whose rule keeps backups less than 30 days or skips a day of the week.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "MongoBackupRule")]
    [OutputType(typeof(BackupRule))]
    public sealed class GetMongoBackupRuleCommand : RegionalCmdlet
    {
        /// <summary>The instance IDs, such as cmgo-p8vnipr5. Accepts strings and objects with an InstanceId property (instances) from the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateInstanceId]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string[] InstanceId { get; set; }

        protected override void ProcessRecord()
        {
            foreach (string id in InstanceId)
            {
                try
                {
                    MongoDbApi api = ApiFor(Region);
                    BackupRule rule = Await(ct => api.DescribeBackupRulesAsync(id, ct));
                    WriteVerbose($"{api.LastResponse.Action} {id} in {api.LastResponse.Elapsed.TotalMilliseconds:0} ms (RequestId {api.LastResponse.RequestId})");
                    WriteObject(rule);
                }
                catch (Exception e) when (e is TencentCloudException || e is InvalidResponseException)
                {
                    WriteFailure(e, id);
                }
            }
        }
    }
}
