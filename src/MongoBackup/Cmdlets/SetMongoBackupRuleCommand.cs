using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using MongoBackup.Api;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>Changes the automatic backup rule of TencentDB for MongoDB instances.</summary>
    /// <remarks>
    /// Calls SetBackupRules with only the given parameters changed. The documentation gives several fields a default
    /// (such as 7 days of retention and every day of the week), so a field left out of the request may be reset; the
    /// command therefore first reads the current rule (DescribeBackupRules) and sends the whole rule, the given
    /// parameters changed and the others as they were. Every range is checked before anything is sent, and so is the rule
    /// as a whole (long-term days fitting the interval; -LongTermExpiredDays when long-term retention is turned on). A rule
    /// from Get-MongoBackupRule pipes in (its InstanceId and region are used; the rule itself is read afresh, so nothing
    /// is reverted). -Notify (the alert on a failed automatic backup) is sent only when given: the service does not
    /// return it, so its current value cannot be read or shown. -WhatIf and -Confirm list each change as old -> new; a
    /// command that changes nothing sends nothing. -PassThru writes the rule as read back after the change. The
    /// parameter names are the current ones of the API (LongTermInterval and AlertThreshold, not the deprecated
    /// LongTermUnit and AlarmWaterLevel); -BackupRetentionPeriod is what DescribeBackupRules calls BackupSaveTime.
    /// </remarks>
    /// <example>
    /// <code>Get-MongoBackupRule cmgo-p8vnipr5 | Set-MongoBackupRule -BackupTime 3</code>
    /// <para>Moves the automatic backup to 03:00 and keeps everything else.</para>
    /// </example>
    /// <example>
    /// <code>Set-MongoBackupRule cmgo-p8vnipr5 -BackupRetentionPeriod 30 -LongTermInterval Monthly -LongTermActiveDays 1 -LongTermExpiredDays 365 -WhatIf</code>
    /// <para>Shows the changes (old -> new) for 30 days of retention and a monthly backup kept a year, without making them.</para>
    /// </example>
    /// <example>
    /// <code>Get-MongoInstance -ProjectId 1001 | Set-MongoBackupRule -ActiveWeekdays Monday, Wednesday, Friday -PassThru</code>
    /// <para>Backs up every instance of a project three days a week and shows the rules as they are now.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Set, "MongoBackupRule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(BackupRule))]
    public sealed class SetMongoBackupRuleCommand : RegionalCmdlet
    {
        private static readonly string[] RuleParameters =
        {
            nameof(BackupMethod), nameof(BackupTime), nameof(BackupFrequency), nameof(BackupRetentionPeriod), nameof(ActiveWeekdays),
            nameof(LongTermInterval), nameof(LongTermActiveDays), nameof(LongTermExpiredDays), nameof(OplogExpiredDays),
            nameof(BackupVersion), nameof(AlertThreshold),
        };

        /// <summary>The instance, such as cmgo-p8vnipr5. Accepts strings and objects with an InstanceId property (rules, instances) from the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateInstanceId]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string InstanceId { get; set; }

        /// <summary>How automatic backups are taken: Logical, Physical or Snapshot (general-purpose instances take Logical and Physical, cloud-disk instances Physical and Snapshot).</summary>
        [Parameter]
        public BackupMethod BackupMethod { get; set; }

        /// <summary>The hour the automatic backup starts, 0 to 23 (Beijing time; 2 means 02:00).</summary>
        [Parameter]
        [ValidateRange(0, 23)]
        public int BackupTime { get; set; }

        /// <summary>Hours between two automatic backups: 12 (twice a day) or 24 (once a day).</summary>
        [Parameter]
        [ValidateSet("12", "24")]
        public int BackupFrequency { get; set; }

        /// <summary>Whether a failed automatic backup sends an alert ($true or $false). Sent only when given: the service does not return it.</summary>
        [Parameter]
        public SwitchParameter Notify { get; set; }

        /// <summary>Days the backups are kept, 7 to 365 (what Get-MongoBackupRule shows as BackupSaveTime).</summary>
        [Parameter]
        [Alias(nameof(BackupRule.BackupSaveTime))]
        [ValidateRange(7, 365)]
        public int BackupRetentionPeriod { get; set; }

        /// <summary>The days of the week automatic backups run: one or more of Sunday, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday (or 0-6, 0 = Sunday).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public DayOfWeek[] ActiveWeekdays { get; set; }

        /// <summary>Long-term retention: None (off), Weekly or Monthly. Turning it on needs -LongTermActiveDays and -LongTermExpiredDays unless the rule has fitting ones.</summary>
        [Parameter]
        public LongTermInterval LongTermInterval { get; set; }

        /// <summary>The days whose backup is kept long-term: days of the week 0 to 6 (0 = Sunday) with Weekly, days of the month 1 to 31 with Monthly.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateRange(0, 31)]
        public int[] LongTermActiveDays { get; set; }

        /// <summary>Days a long-term backup is kept, 30 to 1075.</summary>
        [Parameter]
        [ValidateRange(30, 1075)]
        public int LongTermExpiredDays { get; set; }

        /// <summary>Days the incremental (oplog) backups are kept, 7 to 365.</summary>
        [Parameter]
        [ValidateRange(7, 365)]
        public int OplogExpiredDays { get; set; }

        /// <summary>The backup scheme: Classic or Advanced.</summary>
        [Parameter]
        public BackupVersion BackupVersion { get; set; }

        /// <summary>Alert threshold of the backup storage use, 50 to 300 percent.</summary>
        [Parameter]
        [ValidateRange(50, 300)]
        public int AlertThreshold { get; set; }

        /// <summary>Writes the rule as read back (DescribeBackupRules) after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            if (!RuleParameters.Any(Has) && !Has(nameof(Notify)))
                ThrowTerminatingError(ErrorRecords.Create(this, ErrorCatalog.InvalidBackupRule,
                    "Give at least one setting to change, such as -BackupTime 3 or -BackupRetentionPeriod 30; Get-Help Set-MongoBackupRule lists them.", null));
            if (Has(nameof(LongTermInterval)) && Has(nameof(LongTermActiveDays)))
                CheckDays(LongTermInterval, LongTermActiveDays, terminating: true);
            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            try
            {
                MongoDbApi api = ApiFor(Region);
                BackupRule current = null;
                if (RuleParameters.Any(p => !Has(p)))
                {
                    current = Await(ct => api.DescribeBackupRulesAsync(InstanceId, ct));
                    WriteVerbose($"{api.LastResponse.Action} {InstanceId}: the current rule, in {api.LastResponse.Elapsed.TotalMilliseconds:0} ms (RequestId {api.LastResponse.RequestId})");
                }
                BackupRuleRequest wanted = Merge(current);
                if (!Valid(wanted, current)) return;
                List<string> changes = Changes(current, wanted);
                if (changes.Count == 0)
                {
                    WriteVerbose($"The backup rule of {InstanceId} already is as given: nothing sent.");
                    if (PassThru) WriteObject(current);
                    return;
                }
                if (!ShouldProcess($"{InstanceId} in {api.Region}: {string.Join("; ", changes)}", "Set the backup rule")) return;
                Await(ct => api.SetBackupRulesAsync(wanted, ct));
                WriteVerbose($"{api.LastResponse.Action} {InstanceId}: {string.Join("; ", changes)} in {api.LastResponse.Elapsed.TotalMilliseconds:0} ms (RequestId {api.LastResponse.RequestId})");
                if (PassThru) WriteObject(Await(ct => api.DescribeBackupRulesAsync(InstanceId, ct)));
            }
            catch (Exception e) when (e is TencentCloudException || e is InvalidResponseException)
            {
                WriteFailure(e, InstanceId);
            }
        }

        /// <summary>The whole rule to send: each given parameter, else the current value.</summary>
        private BackupRuleRequest Merge(BackupRule current) => new BackupRuleRequest
        {
            InstanceId = InstanceId,
            BackupMethod = Has(nameof(BackupMethod)) ? BackupMethod : current.BackupMethod,
            BackupTime = Has(nameof(BackupTime)) ? BackupTime : current.BackupTime,
            BackupFrequency = Has(nameof(BackupFrequency)) ? BackupFrequency : current.BackupFrequency,
            Notify = Has(nameof(Notify)) ? Notify.IsPresent : (bool?)null,
            BackupRetentionPeriod = Has(nameof(BackupRetentionPeriod)) ? BackupRetentionPeriod : current.BackupSaveTime,
            ActiveWeekdays = Has(nameof(ActiveWeekdays)) ? ActiveWeekdays : current.ActiveWeekdays,
            LongTermInterval = Has(nameof(LongTermInterval)) ? LongTermInterval : current.LongTermInterval,
            LongTermActiveDays = Has(nameof(LongTermActiveDays)) ? LongTermActiveDays : current.LongTermActiveDays,
            LongTermExpiredDays = Has(nameof(LongTermExpiredDays)) ? LongTermExpiredDays : current.LongTermExpiredDays,
            OplogExpiredDays = Has(nameof(OplogExpiredDays)) ? OplogExpiredDays : current.OplogExpiredDays,
            BackupVersion = Has(nameof(BackupVersion)) ? BackupVersion : current.BackupVersion,
            AlertThreshold = Has(nameof(AlertThreshold)) ? AlertThreshold : current.AlertThreshold,
        };

        /// <summary>The rule as a whole, before anything is sent (an InvalidBackupRule error for this instance otherwise).</summary>
        private bool Valid(BackupRuleRequest wanted, BackupRule current)
        {
            if (wanted.ActiveWeekdays == null || wanted.ActiveWeekdays.Count == 0)
                return Refuse("The rule would back up on no day: give -ActiveWeekdays, such as -ActiveWeekdays Monday, Thursday.");
            if (wanted.LongTermInterval == LongTermInterval.None) return true;
            if (wanted.LongTermActiveDays == null || wanted.LongTermActiveDays.Count == 0)
                return Refuse($"Long-term retention {wanted.LongTermInterval} needs its days: give -LongTermActiveDays ({DaysText(wanted.LongTermInterval)}).");
            string bad = CheckDays(wanted.LongTermInterval, wanted.LongTermActiveDays, terminating: false);
            if (bad != null)
                return Refuse(Has(nameof(LongTermActiveDays)) ? bad
                    : $"{bad} They are the current rule's days for {current?.LongTermInterval}: give -LongTermActiveDays for {wanted.LongTermInterval}.");
            if (wanted.LongTermExpiredDays < 30 || wanted.LongTermExpiredDays > 1075)
                return Refuse($"Long-term retention {wanted.LongTermInterval} needs how long its backups are kept: give -LongTermExpiredDays (30 to 1075 days).");
            return true;
        }

        private bool Refuse(string message)
        {
            WriteError(ErrorRecords.Create(this, ErrorCatalog.InvalidBackupRule, $"{InstanceId}: {message} Nothing was sent.", InstanceId));
            return false;
        }

        /// <summary>Null when the days fit the interval, else the message (or a terminating error).</summary>
        private string CheckDays(LongTermInterval interval, IReadOnlyList<int> days, bool terminating)
        {
            int min = interval == LongTermInterval.Monthly ? 1 : 0, max = interval == LongTermInterval.Monthly ? 31 : 6;
            if (interval == LongTermInterval.None || days.All(d => d >= min && d <= max)) return null;
            string message = $"-LongTermActiveDays {string.Join(",", days)} does not fit {interval}: give {DaysText(interval)}.";
            if (terminating) ThrowTerminatingError(ErrorRecords.Create(this, ErrorCatalog.InvalidBackupRule, message + " Nothing was sent.", days));
            return message;
        }

        private static string DaysText(LongTermInterval interval) =>
            interval == LongTermInterval.Monthly ? "days of the month, 1 to 31" : "days of the week, 0 to 6 (0 = Sunday)";

        /// <summary>Each given parameter whose value differs from the current one, as "Name old -> new".</summary>
        private List<string> Changes(BackupRule current, BackupRuleRequest wanted)
        {
            var changes = new List<string>();
            void Add(string name, string was, string now)
            {
                if (Has(name) && !string.Equals(was, now, StringComparison.Ordinal)) changes.Add($"{name} {was ?? "(not read)"} -> {now}");
            }
            Add(nameof(BackupMethod), current?.BackupMethod.ToString(), wanted.BackupMethod.ToString());
            Add(nameof(BackupTime), current?.BackupTime.ToString(CultureInfo.InvariantCulture), wanted.BackupTime.ToString(CultureInfo.InvariantCulture));
            Add(nameof(BackupFrequency), current?.BackupFrequency.ToString(CultureInfo.InvariantCulture), wanted.BackupFrequency.ToString(CultureInfo.InvariantCulture));
            Add(nameof(BackupRetentionPeriod), current?.BackupSaveTime.ToString(CultureInfo.InvariantCulture), wanted.BackupRetentionPeriod.ToString(CultureInfo.InvariantCulture));
            Add(nameof(ActiveWeekdays), current == null ? null : Days(current.ActiveWeekdays), Days(wanted.ActiveWeekdays));
            Add(nameof(LongTermInterval), current?.LongTermInterval.ToString(), wanted.LongTermInterval.ToString());
            Add(nameof(LongTermActiveDays), current == null ? null : Numbers(current.LongTermActiveDays), Numbers(wanted.LongTermActiveDays));
            Add(nameof(LongTermExpiredDays), current?.LongTermExpiredDays.ToString(CultureInfo.InvariantCulture), wanted.LongTermExpiredDays.ToString(CultureInfo.InvariantCulture));
            Add(nameof(OplogExpiredDays), current?.OplogExpiredDays.ToString(CultureInfo.InvariantCulture), wanted.OplogExpiredDays.ToString(CultureInfo.InvariantCulture));
            Add(nameof(BackupVersion), current?.BackupVersion.ToString(), wanted.BackupVersion.ToString());
            Add(nameof(AlertThreshold), current?.AlertThreshold.ToString(CultureInfo.InvariantCulture), wanted.AlertThreshold.ToString(CultureInfo.InvariantCulture));
            if (wanted.Notify.HasValue) changes.Add($"{nameof(Notify)} (cannot be read) -> {wanted.Notify.Value}");
            return changes;
        }

        private static string Days(IEnumerable<DayOfWeek> days) => string.Join(",", (days ?? Enumerable.Empty<DayOfWeek>()).Distinct().OrderBy(d => d));

        private static string Numbers(IEnumerable<int> numbers) =>
            string.Join(",", (numbers ?? Enumerable.Empty<int>()).Distinct().OrderBy(n => n).Select(n => n.ToString(CultureInfo.InvariantCulture)));
    }
}
