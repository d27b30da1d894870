using System;
using System.Collections.Generic;
using MongoBackup.Client;

namespace MongoBackup.Transfer
{
    /// <summary>One file being downloaded.</summary>
    internal sealed class FileProgress
    {
        public string DisplayName { get; set; }
        public long Done { get; set; }
        public long? Total { get; set; }
        public double BytesPerSecond { get; set; }
    }

    /// <summary>A snapshot of the whole queue.</summary>
    internal sealed class DownloadProgress
    {
        /// <summary>Sum of the known sizes of the files not failed (finished, active and queued; skipped files excluded).</summary>
        public long TotalBytes { get; set; }

        /// <summary>Bytes in place: finished files plus what the active ones hold.</summary>
        public long DoneBytes { get; set; }

        /// <summary>Network rate over the last few seconds.</summary>
        public double BytesPerSecond { get; set; }

        /// <summary>Null while the rate or a size is unknown.</summary>
        public TimeSpan? Remaining { get; set; }

        public IReadOnlyList<FileProgress> Active { get; set; }
        public int Completed { get; set; }
        public int Failed { get; set; }
        public int Queued { get; set; }
    }

    /// <summary>Receives what the downloads do. Called from any thread, possibly from several at once.</summary>
    internal interface IDownloadObserver
    {
        void OnProgress(DownloadProgress progress);
        void OnCompleted(DownloadResult result);
        void OnFailed(DownloadItem item, TencentCloudException error);
        void OnVerbose(string message);
    }
}
