using System;
using System.Linq;
using System.Management.Automation;
using MongoBackup.Api;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>Gets the backup download tasks of TencentDB for MongoDB instances.</summary>
    /// <remarks>
    /// Calls DescribeBackupDownloadTask and returns every matching task, page after page (each page is written as it
    /// arrives). Filter by backup name, status and a time window; sort by creation or finish time. -First, -Skip and
    /// -IncludeTotalCount work as with any paging cmdlet, and ask the service for no more than they need.
    /// Times are sent as Beijing wall-clock time: a DateTime of kind Utc is taken as UTC, any other as this machine's
    /// local time. A task is returned when both its start and its end fall inside the -StartTime/-EndTime window.
    /// An error for one instance (such as an unknown instance) is reported and the other instances still run. With several
    /// regions or -Region *, the instance's region is found first (one request per region, remembered for the process).
    /// -Offset, -Skip and -First count tasks whatever the service does with its Offset field (the documentation now calls
    /// it a page number): the module finds out how the endpoint reads it and remembers that for the process. A listing
    /// whose pages end before the TotalCount the service reported is an IncompleteListing error, never a silent short list.
    /// </remarks>
    /// <example>
    /// <code>Get-MongoBackupDownloadTask -InstanceId cmgo-p8vnipr5 -Status Downloaded,Failed | Where-Object BackupSize -gt 1GB | Sort-Object CreateTime | Export-Csv tasks.csv</code>
    /// <para>Exports the downloaded and failed tasks over 1 GB of one instance, oldest first.</para>
    /// </example>
    /// <example>
    /// <code>'cmgo-p8vnipr5', 'cmgo-9d0p6umb' | Get-MongoBackupDownloadTask -StartTime (Get-Date).AddDays(-7) -First 10</code>
    /// <para>The first ten tasks of the last seven days, for each of two instances.</para>
    /// </example>
    /// <example>
    /// <code>Get-MongoBackupDownloadTask -InstanceId cmgo-9d0p6umb -Region * -Status Downloaded | Sort-Object CreateTime -Descending | Select-Object -First 1</code>
    /// <para>The newest ready task of an instance whose region is not known: every region is asked where it is.</para>
    /// </example>
    /// <example>
    /// <code>Get-MongoBackupDownloadTask cmgo-dygv1rnp -IncludeTotalCount -First 0</code>
    /// <para>Asks only how many tasks the instance has.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "MongoBackupDownloadTask", SupportsPaging = true)]
    [OutputType(typeof(BackupDownloadTask))]
    public sealed class GetMongoBackupDownloadTaskCommand : PagedCmdlet
    {
        /// <summary>The instance IDs, such as cmgo-p8vnipr5. Accepts strings and any object with an InstanceId property from the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateInstanceId]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string[] InstanceId { get; set; }

        /// <summary>Only the tasks of this backup (exact name, such as 'cmgo-dygv1rnp_2021-03-26 10:44').</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(BackupCompleter))]
        public string BackupName { get; set; }

        /// <summary>Start of the time window (a DateTime or DateTimeOffset).</summary>
        [Parameter]
        public DateTimeOffset StartTime { get; set; }

        /// <summary>End of the time window (a DateTime or DateTimeOffset).</summary>
        [Parameter]
        public DateTimeOffset EndTime { get; set; }

        /// <summary>Only tasks in these states: Waiting, Downloading, Downloaded, Failed, WaitingForRetry (names or the API's numbers 0-4).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public BackupDownloadTaskStatus[] Status { get; set; }

        /// <summary>Sort key: CreateTime (default) or FinishTime.</summary>
        [Parameter]
        public BackupDownloadTaskOrderBy OrderBy { get; set; } = BackupDownloadTaskOrderBy.CreateTime;

        /// <summary>Sort direction: Desc (default, newest first) or Asc.</summary>
        [Parameter]
        public SortOrder OrderByType { get; set; } = SortOrder.Desc;

        private bool HasStart => MyInvocation.BoundParameters.ContainsKey(nameof(StartTime));
        private bool HasEnd => MyInvocation.BoundParameters.ContainsKey(nameof(EndTime));

        protected override void BeginProcessing()
        {
            if (HasStart && HasEnd && StartTime > EndTime)
            {
                ThrowTerminatingError(ErrorRecords.Create(this, ErrorCatalog.StartTimeAfterEndTime,
                    $"-StartTime ({BeijingTime.ToApiString(StartTime)} Beijing time) is after -EndTime ({BeijingTime.ToApiString(EndTime)}). Give a start before the end.",
                    StartTime));
            }
            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            foreach (string instanceId in InstanceId)
            {
                var query = new DownloadTaskQuery
                {
                    InstanceId = instanceId,
                    BackupName = BackupName,
                    StartTime = HasStart ? StartTime : (DateTimeOffset?)null,
                    EndTime = HasEnd ? EndTime : (DateTimeOffset?)null,
                    Status = Status,
                    OrderBy = OrderBy,
                    OrderByType = OrderByType,
                };
                WriteInstanceListing(instanceId, api => api.DescribeBackupDownloadTask(query, Window), "tasks");
            }
        }
    }
}
