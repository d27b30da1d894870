using MongoBackup.Client;

namespace MongoBackup.Api
{
    /// <summary>
    /// Tencent Cloud's Security Token Service (version 2018-08-13, endpoint sts.tencentcloudapi.com, or
    /// TENCENTCLOUD_STS_ENDPOINT): the service name "sts" in the TC3 credential scope. Its calls go through the same
    /// transport as MongoDB's. Repeating them is harmless (each gives new temporary keys), so their transient failures are
    /// retried; their bodies and answers carry tokens and keys, so they are never quoted.
    /// </summary>
    internal static class Sts
    {
        public static readonly ServiceDescriptor Service = new ServiceDescriptor("sts", "2018-08-13");

        public static ActionDescriptor Signed(string name) => new ActionDescriptor(Service, name, safe: true, sensitive: true);

        /// <summary>An action sent with Authorization: SKIP, as the official SDKs send AssumeRoleWithWebIdentity.</summary>
        public static ActionDescriptor Unsigned(string name) => new ActionDescriptor(Service, name, safe: true, unsigned: true, sensitive: true);
    }
}
