using MongoBackup.Client;

namespace MongoBackup.Api
{
    /// <summary>The TencentDB for MongoDB API (version 2019-07-25) and its endpoint.</summary>
    internal static class MongoDb
    {
        public static readonly ServiceDescriptor Service = new ServiceDescriptor("mongodb", "2019-07-25");

        /// <summary>Describe* actions change nothing: any transient failure of theirs is retried.</summary>
        public static ActionDescriptor Read(string name, int requestsPerSecond = ActionDescriptor.DefaultRequestsPerSecond) =>
            new ActionDescriptor(Service, name, safe: true, requestsPerSecond);

        /// <summary>Actions that change something: retried only when the service surely did not act.</summary>
        public static ActionDescriptor Write(string name, int requestsPerSecond = ActionDescriptor.DefaultRequestsPerSecond) =>
            new ActionDescriptor(Service, name, safe: false, requestsPerSecond);
    }
}
