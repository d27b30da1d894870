using MongoBackup.Client;

namespace MongoBackup.Api
{
    /// <summary>
    /// STS AssumeRole: a role's temporary keys for the key that signs the request. In: RoleArn, RoleSessionName,
    /// DurationSeconds (900-43200, default 7200). Out: Credentials, ExpiredTime, Expiration.
    /// </summary>
    internal sealed class AssumeRole : ApiAction<AssumeRoleParameters, TimedCredential>
    {
        public static readonly AssumeRole Action = new AssumeRole();

        private AssumeRole() : base(Sts.Signed("AssumeRole")) { }

        public override JsonObject Write(AssumeRoleParameters request)
        {
            var body = new JsonObject { ["RoleArn"] = request.RoleArn, ["RoleSessionName"] = request.RoleSessionName };
            if (request.DurationSeconds.HasValue) body["DurationSeconds"] = (long)request.DurationSeconds.Value;
            return body;
        }

        public override TimedCredential Read(JsonObject response, AssumeRoleParameters request, string region) =>
            TemporaryKeys.FromStsAnswer(response, Descriptor.Name);
    }
}
