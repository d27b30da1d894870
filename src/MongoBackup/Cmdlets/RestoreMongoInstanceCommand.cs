using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using MongoBackup.Api;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>Rolls databases and collections of a TencentDB for MongoDB instance back to a point in time.</summary>
    /// <remarks>
    /// Calls RestoreDBInstance once per instance, with every database and collection given (piped databases are gathered
    /// until the input ends). For each collection the data as of -RestoreTime is written to a new collection:
    /// NewCollection when given, else, by this module's own rule (the API requires every collection to be named, and the
    /// documentation sets no rule), the old name followed by _bak_ and the restore time in Beijing time as yyyyMMddHHmmss,
    /// such as orders_bak_20260101030000. -Database takes database names, Database objects from Get-MongoDatabase, or
    /// objects shaped like the API's Databases items (Db, and Collections of names or of OldCollection/NewCollection). A
    /// database given by name alone (or without collections) means all its collections, as Get-MongoDatabase -Name lists
    /// them (DescribeDBInstanceNamespace).
    ///
    /// -RestoreTime must lie within the backup retention. Before anything is written it is checked: a time in the future
    /// is refused at once; then against the retention of the rule (DescribeBackupRules: not before now minus BackupSaveTime
    /// days) and, where DescribeDBBackups can tell (its 7 days cover the whole retention), against the backups: not before
    /// the RestoreTime of the oldest succeeded backup. The impact is High: PowerShell asks for confirmation, naming the
    /// instance, the time and every database and collection rolled back, unless -Force, -Confirm:$false or a
    /// $ConfirmPreference of None says not to; -WhatIf shows the same text and sends no restore (it reads the collections
    /// and the range to show and check them).
    ///
    /// The command writes the restore's FlowId as an async request (AsyncRequestId = the FlowId). No action to follow a
    /// FlowId is documented; DescribeAsyncRequestInfo is what other tools use with it (the Terraform provider passes the
    /// FlowId to DescribeAsyncRequestInfo), and so does -Wait here, and Wait-MongoAsyncRequest.
    /// </remarks>
    /// <example>
    /// <code>Restore-MongoInstance -InstanceId cmgo-p8vnipr5 -RestoreTime (Get-Date).AddHours(-1) -Database orders -Wait</code>
    /// <para>Rolls every collection of the database orders back an hour (into orders_bak_... collections) and waits for the restore.</para>
    /// </example>
    /// <example>
    /// <code>Get-MongoDatabase cmgo-p8vnipr5 -Name orders, customers | Restore-MongoInstance -RestoreTime '2026-11-28 03:00' -WhatIf</code>
    /// <para>Shows every collection of two databases that would be rolled back, and to which names, without restoring.</para>
    /// </example>
    /// <example>
    /// <code>Restore-MongoInstance cmgo-p8vnipr5 (Get-Date).AddMinutes(-30) -Database @{ Db = 'orders'; Collections = @(@{ OldCollection = 'refunds'; NewCollection = 'refunds_before_incident' }) } -Force | Wait-MongoAsyncRequest</code>
    /// <para>Rolls one collection back 30 minutes under a chosen name, without asking, and waits for it.</para>
    /// </example>
    [Cmdlet(VerbsData.Restore, "MongoInstance", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(AsyncRequest))]
    public sealed class RestoreMongoInstanceCommand : RegionalCmdlet
    {
        private readonly List<Group> _groups = new List<Group>();
        private readonly List<AsyncRequest> _started = new List<AsyncRequest>();

        /// <summary>The instance to roll back, such as cmgo-p8vnipr5. Taken by property name from piped objects (databases).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateInstanceId]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string InstanceId { get; set; }

        /// <summary>The point in time to roll back to: a DateTime or DateTimeOffset within the backup retention and not in the future (a DateTime of kind Utc is UTC, any other local time), sent as Beijing time to the second.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        public DateTimeOffset RestoreTime { get; set; }

        /// <summary>What to roll back: database names (all their collections), Database objects from Get-MongoDatabase, or objects such as @{ Db = 'orders'; Collections = @('orders', @{ OldCollection = 'refunds'; NewCollection = 'refunds_old' }) }. Accepts them from the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 2, ValueFromPipeline = true)]
        [RestoreDatabaseTransformation]
        [ValidateNotNullOrEmpty]
        public RestoreDatabase[] Database { get; set; }

        /// <summary>Waits for the restore (DescribeAsyncRequestInfo with the FlowId) and writes it once it has succeeded.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>With -Wait: time between two polls: seconds, or a TimeSpan, from 0.1 seconds to 1 hour (default 5 seconds).</summary>
        [Parameter]
        [SecondsTransformation]
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>With -Wait: how long to wait in all: seconds, or a TimeSpan, 0 or more (default 1 hour).</summary>
        [Parameter]
        [SecondsTransformation]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(1);

        /// <summary>Restores without asking for confirmation (-WhatIf still only shows, and an explicit -Confirm still asks).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void BeginProcessing()
        {
            WaitLimits.Check(this, PollInterval, Timeout);
            if (RestoreTime > Timing.System.UtcNow())
                ThrowTerminatingError(ErrorRecords.Create(this, ErrorCatalog.RestoreTimeOutOfRange,
                    $"-RestoreTime {BeijingTime.ToApiString(RestoreTime)} (Beijing time) is in the future: give a time that has passed, within the backup retention, such as (Get-Date).AddHours(-1). Nothing was sent.", RestoreTime));
            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            string region = string.IsNullOrWhiteSpace(Region) ? null : Region.Trim();
            Group group = _groups.FirstOrDefault(g => g.Region == region && g.InstanceId == InstanceId);
            if (group == null) _groups.Add(group = new Group(region, InstanceId));
            foreach (RestoreDatabase database in Database.Where(d => d != null)) group.Add(database);
        }

        protected override void EndProcessing()
        {
            foreach (Group group in _groups) Restore(group);
            if (Wait && _started.Count > 0)
            {
                var waiter = new AsyncRequestWaiter(this, PollInterval, Timeout, "restore");
                foreach (AsyncRequest request in _started) waiter.Add(request, request);
                waiter.Run((done, input) => WriteObject(done));
            }
            base.EndProcessing();
        }

        private void Restore(Group group)
        {
            try
            {
                MongoDbApi api = ApiFor(group.Region);
                if (!Complete(api, group)) return;
                if (!InRange(api, group)) return;
                string when = BeijingTime.ToApiString(RestoreTime) + " Beijing time";
                string collections = string.Join("; ", group.Databases.Select(d => $"{d.Db}: " + string.Join(", ", d.Collections.Select(c => $"{c.OldCollection} -> {c.NewCollection}"))));
                string what = $"Roll {group.InstanceId} in {api.Region} back to {when}: {collections}";
                if (!Confirmation.ShouldAct(this, Force, what,
                        $"{what}. Each collection's data as of that time is written to the new name. Restore?", "Restore an instance to a point in time")) return;

                var request = new RestoreRequest { InstanceId = group.InstanceId, RestoreTime = RestoreTime, Databases = group.Databases };
                AsyncRequest started = Await(ct => api.RestoreDBInstanceAsync(request, ct));
                WriteVerbose($"{api.LastResponse.Action} {group.InstanceId}: FlowId {started.AsyncRequestId} in {api.LastResponse.Elapsed.TotalMilliseconds:0} ms (RequestId {api.LastResponse.RequestId})");
                if (Wait) _started.Add(started);
                else WriteObject(started);
            }
            catch (Exception e) when (e is TencentCloudException || e is InvalidResponseException)
            {
                WriteFailure(e, group.Target);
            }
        }

        /// <summary>Lists the collections of the databases given without them, and names every new collection.</summary>
        private bool Complete(MongoDbApi api, Group group)
        {
            foreach (RestoreDatabase database in group.Databases.Where(d => d.Collections == null))
            {
                var query = new NamespaceQuery { InstanceId = group.InstanceId, DbName = database.Db };
                IReadOnlyList<Database> found = Await(ct => api.DescribeDBInstanceNamespaceAsync(query, ct));
                string[] names = found.SelectMany(f => f.Collections ?? Array.Empty<string>()).Distinct(StringComparer.Ordinal).ToArray();
                WriteVerbose($"{api.LastResponse.Action} {group.InstanceId} {database.Db}: {names.Length} collections (RequestId {api.LastResponse.RequestId})");
                if (names.Length == 0)
                {
                    WriteError(ErrorRecords.Create(this, ErrorCatalog.NoCollectionToRestore,
                        $"The database '{database.Db}' of {group.InstanceId} has no collection to roll back. Nothing was sent.", database));
                    return false;
                }
                database.Collections = names.Select(n => new RestoreCollection { OldCollection = n }).ToArray();
            }
            string stamp = RestoreTime.ToOffset(BeijingTime.Offset).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            foreach (RestoreDatabase database in group.Databases)
                database.Collections = database.Collections.Select(c => new RestoreCollection
                {
                    OldCollection = c.OldCollection,
                    NewCollection = string.IsNullOrWhiteSpace(c.NewCollection) ? NewName(c.OldCollection, stamp) : c.NewCollection.Trim(),
                }).ToArray();
            return true;
        }

        /// <summary>The module's naming rule for a collection given without NewCollection.</summary>
        internal static string NewName(string oldCollection, string restoreStamp) => oldCollection + "_bak_" + restoreStamp;

        /// <summary>
        /// The restore time against the retention of the rule and, where DescribeDBBackups sees the whole retention (7
        /// days or less), against the oldest succeeded backup's RestoreTime.
        /// </summary>
        private bool InRange(MongoDbApi api, Group group)
        {
            BackupRule rule = Await(ct => api.DescribeBackupRulesAsync(group.InstanceId, ct));
            List<Backup> backups = Await(ct => MongoDbApi.AllAsync(api.DescribeDBBackups(new BackupQuery { InstanceId = group.InstanceId }), ct));
            DateTimeOffset now = Timing.System.UtcNow();
            DateTimeOffset earliest = now.AddDays(-rule.BackupSaveTime);
            string why = $"the rule keeps backups {rule.BackupSaveTime} days";
            if (rule.BackupSaveTime <= 7)
            {
                List<DateTimeOffset> points = backups.Where(b => b.Status == BackupStatus.Succeeded)
                    .Select(b => b.RestoreTime ?? b.EndTime ?? b.StartTime).Where(t => t.HasValue).Select(t => t.Value).ToList();
                if (points.Count == 0)
                    return OutOfRange(group, $"{group.InstanceId} lists no succeeded backup to restore from (Get-MongoBackup).");
                if (points.Min() > earliest)
                {
                    earliest = points.Min();
                    why = "the oldest succeeded backup Get-MongoBackup lists can be restored from then";
                }
            }
            else
            {
                WriteVerbose($"{group.InstanceId} keeps backups {rule.BackupSaveTime} days, longer than the 7 days DescribeDBBackups lists: the restore time is checked against the retention only.");
            }
            if (RestoreTime < earliest)
                return OutOfRange(group, $"-RestoreTime {BeijingTime.ToApiString(RestoreTime)} is before {BeijingTime.ToApiString(earliest)} (Beijing time), the earliest point {group.InstanceId} can be restored to ({why}): give a time from then to now.");
            return true;
        }

        private bool OutOfRange(Group group, string message)
        {
            WriteError(ErrorRecords.Create(this, ErrorCatalog.RestoreTimeOutOfRange, message + " Nothing was sent.", group.Target));
            return false;
        }

        private sealed class Group
        {
            private readonly List<RestoreDatabase> _inputs = new List<RestoreDatabase>();

            public Group(string region, string instanceId)
            {
                Region = region;
                InstanceId = instanceId;
            }

            public string Region { get; }
            public string InstanceId { get; }

            /// <summary>One entry per database: a database given twice gets the union of its collections (all of them if either says all).</summary>
            public List<RestoreDatabase> Databases { get; } = new List<RestoreDatabase>();

            public object Target => _inputs.Count == 1 ? (object)_inputs[0] : _inputs.ToArray();

            public void Add(RestoreDatabase database)
            {
                _inputs.Add(database);
                RestoreDatabase known = Databases.FirstOrDefault(d => string.Equals(d.Db, database.Db, StringComparison.Ordinal));
                if (known == null)
                {
                    Databases.Add(new RestoreDatabase { Db = database.Db, Collections = database.Collections?.ToArray() });
                    return;
                }
                if (known.Collections == null || database.Collections == null)
                {
                    known.Collections = null;
                    return;
                }
                known.Collections = known.Collections.Concat(database.Collections.Where(c => known.Collections.All(k => k.OldCollection != c.OldCollection))).ToArray();
            }
        }
    }
}
