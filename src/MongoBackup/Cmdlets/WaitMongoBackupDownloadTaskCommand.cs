using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using MongoBackup.Client;

namespace MongoBackup.Commands
{
    /// <summary>Waits until backup download tasks are ready, and writes each one the moment it is.</summary>
    /// <remarks>
    /// Polls DescribeBackupDownloadTask every -PollInterval seconds, with one request per instance and backup name per round
    /// (not one per task), and shows a progress bar per task with its Percent. A task that reaches Downloaded is written at
    /// once, with its download Url, so Save-MongoBackupFile can start on it while the others are still being prepared. A task
    /// that fails is a non-terminating error; when -Timeout passes, one error names each task still pending. Ctrl+C stops at
    /// once. Takes the tasks that New-MongoBackupDownloadTask or Get-MongoBackupDownloadTask write, or -InstanceId and
    /// -BackupName (every replica set of that backup unless -ReplicaSetId names some).
    /// </remarks>
    /// <example>
    /// <code>New-MongoBackupDownloadTask cmgo-p8vnipr5 'cmgo-p8vnipr5_2026-11-28 03:00' | Wait-MongoBackupDownloadTask</code>
    /// <para>Prepares a backup and waits for it.</para>
    /// </example>
    /// <example>
    /// <code>Wait-MongoBackupDownloadTask -InstanceId cmgo-9d0p6umb -BackupName 'cmgo-9d0p6umb_2026-11-28 03:00' -PollInterval 10 -Timeout 7200</code>
    /// <para>Waits up to two hours for every shard of a backup, asking every 10 seconds.</para>
    /// </example>
    [Cmdlet(VerbsLifecycle.Wait, "MongoBackupDownloadTask", DefaultParameterSetName = TaskSet)]
    [OutputType(typeof(BackupDownloadTask))]
    public sealed class WaitMongoBackupDownloadTaskCommand : MongoBackupCmdlet
    {
        private const string TaskSet = "Task";
        private const string NameSet = "Name";
        private const int MissingRoundsAllowed = 2;

        private readonly List<Waiter> _waiters = new List<Waiter>();

        /// <summary>The tasks to wait for (from New-MongoBackupDownloadTask or Get-MongoBackupDownloadTask).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = TaskSet)]
        [ValidateNotNull]
        public BackupDownloadTask[] InputObject { get; set; }

        /// <summary>The instance whose backup to wait for, such as cmgo-p8vnipr5.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = NameSet)]
        [ValidateInstanceId]
        public string InstanceId { get; set; }

        /// <summary>The backup's name.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = NameSet)]
        [ValidateNotNullOrEmpty]
        public string BackupName { get; set; }

        /// <summary>Only these replica sets (shards); every one that has a task for the backup when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = NameSet)]
        [ValidateNotNullOrEmpty]
        public string[] ReplicaSetId { get; set; }

        /// <summary>Time between two rounds of polling: seconds, or a TimeSpan (default 5 seconds).</summary>
        [Parameter]
        [SecondsTransformation]
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>How long to wait in all before giving up on the tasks still pending: seconds, or a TimeSpan (default 1 hour).</summary>
        [Parameter]
        [SecondsTransformation]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(1);

