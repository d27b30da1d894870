using System;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Client;

namespace MongoBackup.Transfer
{
    /// <summary>One file to download: a presigned link and where its bytes go.</summary>
    internal sealed class DownloadItem
    {
        /// <summary>The presigned link. Its query (the signature) is a secret: never shown.</summary>
        public string Url { get; set; }

        /// <summary>Full path of the final file; the bytes go to <c>&lt;path&gt;.partial</c> until complete.</summary>
        public string DestinationPath { get; set; }

        /// <summary>The backup's size (BackupSize), when known; the download must match it.</summary>
        public long? ExpectedSize { get; set; }

        /// <summary>Name shown in progress and verbose lines.</summary>
        public string DisplayName { get; set; }

        /// <summary>The pipeline input, passed back in results and errors.</summary>
        public object Target { get; set; }

        /// <summary>Fetches a fresh link after HTTP 403 (expired); called at most once per file. May be null.</summary>
        public Func<CancellationToken, Task<string>> RefreshUrlAsync { get; set; }

        internal string Name => string.IsNullOrEmpty(DisplayName) ? System.IO.Path.GetFileName(DestinationPath) : DisplayName;
    }

    internal sealed class DownloadOptions
    {
        /// <summary>Files downloaded at the same time.</summary>
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Parallel ranged requests for one large file.</summary>
        public int ConnectionsPerFile { get; set; } = 4;

        /// <summary>Files larger than this (and served with ranges) are fetched in parallel parts.</summary>
        public long MultipartThreshold { get; set; } = 64L * 1024 * 1024;

        /// <summary>
        /// The largest ranged part (and probing first request). Parts are smaller when the memory budget, shared by the
        /// files downloading at once, calls for it (see <see cref="BufferPool.PartSize"/>).
        /// </summary>
        public int ChunkSize { get; set; } = 8 * 1024 * 1024;

        /// <summary>
        /// The memory for received bytes of the whole command (every file, every connection): a bounded pool of
        /// <see cref="BlockSize"/> blocks, with backpressure from the writers to the fetchers.
        /// </summary>
        public long BufferBytes { get; set; } = DefaultBufferBytes;

        /// <summary>The default of <see cref="BufferBytes"/> (benchmarks change it through reflection to chart memory against it).</summary>
        internal static long DefaultBufferBytes { get; set; } = 6L * 1024 * 1024;

        /// <summary>The unit of that memory: read into from the connection, checked, written, given back.</summary>
        public int BlockSize { get; set; } = 128 * 1024;

        /// <summary>Check each file's CRC64 against object storage's x-cos-hash-crc64ecma (-SkipChecksum turns it off).</summary>
        public bool VerifyChecksum { get; set; } = true;

        /// <summary>
        /// Forces each file to disk before it is renamed into place (default), so that after a crash or a power loss the
        /// final name never holds less than its name promises. Off only for the benchmark that measures the engine alone
        /// against curl, which does not flush.
        /// </summary>
        internal bool FlushBeforeRename { get; set; } = !MeasureWithoutFlush;

        /// <summary>The default of <see cref="FlushBeforeRename"/> turned off: set only by benchmarks, through reflection.</summary>
        internal static bool MeasureWithoutFlush { get; set; }

        /// <summary>Simulates a slow disk (tests, benchmarks): at most this many bytes per second written; 0 = as fast as it goes.</summary>
        internal long WriteBytesPerSecond { get; set; } = SimulatedDiskBytesPerSecond;

        /// <summary>The default of <see cref="WriteBytesPerSecond"/>: 0, set only by benchmarks (through reflection) to slow the disk.</summary>
        internal static long SimulatedDiskBytesPerSecond { get; set; }

        /// <summary>Overwrite an existing final file.</summary>
        public bool Force { get; set; }

        /// <summary>Report an existing final file of the expected size as done (Skipped) instead of failing.</summary>
        public bool SkipExisting { get; set; }

        /// <summary>Compute the SHA256 of each file while it is written.</summary>
        public bool ComputeHash { get; set; }

        /// <summary>The module's retry policy: here MaxRetries counts retries in a row without a byte of progress.</summary>
        public RetryPolicy Retry { get; set; } = RetryPolicy.Default;

        /// <summary>No byte (or no answer) for this long makes the attempt fail.</summary>
        public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>How often <see cref="IDownloadObserver.OnProgress"/> is called while anything is active.</summary>
        public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(250);

        internal void Validate()
        {
            if (ThrottleLimit < 1) throw new ArgumentOutOfRangeException(nameof(ThrottleLimit), "ThrottleLimit must be at least 1.");
            if (ConnectionsPerFile < 1) throw new ArgumentOutOfRangeException(nameof(ConnectionsPerFile), "ConnectionsPerFile must be at least 1.");
            if (ChunkSize < 1) throw new ArgumentOutOfRangeException(nameof(ChunkSize), "ChunkSize must be at least 1 byte.");
            if (BlockSize < 1) throw new ArgumentOutOfRangeException(nameof(BlockSize), "BlockSize must be at least 1 byte.");
            if (BufferBytes < 1) throw new ArgumentOutOfRangeException(nameof(BufferBytes), "BufferBytes must be at least 1 byte.");
            if (Retry == null) throw new ArgumentNullException(nameof(Retry));
            if (ReadTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ReadTimeout), "ReadTimeout must be positive.");
            if (ProgressInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ProgressInterval), "ProgressInterval must be positive.");
        }
    }

    /// <summary>A file that is in place (downloaded, or skipped because it was already there).</summary>
    internal sealed class DownloadResult
    {
        public DownloadItem Item { get; set; }
        public string Path { get; set; }
        public long Length { get; set; }

        /// <summary>SHA256 of the whole file, uppercase hex; null unless ComputeHash.</summary>
        public string Sha256 { get; set; }

        public bool Skipped { get; set; }

        /// <summary>The file's CRC64, when it was checked against object storage's.</summary>
        public ulong? Crc64 { get; set; }

        /// <summary>Bytes already present in the .partial file at the start.</summary>
        public long ResumedFrom { get; set; }

        public int Retries { get; set; }
        public int UrlRefreshes { get; set; }

        /// <summary>Bytes received over the network for this file.</summary>
        public long BytesFetched { get; set; }

        public TimeSpan Elapsed { get; set; }

        /// <summary>How long the flush to disk before the rename took.</summary>
        public TimeSpan FlushTime { get; set; }
    }
}
