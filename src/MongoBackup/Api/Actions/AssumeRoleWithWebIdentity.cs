using MongoBackup.Client;

namespace MongoBackup.Api
{
    /// <summary>
    /// STS AssumeRoleWithWebIdentity: a role's temporary keys for an OIDC token (TKE's service account token). Not signed:
    /// the token is the proof. In: ProviderId, WebIdentityToken, RoleArn, RoleSessionName, DurationSeconds. Out:
    /// Credentials, ExpiredTime, Expiration.
    /// </summary>
    internal sealed class AssumeRoleWithWebIdentity : ApiAction<WebIdentityParameters, TimedCredential>
    {
        public static readonly AssumeRoleWithWebIdentity Action = new AssumeRoleWithWebIdentity();

        private AssumeRoleWithWebIdentity() : base(Sts.Unsigned("AssumeRoleWithWebIdentity")) { }

        public override JsonObject Write(WebIdentityParameters request)
        {
            var body = new JsonObject
            {
                ["ProviderId"] = request.ProviderId,
                ["WebIdentityToken"] = request.WebIdentityToken,
                ["RoleArn"] = request.RoleArn,
                ["RoleSessionName"] = request.RoleSessionName,
            };
            if (request.DurationSeconds.HasValue) body["DurationSeconds"] = (long)request.DurationSeconds.Value;
            return body;
        }

        public override TimedCredential Read(JsonObject response, WebIdentityParameters request, string region) =>
            TemporaryKeys.FromStsAnswer(response, Descriptor.Name);
    }
}