        protected override void BeginProcessing()
        {
            if (PollInterval < TimeSpan.FromMilliseconds(100) || PollInterval > TimeSpan.FromHours(1))
                ThrowTerminatingError(ErrorRecords.Argument("InvalidPollInterval",
                    $"-PollInterval {PollInterval} is out of range: give from 0.1 seconds to 1 hour, such as -PollInterval 5 (seconds).", PollInterval));
            if (Timeout < TimeSpan.Zero)
                ThrowTerminatingError(ErrorRecords.Argument("InvalidTimeout",
                    $"-Timeout {Timeout} is negative: give how long to wait, such as -Timeout 3600 (seconds) or -Timeout 01:00:00.", Timeout));
            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == TaskSet)
            {
                foreach (BackupDownloadTask task in InputObject)
                {
                    if (string.IsNullOrEmpty(task.InstanceId) || string.IsNullOrEmpty(task.BackupName) || string.IsNullOrEmpty(task.ReplicaSetId))
                    {
                        WriteError(ErrorRecords.Argument("IncompleteTask",
                            "The task object lacks its InstanceId, BackupName or ReplicaSetId. Pipe the tasks that New-MongoBackupDownloadTask or Get-MongoBackupDownloadTask write.", task));
                        continue;
                    }
                    Add(new Waiter(task.Region ?? Region, task.InstanceId, task.BackupName, task.ReplicaSetId, task));
                }
            }
            else if (ReplicaSetId != null)
            {
                foreach (string id in ReplicaSetId) Add(new Waiter(Region, InstanceId, BackupName, id, InstanceId));
            }
            else
            {
                Add(new Waiter(Region, InstanceId, BackupName, null, InstanceId));
            }
        }

        private void Add(Waiter waiter)
        {
            if (!_waiters.Any(w => w.SameAs(waiter))) _waiters.Add(waiter);
        }

