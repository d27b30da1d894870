using System;
using MongoBackup.Api;
using MongoBackup.Client;

namespace MongoBackup.Tests
{
    /// <summary>The API layer's own descriptors, and a clock, for the transport tests.</summary>
    internal static class TestActions
    {
        public static ActionDescriptor Describe => DescribeBackupDownloadTask.Action.Descriptor;
        public static ActionDescriptor DescribeBackups => DescribeDBBackups.Action.Descriptor;
        public static ActionDescriptor Create => CreateBackupDownloadTask.Action.Descriptor;

        public static ActionDescriptor Named(string name, bool safe = true) => new ActionDescriptor(MongoDb.Service, name, safe);

        public static Timing At(DateTimeOffset now) => new Timing { UtcNow = () => now };
    }
}
