using MongoBackup.Client;

namespace MongoBackup.Api
{
    internal sealed class CreateBackupRequest
    {
        public string InstanceId { get; set; }
        public BackupMethod BackupMethod { get; set; }
        public string BackupRemark { get; set; }
        /// <summary>-2 for ever, -1 the long-term rule, 0 the configured days, 1-7300 days; null: the service's default.</summary>
        public int? BackupRetentionDays { get; set; }
    }

    /// <summary>CreateBackupDBInstance: starts a manual backup and answers the AsyncRequestId to follow it with.</summary>
    internal sealed class CreateBackupDBInstance : ApiAction<CreateBackupRequest, AsyncRequest>
    {
        public static readonly CreateBackupDBInstance Action = new CreateBackupDBInstance();

        private CreateBackupDBInstance() : base(MongoDb.Write("CreateBackupDBInstance")) { }

        public override JsonObject Write(CreateBackupRequest request)
        {
            var body = new JsonObject { ["InstanceId"] = request.InstanceId, ["BackupMethod"] = (long)request.BackupMethod };
            if (!string.IsNullOrEmpty(request.BackupRemark)) body["BackupRemark"] = request.BackupRemark;
            if (request.BackupRetentionDays.HasValue) body["BackupRetentionDays"] = (long)request.BackupRetentionDays.Value;
            return body;
        }

        public override AsyncRequest Read(JsonObject response, CreateBackupRequest request, string region) => new AsyncRequest
        {
            AsyncRequestId = response.GetString("AsyncRequestId")
                ?? throw new InvalidResponseException("The answer to CreateBackupDBInstance has no AsyncRequestId."),
            InstanceId = request.InstanceId,
            Region = region,
            RequestRegion = region,
        };
    }
}
