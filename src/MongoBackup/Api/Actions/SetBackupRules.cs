using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MongoBackup.Client;

namespace MongoBackup.Api
{
    /// <summary>
    /// A full backup rule to send: every field the rule has (the documentation gives defaults to several fields, so an
    /// omitted one may be reset; the cmdlet fills the fields not given from the current rule). Notify is sent only when
    /// given: it cannot be read back.
    /// </summary>
    internal sealed class BackupRuleRequest
    {
        public string InstanceId { get; set; }
        public BackupMethod BackupMethod { get; set; }
        public int BackupTime { get; set; }
        public int BackupFrequency { get; set; }
        public bool? Notify { get; set; }
        /// <summary>Describe's BackupSaveTime.</summary>
        public int BackupRetentionPeriod { get; set; }
        public IReadOnlyList<DayOfWeek> ActiveWeekdays { get; set; }
        public LongTermInterval LongTermInterval { get; set; }
        public IReadOnlyList<int> LongTermActiveDays { get; set; }
        public int LongTermExpiredDays { get; set; }
        public int OplogExpiredDays { get; set; }
        public BackupVersion BackupVersion { get; set; }
        public int AlertThreshold { get; set; }
    }

    /// <summary>
    /// SetBackupRules: sets the automatic backup rule, with the current field names (LongTermInterval and AlertThreshold,
    /// not the deprecated LongTermUnit and AlarmWaterLevel). Long-term retention off is sent as an empty LongTermInterval,
    /// without its days.
    /// </summary>
    internal sealed class SetBackupRules : ApiAction<BackupRuleRequest, NoOutput>
    {
        public static readonly SetBackupRules Action = new SetBackupRules();

        private SetBackupRules() : base(MongoDb.Write("SetBackupRules")) { }

        public override JsonObject Write(BackupRuleRequest r)
        {
            var body = new JsonObject
            {
                ["InstanceId"] = r.InstanceId,
                ["BackupMethod"] = (long)r.BackupMethod,
                ["BackupTime"] = (long)r.BackupTime,
                ["BackupFrequency"] = (long)r.BackupFrequency,
                ["BackupRetentionPeriod"] = (long)r.BackupRetentionPeriod,
                ["ActiveWeekdays"] = List(r.ActiveWeekdays.Select(d => (int)d)),
                ["LongTermInterval"] = DescribeBackupRules.IntervalText(r.LongTermInterval),
                ["OplogExpiredDays"] = (long)r.OplogExpiredDays,
                ["BackupVersion"] = (long)r.BackupVersion,
                ["AlertThreshold"] = (long)r.AlertThreshold,
            };
            if (r.LongTermInterval != LongTermInterval.None)
            {
                body["LongTermActiveDays"] = List(r.LongTermActiveDays);
                body["LongTermExpiredDays"] = (long)r.LongTermExpiredDays;
            }
            if (r.Notify.HasValue) body["Notify"] = r.Notify.Value;
            return body;
        }

        public override NoOutput Read(JsonObject response, BackupRuleRequest request, string region) => NoOutput.Value;

        private static string List(IEnumerable<int> numbers) =>
            string.Join(",", numbers.Distinct().OrderBy(n => n).Select(n => n.ToString(CultureInfo.InvariantCulture)));
    }
}
