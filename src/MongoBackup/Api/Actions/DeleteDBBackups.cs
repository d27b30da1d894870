using System.Collections.Generic;
using System.Linq;
using MongoBackup.Client;

namespace MongoBackup.Api
{
    internal sealed class BackupIdsRequest
    {
        public string InstanceId { get; set; }
        public IReadOnlyList<long> BackupIds { get; set; }
        /// <summary>ModifyBackupExpireTime's new expiry.</summary>
        public System.DateTimeOffset ExpireTime { get; set; }
    }

    /// <summary>DeleteDBBackups: deletes full backups of an instance by BackId, in one request.</summary>
    internal sealed class DeleteDBBackups : ApiAction<BackupIdsRequest, NoOutput>
    {
        public static readonly DeleteDBBackups Action = new DeleteDBBackups();

        private DeleteDBBackups() : base(MongoDb.Write("DeleteDBBackups")) { }

        public override JsonObject Write(BackupIdsRequest request) => new JsonObject
        {
            ["InstanceId"] = request.InstanceId,
            ["BackupIds"] = request.BackupIds.Distinct().Cast<object>().ToList(),
        };

        public override NoOutput Read(JsonObject response, BackupIdsRequest request, string region) => NoOutput.Value;
    }

    /// <summary>ModifyBackupExpireTime: sets the expiry of backups; answers the ids it could not change (FailedBackups).</summary>
    internal sealed class ModifyBackupExpireTime : ApiAction<BackupIdsRequest, IReadOnlyList<long>>
    {
        public static readonly ModifyBackupExpireTime Action = new ModifyBackupExpireTime();

        private ModifyBackupExpireTime() : base(MongoDb.Write("ModifyBackupExpireTime")) { }

        public override JsonObject Write(BackupIdsRequest request) => new JsonObject
        {
            ["InstanceId"] = request.InstanceId,
            ["ExpireTime"] = BeijingTime.ToApiString(request.ExpireTime),
            ["BackupIds"] = request.BackupIds.Distinct().Cast<object>().ToList(),
        };

        public override IReadOnlyList<long> Read(JsonObject response, BackupIdsRequest request, string region) =>
            response.GetInt64Array("FailedBackups");
    }
}
