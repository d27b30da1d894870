using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using MongoBackup.Api;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>Waits until backup download tasks are ready, and writes each one the moment it is.</summary>
    /// <remarks>
    /// Polls DescribeBackupDownloadTask every -PollInterval seconds, with one request per instance and backup name per round
    /// (not one per task), and shows a progress bar per task with its Percent. A task that reaches Downloaded is written at
    /// once, with its download Url, so Save-MongoBackupFile can start on it while the others are still being prepared. A task
    /// that fails is a non-terminating error; when -Timeout passes, one error names each task still pending. Ctrl+C stops at
    /// once. Takes the tasks that New-MongoBackupDownloadTask or Get-MongoBackupDownloadTask write (and asks the region each
    /// was read from, its RequestRegion), or -InstanceId and -BackupName (every replica set of that backup unless
    /// -ReplicaSetId names some).
    /// </remarks>
    /// <example>
    /// <code>New-MongoBackupDownloadTask cmgo-p8vnipr5 'cmgo-p8vnipr5_2026-11-28 03:00' | Wait-MongoBackupDownloadTask</code>
    /// <para>Prepares a backup and waits for it.</para>
    /// </example>
    /// <example>
    /// <code>Wait-MongoBackupDownloadTask -InstanceId cmgo-9d0p6umb -BackupName 'cmgo-9d0p6umb_2026-11-28 03:00' -Region ap-shanghai -PollInterval 10 -Timeout 7200</code>
    /// <para>Waits up to two hours for every shard of a backup, asking every 10 seconds.</para>
    /// </example>
    [Cmdlet(VerbsLifecycle.Wait, "MongoBackupDownloadTask", DefaultParameterSetName = TaskSet)]
    [OutputType(typeof(BackupDownloadTask))]
    public sealed class WaitMongoBackupDownloadTaskCommand : RegionalCmdlet
    {
        private const string TaskSet = "Task";
        private const string NameSet = "Name";
        private const int MissingRoundsAllowed = 2;
        private const int ParentActivityId = 1;
        private const string ParentActivity = "Waiting for backup download tasks";

        private readonly List<Waiter> _waiters = new List<Waiter>();
        private readonly Dictionary<Waiter, int> _progressIds = new Dictionary<Waiter, int>();
        private int _total;
        private int _ready;

        /// <summary>The tasks to wait for (from New-MongoBackupDownloadTask or Get-MongoBackupDownloadTask).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = TaskSet)]
        [ValidateNotNull]
        public BackupDownloadTask[] InputObject { get; set; }

        /// <summary>The instance whose backup to wait for, such as cmgo-p8vnipr5.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = NameSet)]
        [ValidateInstanceId]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string InstanceId { get; set; }

        /// <summary>The backup's name.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = NameSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(BackupCompleter))]
        public string BackupName { get; set; }

        /// <summary>Only these replica sets (shards); every one that has a task for the backup when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = NameSet)]
        [ValidateNotNullOrEmpty]
        public string[] ReplicaSetId { get; set; }

        /// <summary>Time between two rounds of polling: seconds, or a TimeSpan, from 0.1 seconds to 1 hour (default 5 seconds).</summary>
        [Parameter]
        [SecondsTransformation]
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>How long to wait in all before giving up on the tasks still pending: seconds, or a TimeSpan, 0 or more (default 1 hour).</summary>
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
            if (ParameterSetName == TaskSet)
            {
                foreach (BackupDownloadTask task in InputObject)
                {
                    if (string.IsNullOrEmpty(task.InstanceId) || string.IsNullOrEmpty(task.BackupName) || string.IsNullOrEmpty(task.ReplicaSetId))
                    {
                        WriteError(ErrorRecords.Create(this, ErrorCatalog.IncompleteTask, "The task object lacks its InstanceId, BackupName or ReplicaSetId.", task));
                        continue;
                    }
                    // The region the task was read from; a task made by hand may carry only the API's Region.
                    Add(new Waiter(task.RequestRegion ?? Region, task.InstanceId, task.BackupName, task.ReplicaSetId, task));
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
            _total = _waiters.Count;
            while (_waiters.Count > 0)
            {
                foreach (IGrouping<(string, string, string), Waiter> group in _waiters.GroupBy(w => w.Key).ToList())
                    Poll(group.Key, group.ToList());
                if (_waiters.Count == 0) break;
                TimeSpan left = Timeout - clock.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    GiveUp();
                    break;
                }
                TimeSpan pause = PollInterval < left ? PollInterval : left;
                Await(ct => Task.Delay(pause, ct));
            }
            if (_total > 0) WriteProgress(new ProgressRecord(ParentActivityId, ParentActivity, "Done") { RecordType = ProgressRecordType.Completed });
            base.EndProcessing();
        }

        /// <summary>One request for the tasks of one backup, and what it says of each waiter.</summary>
        private void Poll((string Region, string InstanceId, string BackupName) key, List<Waiter> waiters)
        {
            List<BackupDownloadTask> tasks;
            try
            {
                MongoDbApi api = ApiFor(key.Region);
                IPager<BackupDownloadTask> pager = api.DescribeBackupDownloadTask(new DownloadTaskQuery { InstanceId = key.InstanceId, BackupName = key.BackupName });
                tasks = Await(ct => MongoDbApi.AllAsync(pager, ct,
                    page => Pump.Verbose($"{pager.ActionName} {key.InstanceId} '{key.BackupName}': {page.Received} tasks of {page.TotalCount} in {page.Elapsed.TotalMilliseconds:0} ms (RequestId {page.RequestId})")));
            }
            catch (Exception e) when (e is TencentCloudException || e is InvalidResponseException)
            {
                foreach (Waiter w in waiters) { WriteFailure(e, w.Input); Finish(w); }
                return;
            }
            foreach (Waiter w in waiters)
            {
                if (w.ReplicaSetId == null) Expand(w, tasks);
                else Update(w, BackupDownloadTask.NewestFor(tasks, w.ReplicaSetId));
            }
        }

        /// <summary>By name without -ReplicaSetId: one waiter per replica set that has a task for this backup.</summary>
        private void Expand(Waiter w, List<BackupDownloadTask> tasks)
        {
            _waiters.Remove(w);
            _total--;
            foreach (string id in tasks.Select(t => t.ReplicaSetId).Distinct(StringComparer.Ordinal))
            {
                _waiters.Add(new Waiter(w.Region, w.InstanceId, w.BackupName, id, w.Input));
                _total++;
            }
            if (!tasks.Any())
                WriteError(ErrorRecords.Create(this, ErrorCatalog.DownloadTaskNotFound, $"No download task exists for backup '{w.BackupName}' of {w.InstanceId}.", w.Input));
        }

        private void Update(Waiter w, BackupDownloadTask current)
        {
            if (current == null)
            {
                if (++w.MissingRounds > MissingRoundsAllowed)
                {
                    WriteError(ErrorRecords.Create(this, ErrorCatalog.DownloadTaskNotFound,
                        $"No download task of backup '{w.BackupName}' exists for replica set {w.ReplicaSetId} of {w.InstanceId}.", w.Input));
                    Finish(w);
                }
                return;
            }
            w.Last = current;
            switch (current.Status)
            {
                case BackupDownloadTaskStatus.Downloaded:
                    _ready++;
                    Finish(w);
                    WriteObject(current);
                    break;
                case BackupDownloadTaskStatus.Failed:
                    WriteError(ErrorRecords.Create(this, ErrorCatalog.BackupDownloadTaskFailed,
                        $"The download task of backup '{w.BackupName}' for {w.ReplicaSetId} failed on the service side.", current));
                    Finish(w);
                    break;
                default:
                    ShowProgress(w);
                    break;
            }
        }

        /// <summary>-Timeout has passed: one error per task still pending (the tasks go on on the service side).</summary>
        private void GiveUp()
        {
            foreach (Waiter w in _waiters.ToList())
            {
                string state = w.Last == null ? "not listed yet" : $"{w.Last.Status}, {w.Last.Percent}%";
                WriteError(ErrorRecords.Create(this, ErrorCatalog.WaitTimeout,
                    $"The download task of backup '{w.BackupName}' for {w.ReplicaSetId ?? w.InstanceId} is still pending ({state}) after {Timeout}.", (object)w.Last ?? w.Input));
                Finish(w);
            }
        }

        private void ShowProgress(Waiter w)
        {
            WriteProgress(new ProgressRecord(ParentActivityId, ParentActivity, $"{_ready} of {_total} ready") { PercentComplete = _total == 0 ? 0 : _ready * 100 / _total });
            if (!_progressIds.TryGetValue(w, out int id)) _progressIds[w] = id = ParentActivityId + 1 + _progressIds.Count;
            WriteProgress(new ProgressRecord(id, $"{w.ReplicaSetId} '{w.BackupName}'", $"{w.Last.Status}, {w.Last.Percent}%")
            {
                ParentActivityId = ParentActivityId,
                PercentComplete = Math.Max(0, Math.Min(100, w.Last.Percent)),
            });
        }

        private void Finish(Waiter w)
        {
            _waiters.Remove(w);
            if (_progressIds.TryGetValue(w, out int id))
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
