namespace MongoBackup.Client
{
    /// <summary>Where the client reports what it does. Implementations must be thread-safe.</summary>
    internal interface IApiLog
    {
        void Verbose(string message);
        void Debug(string message);
    }

    internal sealed class NullApiLog : IApiLog
    {
        public static readonly NullApiLog Instance = new NullApiLog();
        public void Verbose(string message) { }
        public void Debug(string message) { }
    }
}
