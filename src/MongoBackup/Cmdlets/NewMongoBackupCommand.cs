using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MongoBackup.Api;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>Starts a manual backup of TencentDB for MongoDB instances.</summary>
    /// <remarks>
    /// Calls CreateBackupDBInstance for each instance and writes the async request it starts (AsyncRequestId, InstanceId,
    /// Region); pipe it into Wait-MongoAsyncRequest, or give -Wait. With -Wait the command waits for the request (polling
    /// DescribeAsyncRequestInfo every -PollInterval, with a progress bar) and then writes the new backup itself, so it
    /// pipes into New-MongoBackupDownloadTask. The API does not link an AsyncRequestId to a backup, so the new backup is
    /// found this way: before starting, the command lists the instance's backups (DescribeDBBackups); after the request
    /// succeeds it lists them again until a manual backup with the requested method appears that was not there before,
    /// and whose BackupDesc equals -BackupRemark when one was given, and is Succeeded (the list may lag the request).
    /// -Timeout bounds the whole wait. Several matching new backups (another manual backup started at the same time) are
    /// an error: give -BackupRemark a text of its own. A request that ends failed, paused or undoed is an error carrying
    /// the service's status. -WhatIf sends nothing.
    /// </remarks>
    /// <example>
    /// <code>New-MongoBackup -InstanceId cmgo-p8vnipr5 -BackupMethod Physical -Wait | New-MongoBackupDownloadTask | Wait-MongoBackupDownloadTask | Save-MongoBackupFile -Destination ./backups</code>
    /// <para>Takes a physical backup, waits for it, and downloads it.</para>
    /// </example>
    /// <example>
    /// <code>Get-MongoInstance -ProjectId 1001 | New-MongoBackup -BackupMethod Logical -BackupRemark 'before release 4.2' -BackupRetentionDays 30 | Wait-MongoAsyncRequest -Timeout 7200</code>
    /// <para>Starts a logical backup of every instance of a project, kept 30 days, and waits up to two hours for them all.</para>
    /// </example>
    /// <example>
    /// <code>New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical -BackupRetentionDays -2 -WhatIf</code>
    /// <para>Shows the backup that would be started (kept for ever), without starting it.</para>
    /// </example>
    [Cmdlet(VerbsCommon.New, "MongoBackup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AsyncRequest), typeof(Backup))]
    public sealed class NewMongoBackupCommand : RegionalCmdlet
    {
        private readonly List<Started> _started = new List<Started>();
        private readonly HashSet<long> _claimed = new HashSet<long>();

        /// <summary>The instance to back up, such as cmgo-p8vnipr5. Accepts strings and objects with an InstanceId property (instances) from the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateInstanceId]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string InstanceId { get; set; }

        /// <summary>How to back up: Logical, Physical or Snapshot (the documentation: general-purpose instances take Logical and Physical, cloud-disk instances Physical and Snapshot; an instance with storage encryption cannot back up physically).</summary>
        [Parameter(Mandatory = true)]
        public BackupMethod BackupMethod { get; set; }

        /// <summary>A remark stored with the backup (its BackupDesc). With -Wait it also tells the new backup apart from others started at the same time.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string BackupRemark { get; set; }

        /// <summary>How long the backup is kept: -2 for ever, -1 as the long-term retention rule says, 0 the rule's configured days, or 1 to 7300 days. The service's default when omitted.</summary>
        [Parameter]
        [ValidateRange(-2, 7300)]
        public int BackupRetentionDays { get; set; }

        /// <summary>Waits for the backup and writes the new Backup (see the description for how it is found) instead of the async request.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>With -Wait: time between two polls: seconds, or a TimeSpan, from 0.1 seconds to 1 hour (default 5 seconds).</summary>
        [Parameter]
        [SecondsTransformation]
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>With -Wait: how long to wait in all, for the request and for the backup to be listed: seconds, or a TimeSpan, 0 or more (default 1 hour).</summary>
        [Parameter]
        [SecondsTransformation]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(1);

        protected override void BeginProcessing()
        {
            WaitLimits.Check(this, PollInterval, Timeout);
            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            try
            {
                MongoDbApi api = ApiFor(Region);
                string remark = BackupRemark == null ? "" : $", remark '{BackupRemark}'";
                string kept = !Has(nameof(BackupRetentionDays)) ? ""
                    : BackupRetentionDays == -2 ? ", kept for ever"
                    : BackupRetentionDays == -1 ? ", kept as the long-term rule says"
                    : BackupRetentionDays == 0 ? ", kept the rule's configured days"
                    : $", kept {BackupRetentionDays} days";
                if (!ShouldProcess($"{InstanceId} in {api.Region} ({BackupMethod} backup{remark}{kept})", "Start a manual backup")) return;

                HashSet<long> before = null;
                if (Wait)
                {
                    List<Backup> listed = Await(ct => MongoDbApi.AllAsync(api.DescribeDBBackups(new BackupQuery { InstanceId = InstanceId }), ct));
                    before = new HashSet<long>(listed.Select(b => b.BackId));
                    WriteVerbose($"{InstanceId} lists {listed.Count} backups before the new one.");
                }
                var request = new CreateBackupRequest
                {
                    InstanceId = InstanceId,
                    BackupMethod = BackupMethod,
                    BackupRemark = BackupRemark,
                    BackupRetentionDays = Has(nameof(BackupRetentionDays)) ? BackupRetentionDays : (int?)null,
                };
                AsyncRequest started = Await(ct => api.CreateBackupDBInstanceAsync(request, ct));
                WriteVerbose($"{api.LastResponse.Action} {InstanceId}: AsyncRequestId {started.AsyncRequestId} in {api.LastResponse.Elapsed.TotalMilliseconds:0} ms (RequestId {api.LastResponse.RequestId})");
                if (Wait) _started.Add(new Started(started, before, BackupMethod, BackupRemark));
                else WriteObject(started);
            }
            catch (Exception e) when (e is TencentCloudException || e is InvalidResponseException)
            {
                WriteFailure(e, InstanceId);
            }
        }

        protected override void EndProcessing()
        {
            if (_started.Count > 0)
            {
                var waiter = new AsyncRequestWaiter(this, PollInterval, Timeout, "backup");
                foreach (Started s in _started) waiter.Add(s.Request, s.Request);
                var succeeded = new List<Started>();
                waiter.Run((done, input) =>
                {
                    Started s = _started.First(x => ReferenceEquals(x.Request, input));
                    s.Done = done;
                    succeeded.Add(s);
                });
                FindBackups(succeeded, waiter);
            }
            base.EndProcessing();
        }

        /// <summary>Lists the instances' backups until each succeeded request's backup is there and Succeeded.</summary>
        private void FindBackups(List<Started> waiting, AsyncRequestWaiter waiter)
        {
            const int activityId = 41;
            while (waiting.Count > 0)
            {
                foreach (IGrouping<(string, string), Started> group in waiting.GroupBy(s => (s.Request.RequestRegion, s.Request.InstanceId)).ToList())
                {
                    List<Backup> listed;
                    try
                    {
                        MongoDbApi api = ApiFor(group.Key.Item1);
                        listed = Await(ct => MongoDbApi.AllAsync(api.DescribeDBBackups(new BackupQuery { InstanceId = group.Key.Item2 }), ct));
                    }
                    catch (Exception e) when (e is TencentCloudException || e is InvalidResponseException)
                    {
                        foreach (Started s in group) { WriteFailure(e, s.Done); waiting.Remove(s); }
                        continue;
                    }
                    foreach (Started s in group.OrderBy(x => x.Done.StartTime ?? DateTimeOffset.MaxValue)) Look(s, listed, waiting);
                }
                if (waiting.Count == 0) break;
                TimeSpan left = waiter.Remaining;
                if (left <= TimeSpan.Zero)
                {
                    foreach (Started s in waiting)
                        WriteError(ErrorRecords.Create(this, ErrorCatalog.NewBackupNotListed,
                            $"The backup request {s.Request.AsyncRequestId} of {s.Request.InstanceId} succeeded, but no new {(s.Last == null ? "" : "succeeded ")}manual {s.Method} backup{(s.Remark == null ? "" : $" with the remark '{s.Remark}'")} was listed within {waiter.Timeout}{(s.Last == null ? "" : $" ('{s.Last.BackupName}' is still {s.Last.Status})")}.", s.Done));
                    break;
                }
                WriteProgress(new ProgressRecord(activityId, "Waiting for the new backups to be listed", $"{waiting.Count} to come: {string.Join(", ", waiting.Select(s => s.Request.InstanceId))}"));
                TimeSpan pause = PollInterval < left ? PollInterval : left;
                Await(ct => Timing.System.Delay(pause, ct));
            }
            WriteProgress(new ProgressRecord(activityId, "Waiting for the new backups to be listed", "Done") { RecordType = ProgressRecordType.Completed });
        }

        /// <summary>
        /// The new backup of a request among the listed ones: a manual backup of the requested method not listed before
        /// the request (nor taken by another request of this command), with the remark when one was given. Several
        /// candidates are narrowed to those that started while the request ran; still several is an error.
        /// </summary>
        private void Look(Started s, List<Backup> listed, List<Started> waiting)
        {
            List<Backup> candidates = listed.Where(b => !s.Before.Contains(b.BackId) && !_claimed.Contains(b.BackId)
                && b.BackupType == BackupType.Manual && b.BackupMethod == s.Method
                && (s.Remark == null || string.Equals(b.BackupDesc, s.Remark, StringComparison.Ordinal))).ToList();
            if (candidates.Count > 1 && s.Done.StartTime.HasValue)
            {
                DateTimeOffset from = s.Done.StartTime.Value.AddMinutes(-1), to = (s.Done.EndTime ?? s.Done.StartTime.Value).AddMinutes(1);
                List<Backup> during = candidates.Where(b => b.StartTime >= from && b.StartTime <= to).ToList();
                if (during.Count > 0) candidates = during;
            }
            if (candidates.Count > 1)
            {
                WriteError(ErrorRecords.Create(this, ErrorCatalog.NewBackupAmbiguous,
                    $"The backup request {s.Request.AsyncRequestId} of {s.Request.InstanceId} succeeded, and {candidates.Count} new manual {s.Method} backups match it: {string.Join(", ", candidates.Select(b => $"'{b.BackupName}' (BackId {b.BackId})"))}.", s.Done));
                waiting.Remove(s);
                return;
            }
            if (candidates.Count == 0) return;
            Backup found = candidates[0];
            s.Last = found;
            if (found.Status != BackupStatus.Succeeded) return;
            _claimed.Add(found.BackId);
            waiting.Remove(s);
            WriteVerbose($"The backup request {s.Request.AsyncRequestId} of {s.Request.InstanceId} made '{found.BackupName}' (BackId {found.BackId}).");
            WriteObject(found);
        }

        private sealed class Started
        {
            public Started(AsyncRequest request, HashSet<long> before, BackupMethod method, string remark)
            {
                Request = request;
                Before = before;
                Method = method;
                Remark = remark;
            }

            public AsyncRequest Request { get; }
            public HashSet<long> Before { get; }
            public BackupMethod Method { get; }
            public string Remark { get; }
            public AsyncRequest Done { get; set; }
            public Backup Last { get; set; }
        }
    }
}
