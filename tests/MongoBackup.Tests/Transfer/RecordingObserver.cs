using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using MongoBackup.Client;
using MongoBackup.Transfer;

namespace MongoBackup.Tests.Transfer
{
    /// <summary>Keeps everything the queue reports (called from any thread).</summary>
    internal sealed class RecordingObserver : IDownloadObserver
    {
        public ConcurrentQueue<DownloadProgress> Progress { get; } = new ConcurrentQueue<DownloadProgress>();
        public ConcurrentQueue<DownloadResult> Results { get; } = new ConcurrentQueue<DownloadResult>();
        public ConcurrentQueue<KeyValuePair<DownloadItem, TencentCloudException>> Failures { get; } = new ConcurrentQueue<KeyValuePair<DownloadItem, TencentCloudException>>();
        public ConcurrentQueue<string> Verbose { get; } = new ConcurrentQueue<string>();

        public void OnProgress(DownloadProgress progress) => Progress.Enqueue(progress);
        public void OnCompleted(DownloadResult result) => Results.Enqueue(result);
        public void OnFailed(DownloadItem item, TencentCloudException error) => Failures.Enqueue(new KeyValuePair<DownloadItem, TencentCloudException>(item, error));
        public void OnVerbose(string message) => Verbose.Enqueue(message);

        public DownloadResult Single() => Results.Single();

        public TencentCloudException SingleFailure() => Failures.Single().Value;

        /// <summary>Every text the user could see: verbose lines, error messages (with inner ones) and advice.</summary>
        public IEnumerable<string> AllText()
        {
            foreach (string line in Verbose) yield return line;
            foreach (var failure in Failures)
            {
                yield return failure.Value.RecommendedAction ?? "";
                for (System.Exception e = failure.Value; e != null; e = e.InnerException) yield return e.Message;
            }
            foreach (DownloadProgress p in Progress)
                foreach (FileProgress f in p.Active) yield return f.DisplayName;
        }
    }
}
