using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Client;
using MongoBackup.Transfer;
using Xunit;

namespace MongoBackup.Tests.Transfer
{
    /// <summary>The Transfer tests share timing-sensitive fakes: they run one class at a time.</summary>
    [CollectionDefinition("Transfer", DisableParallelization = true)]
    public sealed class TransferCollection
    {
    }

    /// <summary>A temp folder, a fake store and a queue runner for each test.</summary>
    public abstract class TransferTestBase : IDisposable
    {
        internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

        protected TransferTestBase()
        {
            Folder = Path.Combine(Path.GetTempPath(), "mb-transfer-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Folder);
            Environment = new Timing
            {
                Delay = (delay, token) =>
                {
                    Delays.Enqueue(delay);
                    return Task.Delay(delay, token);
                },
            };
        }

        internal FakeObjectStore Store { get; } = new FakeObjectStore();
        internal Timing Environment { get; }
        internal ConcurrentQueue<TimeSpan> Delays { get; } = new ConcurrentQueue<TimeSpan>();
        protected string Folder { get; }

        /// <summary>Fast test defaults: tiny backoff, a short progress interval.</summary>
        internal static DownloadOptions Options(Action<DownloadOptions> change = null)
        {
            var options = new DownloadOptions
            {
                Retry = new RetryPolicy(5, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(1)),
                ReadTimeout = TimeSpan.FromSeconds(5),
                ProgressInterval = TimeSpan.FromMilliseconds(20),
            };
            change?.Invoke(options);
            return options;
        }

        /// <summary>Options for multipart in small sizes: 1 MiB threshold, 256 KiB chunks, 3 connections.</summary>
        internal static DownloadOptions Multipart(Action<DownloadOptions> change = null) => Options(o =>
        {
            o.MultipartThreshold = 1024 * 1024;
            o.ChunkSize = 256 * 1024;
            o.ConnectionsPerFile = 3;
            change?.Invoke(o);
        });

        internal DownloadItem Item(string name, long size, long? expected = -1, string query = FakeObjectStore.Secret) => new DownloadItem
        {
            Url = Store.Add("/backups/" + name, size, query),
            DestinationPath = Path.Combine(Folder, name),
            ExpectedSize = expected == -1 ? size : expected,
            DisplayName = name,
            Target = name,
        };

        internal async Task<RecordingObserver> RunAsync(DownloadOptions options, params DownloadItem[] items)
        {
            var observer = new RecordingObserver();
            using (var http = new HttpClient(Store, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan })
            using (var queue = new DownloadQueue(http, options, observer, CancellationToken.None, Environment))
            {
                foreach (DownloadItem item in items) queue.Add(item);
                queue.CompleteAdding();
                await queue.Completion.WaitAsync(Patience);
            }
            Assert.Equal(items.Length, observer.Results.Count + observer.Failures.Count);
            return observer;
        }

        /// <summary>Asserts the file holds exactly the store's content of <paramref name="size"/> bytes.</summary>
        internal static void AssertContent(string path, long size)
        {
            byte[] actual = File.ReadAllBytes(path);
            Assert.Equal(size, actual.LongLength);
            byte[] expected = FakeObjectStore.Content(size);
            int mismatch = Enumerable.Range(0, actual.Length).FirstOrDefault(i => actual[i] != expected[i]);
            Assert.True(actual.SequenceEqual(expected), $"content differs at byte {mismatch}");
        }

        /// <summary>Writes the first <paramref name="length"/> bytes of the content as a .partial.</summary>
        internal static void WritePartial(string finalPath, long length) =>
            File.WriteAllBytes(finalPath + PartialFile.Suffix, FakeObjectStore.Content(length));

        public void Dispose()
        {
            Store.Dispose();
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
