using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Client;

namespace MongoBackup.Transfer
{
    /// <summary>
    /// Downloads one file: checks the destination, resumes its .partial, probes the link with the first chunk's
    /// range, fetches the rest (one stream, or parallel parts for a large file served with ranges), checks the size
    /// and only then renames the .partial into place.
    /// </summary>
    internal sealed class FileDownload
    {
        private readonly HttpClient _http;
        private readonly DownloadOptions _options;
        private readonly Timing _timing;
        private readonly DownloadItem _item;
        private readonly FileCounters _counters;
        private readonly Action<string> _verbose;
        private readonly BufferPool _pool;

        public FileDownload(HttpClient http, DownloadOptions options, Timing timing, BufferPool pool, DownloadItem item, FileCounters counters, Action<string> verbose)
        {
            _http = http;
            _pool = pool;
            _options = options;
            _timing = timing;
            _item = item;
            _counters = counters;
            _verbose = verbose;
        }

        private string Name => _item.Name;
        private string FinalPath => _item.DestinationPath;

        public async Task<DownloadResult> RunAsync(CancellationToken token)
        {
            var watch = Stopwatch.StartNew();
            if (!Uri.TryCreate(_item.Url, UriKind.Absolute, out Uri uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw DownloadErrors.InvalidUrl(Name, _item.Url);
            DownloadResult skipped = await CheckDestinationAsync(token).ConfigureAwait(false);
            if (skipped != null) return Finish(skipped, watch);

            var link = new LinkState(_item.Url, _item.RefreshUrlAsync, Name, _verbose);
            var fetcher = new RangeFetcher(_http, link, _options, _timing, _counters, _verbose);
            var result = new DownloadResult { Item = _item, Path = FinalPath };
            PartialFile partial = PartialFile.Open(FinalPath);
            try
            {
                long total;
                FileWriter writer;
                using (var stop = CancellationTokenSource.CreateLinkedTokenSource(token))
                {
                    if (_item.ExpectedSize.HasValue && partial.Length > _item.ExpectedSize.Value)
                    {
                        _verbose($"{Name}: {partial.Path} is larger than the backup ({DisplayFormat.Size(partial.Length)}); starting over.");
                        partial.Truncate();
                    }
                    // A write failure (or a failed part) stops every fetcher of the file at once, waits for memory included.
                    writer = new FileWriter(partial, _pool, Checksum, _options.ComputeHash, _options.WriteBytesPerSecond, () => Cancel(stop), stop.Token,
                        writeback: _options.FlushBeforeRename);
                    Exception failure = null;
                    total = -1;
                    try
                    {
                        result.ResumedFrom = await PrepareResumeAsync(partial, writer, token).ConfigureAwait(false);
                        total = await DownloadAsync(writer, fetcher, stop.Token).ConfigureAwait(false);
                    }
                    catch (Exception e)
                    {
                        failure = e;
                    }
                    try
                    {
                        await writer.CompleteAsync().ConfigureAwait(false);
                    }
                    catch (Exception) when (token.IsCancellationRequested)
                    {
                        throw new OperationCanceledException(token);
                    }
                    token.ThrowIfCancellationRequested();
                    if (failure != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
                }
                CheckSize(writer.Written, total);
                result.Crc64 = await CheckCrcAsync(writer, fetcher, partial, total, token).ConfigureAwait(false);
                result.Sha256 = writer.Sha256();
                result.Length = writer.Written;
                var flush = Stopwatch.StartNew();
                if (_options.FlushBeforeRename) partial.Flush();
                result.FlushTime = flush.Elapsed;
            }
            finally
            {
                partial.Dispose();
            }
            Destination.PlaceFile(FinalPath + PartialFile.Suffix, FinalPath, _options.Force);
            result.Retries = _counters.Retries;
            result.UrlRefreshes = link.Refreshes;
            result.BytesFetched = _counters.Received;
            Finish(result, watch);
            _verbose($"{Name}: downloaded {DisplayFormat.Size(result.Length)} in {DisplayFormat.Duration(result.Elapsed)} ({DisplayFormat.Rate(Rate(result))}) to {FinalPath}; the last flush to disk took {DisplayFormat.Duration(result.FlushTime)}.");
            return result;
        }

        /// <summary>Null to go on; a Skipped result for a present file of the expected size; FileExists otherwise.</summary>
        private async Task<DownloadResult> CheckDestinationAsync(CancellationToken token)
        {
            if (Directory.Exists(FinalPath))
                throw DownloadErrors.WriteFailed(FinalPath, new IOException("A folder has that name."));
            if (!File.Exists(FinalPath)) return null;
            long length = new FileInfo(FinalPath).Length;
            if (_options.SkipExisting && _item.ExpectedSize == length)
            {
                _verbose($"{Name}: {FinalPath} is already there with the expected size ({DisplayFormat.Size(length)}); skipped.");
                string hash = _options.ComputeHash ? await PartialFile.HashFileAsync(FinalPath, token).ConfigureAwait(false) : null;
                return new DownloadResult { Item = _item, Path = FinalPath, Length = length, Sha256 = hash, Skipped = true };
            }
            if (!_options.Force) throw DownloadErrors.FileExists(FinalPath);
            return null;
        }

        private bool Checksum => _options.VerifyChecksum;

        private static void Cancel(CancellationTokenSource stop)
        {
            try
            {
                stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The download is over already.
            }
        }

        /// <summary>A resumed prefix is read once, for its CRC64 (and SHA256): nothing downloaded is ever read back.</summary>
        private async Task<long> PrepareResumeAsync(PartialFile partial, FileWriter writer, CancellationToken token)
        {
            long existing = partial.Length;
            if (existing == 0) return 0;
            if (Checksum || _options.ComputeHash) await partial.ReadPrefixAsync(writer.Consume, token).ConfigureAwait(false);
            _counters.SetDone(existing);
            _verbose($"{Name}: resuming {partial.Path} from byte {existing:N0}.");
            return existing;
        }

        /// <summary>
        /// Compares the file's CRC64 with object storage's (x-cos-hash-crc64ecma). A mismatch removes the .partial (a
        /// resume would keep the bad bytes) and fails; no header, or -SkipChecksum, leaves the size as the only check.
        /// </summary>
        private async Task<ulong?> CheckCrcAsync(FileWriter writer, RangeFetcher fetcher, PartialFile partial, long total, CancellationToken token)
        {
            if (!Checksum || writer.Written == 0) return null;
            if (!fetcher.KnownCrc.HasValue && fetcher.MissingCrc == null)
            {
                // The .partial already held every byte (the probe was answered 416, with no object headers): one byte
                // asked for, for the headers.
                RangeAnswer headers = await fetcher.OpenAsync(0, 0, token).ConfigureAwait(false);
                try
                {
                    fetcher.NoteCrc(headers);
                }
                finally
                {
                    headers.Dispose();
                }
            }
            ulong? expected = fetcher.KnownCrc;
            if (!expected.HasValue)
            {
                string missing = fetcher.MissingCrc;
                _verbose(string.IsNullOrEmpty(missing)
                    ? $"{Name}: object storage sent no {RangeAnswer.Crc64Header} header (objects stored before it kept CRC64s have none), so only the size ({writer.Written:N0} bytes) was checked."
                    : $"{Name}: object storage's {RangeAnswer.Crc64Header} header ('{missing}') is not a number, so only the size ({writer.Written:N0} bytes) was checked.");
                return null;
            }
            if (writer.Crc != expected.Value)
            {
                partial.Delete();
                throw DownloadErrors.ChecksumMismatch(Name, writer.Crc, expected.Value);
            }
            _verbose($"{Name}: CRC64 {writer.Crc} matches object storage's {RangeAnswer.Crc64Header}.");
            return writer.Crc;
        }

        /// <summary>Probes, then fetches everything after the .partial's end; returns the object's size (-1 if never told).</summary>
        private async Task<long> DownloadAsync(FileWriter writer, RangeFetcher fetcher, CancellationToken token)
        {
            long start = writer.Written;
            long partSize = _pool.PartSize(_options.ConnectionsPerFile, _options.ChunkSize);
            RangeAnswer probe = await fetcher.OpenAsync(start, ProbeEnd(start, partSize), token).ConfigureAwait(false);
            if (probe.Status == 416)
            {
                long? size = probe.Total;
                probe.Dispose();
                if (size == start) return Known(fetcher, start); // the .partial already holds the whole object
                _verbose($"{Name}: the server has no bytes from {start:N0} on ({(size.HasValue ? DisplayFormat.Size(size.Value) : "size unknown")}); starting over.");
                await writer.RestartAsync().ConfigureAwait(false);
                _counters.SetDone(0);
                start = 0;
                probe = await fetcher.OpenAsync(0, ProbeEnd(0, partSize), token).ConfigureAwait(false);
                if (probe.Status == 416)
                {
                    probe.Dispose();
                    return Known(fetcher, probe.Total ?? 0);
                }
            }
            if (probe.Ranged && !probe.Total.HasValue && ProbeEnd(start, partSize).HasValue)
            {
                // "Content-Range: bytes a-b/*": the size is unknown, so parts cannot be planned; ask for everything instead.
                probe.Dispose();
                probe = await fetcher.OpenAsync(start, null, token).ConfigureAwait(false);
            }
            long? total = probe.Ranged ? probe.Total : probe.BodyLength;
            if (total.HasValue) Known(fetcher, total.Value);
            if (total.HasValue && _item.ExpectedSize.HasValue && total.Value != _item.ExpectedSize.Value)
            {
                probe.Dispose();
                throw DownloadErrors.SizeMismatch(Name, total.Value, _item.ExpectedSize.Value, "the object in storage");
            }
            if (probe.Ranged && total.HasValue && UseMultipart(start, total.Value, partSize))
            {
                _verbose($"{Name}: downloading {DisplayFormat.Size(total.Value)} in parts of up to {DisplayFormat.Size(partSize)} over {_options.ConnectionsPerFile} connections.");
                var parts = new ChunkScheduler(fetcher, writer, _options.ConnectionsPerFile, _options.ChunkSize, Checksum);
                await parts.RunAsync(start, total.Value, probe, start + partSize, token).ConfigureAwait(false);
            }
            else
            {
                _verbose($"{Name}: downloading {(total.HasValue ? DisplayFormat.Size(total.Value) : "(size unknown)")} over one connection{(probe.Ranged ? "" : " (the server ignores byte ranges)")}.");
                await fetcher.FetchAsync(start, total, new PartSink(writer, start, Checksum, canRestart: true), probe, token).ConfigureAwait(false);
            }
            return total ?? -1;
        }

        /// <summary>
        /// The probe asks for the first chunk (its answer tells whether ranges work and the size); when the file is
        /// known to be too small for parts, it asks for everything at once instead, saving a request.
        /// </summary>
        private long? ProbeEnd(long start, long partSize)
        {
            long? expected = _item.ExpectedSize;
            bool single = _options.ConnectionsPerFile == 1 || (expected.HasValue && expected.Value <= _options.MultipartThreshold);
            return single ? (long?)null : start + partSize - 1;
        }

        private bool UseMultipart(long start, long total, long partSize) =>
            _options.ConnectionsPerFile > 1 && total > _options.MultipartThreshold && total - start > partSize;

        private long Known(RangeFetcher fetcher, long total)
        {
            fetcher.KnownTotal = total;
            _counters.Total = total;
            return total;
        }

        private void CheckSize(long written, long total)
        {
            if (total >= 0 && written != total)
                throw DownloadErrors.SizeMismatch(Name, written, total, "the downloaded data");
            if (_item.ExpectedSize.HasValue && written != _item.ExpectedSize.Value)
                throw DownloadErrors.SizeMismatch(Name, written, _item.ExpectedSize.Value, "the downloaded data");
        }

        private static DownloadResult Finish(DownloadResult result, Stopwatch watch)
        {
            result.Elapsed = watch.Elapsed;
            return result;
        }

        private static double Rate(DownloadResult result) =>
            result.Elapsed.TotalSeconds > 0 ? result.BytesFetched / result.Elapsed.TotalSeconds : 0;
    }
}
