using System;
using MongoBackup.Client;

namespace MongoBackup.Api
{
    /// <summary>
    /// The temporary keys in the documents that hand them out: STS's answers (Credentials {TmpSecretId, TmpSecretKey,
    /// Token}, ExpiredTime) and the CVM metadata service's role document (the same three, ExpiredTime and Code "Success").
    /// ExpiredTime is Unix seconds. No message here quotes a value of those documents: they are keys.
    /// </summary>
    internal static class TemporaryKeys
    {
        public const string CredentialsField = "Credentials";
        public const string SecretIdField = "TmpSecretId";
        public const string SecretKeyField = "TmpSecretKey";
        public const string TokenField = "Token";
        public const string ExpiredTimeField = "ExpiredTime";
        public const string CodeField = "Code";
        public const string Success = "Success";

        /// <summary>An STS answer's keys; a document without them is InvalidResponse.</summary>
        public static TimedCredential FromStsAnswer(JsonObject response, string action)
        {
            JsonObject credentials = response.GetObjectOrNull(CredentialsField)
                ?? throw new TencentCloudException(ErrorCatalog.InvalidResponse, $"The answer to {action} has no {CredentialsField} object.") { Action = action };
            string problem;
            TimedCredential key = Read(credentials, response, out problem);
            if (key == null) throw new TencentCloudException(ErrorCatalog.InvalidResponse, $"The answer to {action} {problem}.") { Action = action };
            return key;
        }

        /// <summary>The metadata service's document for a role; anything else is InstanceMetadataInvalid.</summary>
        public static TimedCredential FromRoleDocument(string text, string roleName, string authority)
        {
            JsonObject document;
            try
            {
                document = Json.Parse(text ?? "") as JsonObject;
            }
            catch (JsonParseException)
            {
                document = null;
            }
            string where = $"The instance metadata service at {authority}";
            if (document == null)
                throw Invalid($"{where} answered the request for the keys of role '{roleName}' with something that is not a JSON object ({(text ?? "").Length} characters).");
            document.TryGetValue(CodeField, out object code);
            if (!(code is string codeText) || codeText != Success)
                throw Invalid($"{where} did not give the keys of role '{roleName}': its {CodeField} is {Describe(code)}, not {Success}.");
            TimedCredential key = Read(document, document, out string problem);
            if (key == null) throw Invalid($"{where}'s document for role '{roleName}' {problem}.");
            return key;
        }

        private static TimedCredential Read(JsonObject keys, JsonObject outer, out string problem)
        {
            problem = null;
            string id = Text(keys, SecretIdField), secret = Text(keys, SecretKeyField), token = Text(keys, TokenField);
            if (id == null || secret == null || token == null)
            {
                problem = $"lacks {(id == null ? SecretIdField : secret == null ? SecretKeyField : TokenField)} (or it is not text)";
                return null;
            }
            long? expired;
            try
            {
                expired = outer.GetNullableInt64(ExpiredTimeField);
            }
            catch (InvalidResponseException)
            {
                expired = null;
            }
            if (!expired.HasValue || expired.Value <= 0 || expired.Value > 253402300799)
            {
                problem = $"has no {ExpiredTimeField} (Unix seconds)";
                return null;
            }
            return new TimedCredential(new TencentCloudCredential(id, secret, token), DateTimeOffset.FromUnixTimeSeconds(expired.Value));
        }

        private static string Text(JsonObject obj, string name) =>
            obj.TryGetValue(name, out object v) && v is string s && s.Trim().Length > 0 ? s : null;

        private static string Describe(object code) =>
            code == null ? "missing" : code is string s ? $"'{(s.Length > 40 ? s.Substring(0, 40) + "…" : s)}'" : "not text";

        private static TencentCloudException Invalid(string message) => new TencentCloudException(ErrorCatalog.InstanceMetadataInvalid, message);
    }
}