        protected override void EndProcessing()
        {
            var clock = Stopwatch.StartNew();
            int total = _waiters.Count;
            int ready = 0;
            var progressIds = new Dictionary<Waiter, int>();
            while (_waiters.Count > 0)
            {
                foreach (IGrouping<(string, string, string), Waiter> group in _waiters.GroupBy(w => w.Key).ToList())
                {
                    List<BackupDownloadTask> tasks;
                    (string region, string instanceId, string backupName) = group.Key;
                    try
                    {
                        var request = new JsonObject { ["InstanceId"] = instanceId, ["BackupName"] = backupName };
                        tasks = FetchAll(ClientForRegion(region), GetMongoBackupDownloadTaskCommand.Action, request, $"{instanceId} '{backupName}'", "tasks",
                            r => r.GetObjectArray("Tasks").Select(t => BackupDownloadTask.FromJson(t, instanceId)).ToList(), r => r.GetInt64("TotalCount"));
                    }
                    catch (Exception e) when (e is TencentCloudException || e is InvalidResponseException)
                    {
                        foreach (Waiter w in group) { WriteFailure(e, w.Input); Finish(w, progressIds); }
                        continue;
                    }

                    foreach (Waiter w in group.ToList())
                    {
                        if (w.ReplicaSetId == null)
                        {
                            // By name without -ReplicaSetId: one waiter per replica set that has a task for this backup.
                            _waiters.Remove(w);
                            foreach (string id in tasks.Select(t => t.ReplicaSetId).Distinct(StringComparer.Ordinal))
                                _waiters.Add(new Waiter(w.Region, w.InstanceId, w.BackupName, id, w.Input));
                            if (!tasks.Any())
                                WriteError(new ErrorRecord(new ItemNotFoundException($"No download task exists for backup '{w.BackupName}' of {w.InstanceId}. Create one with New-MongoBackupDownloadTask."),
                                    "DownloadTaskNotFound", ErrorCategory.ObjectNotFound, w.Input));
                            continue;
                        }
                        BackupDownloadTask current = BackupDownloadTask.NewestFor(tasks, w.ReplicaSetId);
                        if (current == null)
                        {
                            if (++w.MissingRounds > MissingRoundsAllowed)
                            {
                                WriteError(new ErrorRecord(new ItemNotFoundException($"No download task of backup '{w.BackupName}' exists for replica set {w.ReplicaSetId} of {w.InstanceId}. Create one with New-MongoBackupDownloadTask."),
                                    "DownloadTaskNotFound", ErrorCategory.ObjectNotFound, w.Input));
                                Finish(w, progressIds);
                            }
                            continue;
                        }
                        if (string.IsNullOrEmpty(current.Region)) current.Region = w.Region;
                        w.Last = current;
                        switch (current.Status)
                        {
                            case BackupDownloadTaskStatus.Downloaded:
                                ready++;
                                Finish(w, progressIds);
                                WriteObject(current);
                                break;
                            case BackupDownloadTaskStatus.Failed:
                                WriteError(new ErrorRecord(new InvalidOperationException($"The download task of backup '{w.BackupName}' for {w.ReplicaSetId} failed on the service side. Create a new one with New-MongoBackupDownloadTask; if it fails again, open a ticket with the backup name."),
                                    "BackupDownloadTaskFailed", ErrorCategory.InvalidResult, current));
                                Finish(w, progressIds);
                                break;
                            default:
                                ShowProgress(w, progressIds, total, ready);
                                break;
                        }
                    }
                }
                if (_waiters.Count == 0) break;

                TimeSpan left = Timeout - clock.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    foreach (Waiter w in _waiters.ToList())
                    {
                        string state = w.Last == null ? "not listed yet" : $"{w.Last.Status}, {w.Last.Percent}%";
                        WriteError(new ErrorRecord(new TimeoutException($"The download task of backup '{w.BackupName}' for {w.ReplicaSetId ?? w.InstanceId} is still pending ({state}) after {Timeout}. Wait again with a longer -Timeout: the task goes on on the service side."),
                            "WaitTimeout", ErrorCategory.OperationTimeout, (object)w.Last ?? w.Input));
                        Finish(w, progressIds);
                    }
                    break;
                }
                TimeSpan pause = PollInterval < left ? PollInterval : left;
                Await(async ct => { await Task.Delay(pause, ct).ConfigureAwait(false); return true; });
            }
            if (total > 0) WriteProgress(new ProgressRecord(ParentActivityId, ParentActivity, "Done") { RecordType = ProgressRecordType.Completed });
            base.EndProcessing();
        }

        private const int ParentActivityId = 1;
        private const string ParentActivity = "Waiting for backup download tasks";

        private void ShowProgress(Waiter w, Dictionary<Waiter, int> ids, int total, int ready)
        {
            WriteProgress(new ProgressRecord(ParentActivityId, ParentActivity, $"{ready} of {total} ready") { PercentComplete = total == 0 ? 0 : ready * 100 / total });
            if (!ids.TryGetValue(w, out int id)) ids[w] = id = ParentActivityId + 1 + ids.Count;
            WriteProgress(new ProgressRecord(id, $"{w.ReplicaSetId} '{w.BackupName}'", $"{w.Last.Status}, {w.Last.Percent}%")
            {
                ParentActivityId = ParentActivityId,
                PercentComplete = Math.Max(0, Math.Min(100, w.Last.Percent)),
            });
        }

        private void Finish(Waiter w, Dictionary<Waiter, int> ids)
        {
            _waiters.Remove(w);
            if (ids.TryGetValue(w, out int id))
                WriteProgress(new ProgressRecord(id, $"{w.ReplicaSetId} '{w.BackupName}'", "Done") { ParentActivityId = ParentActivityId, RecordType = ProgressRecordType.Completed });
        }

        private sealed class Waiter
        {
            public Waiter(string region, string instanceId, string backupName, string replicaSetId, object input)
            {
                Region = string.IsNullOrWhiteSpace(region) ? null : region;
                InstanceId = instanceId;
                BackupName = backupName;
                ReplicaSetId = replicaSetId;
                Input = input;
            }

            public string Region { get; }
            public string InstanceId { get; }
            public string BackupName { get; }
            public string ReplicaSetId { get; }
            public object Input { get; }
            public int MissingRounds { get; set; }
            public BackupDownloadTask Last { get; set; }
            public (string, string, string) Key => (Region, InstanceId, BackupName);

            public bool SameAs(Waiter other) =>
                Key.Equals(other.Key) && string.Equals(ReplicaSetId, other.ReplicaSetId, StringComparison.Ordinal);
        }
    }
}
