using MongoBackup.Client;

namespace MongoBackup.Api
{
    internal sealed class BackupQuery
    {
        public string InstanceId { get; set; }
        public BackupMethod? BackupMethod { get; set; }
    }

    /// <summary>
    /// DescribeDBBackups: an instance's backups of the last 7 days (150 requests/s). Offset counts items. The order of the
    /// list is not documented, so nothing here or above leans on it. BackupSize comes in KB and is read as bytes.
    /// </summary>
    internal sealed class DescribeDBBackups : ListAction<BackupQuery, Backup>
    {
        public static readonly DescribeDBBackups Action = new DescribeDBBackups();

        private DescribeDBBackups() : base(MongoDb.Read("DescribeDBBackups", requestsPerSecond: 150), "BackupList") { }

        public override JsonObject Write(BackupQuery query)
        {
            var body = new JsonObject { ["InstanceId"] = query.InstanceId };
            if (query.BackupMethod.HasValue) body["BackupMethod"] = (long)query.BackupMethod.Value;
            return body;
        }

        public override Backup ReadItem(JsonObject json, BackupQuery query, string region) => new Backup
        {
            InstanceId = json.GetString("InstanceId") ?? query.InstanceId,
            BackupName = json.GetString("BackupName"),
            BackupDesc = json.GetString("BackupDesc"),
            BackupType = (BackupType)json.GetInt32("BackupType"),
            BackupMethod = (BackupMethod)json.GetInt32("BackupMethod"),
            Status = (BackupStatus)json.GetInt32("Status"),
            BackupSize = checked(json.GetInt64("BackupSize") * 1024),
            StartTime = json.GetBeijingTime("StartTime"),
            EndTime = json.GetBeijingTime("EndTime"),
            BackId = json.GetInt64("BackId"),
            DeleteTime = json.GetBeijingTime("DeleteTime"),
            BackupRegion = json.GetString("BackupRegion"),
            RestoreTime = json.GetBeijingTime("RestoreTime"),
            RequestRegion = region,
        };

        public override string Identity(Backup backup) => backup.BackId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
