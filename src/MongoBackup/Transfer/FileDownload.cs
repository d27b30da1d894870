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

        public FileDownload(HttpClient http, DownloadOptions options, Timing timing, DownloadItem item, FileCounters counters, Action<string> verbose)
        {
            _http = http;
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
            using (PartialFile partial = PartialFile.Open(FinalPath, _options.ComputeHash))
            {
                result.ResumedFrom = await PrepareResumeAsync(partial, token).ConfigureAwait(false);
                long total = await DownloadAsync(partial, fetcher, token).ConfigureAwait(false);
                CheckSize(partial.Length, total);
                result.Sha256 = partial.Finish();
                result.Length = partial.Length;
            }
            Destination.PlaceFile(FinalPath + PartialFile.Suffix, FinalPath, _options.Force);
            result.Retries = _counters.Retries;
            result.UrlRefreshes = link.Refreshes;
            result.BytesFetched = _counters.Received;
            Finish(result, watch);
            _verbose($"{Name}: downloaded {DisplayFormat.Size(result.Length)} in {DisplayFormat.Duration(result.Elapsed)} ({DisplayFormat.Rate(Rate(result))}) to {FinalPath}.");
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

        private async Task<long> PrepareResumeAsync(PartialFile partial, CancellationToken token)
        {
            long existing = partial.Length;
            if (existing == 0) return 0;
            if (_item.ExpectedSize.HasValue && existing > _item.ExpectedSize.Value)
            {
                _verbose($"{Name}: {partial.Path} is larger than the backup ({DisplayFormat.Size(existing)}); starting over.");
                partial.Restart();
                return 0;
            }
            await partial.HashExistingAsync(token).ConfigureAwait(false);
            _counters.SetDone(existing);
            _verbose($"{Name}: resuming {partial.Path} from byte {existing:N0}.");
            return existing;
        }

        /// <summary>Probes, then fetches everything after the .partial's end; returns the object's size (-1 if never told).</summary>
        private async Task<long> DownloadAsync(PartialFile partial, RangeFetcher fetcher, CancellationToken token)
        {
            long start = partial.Length;
            RangeAnswer probe = await fetcher.OpenAsync(start, ProbeEnd(start), token).ConfigureAwait(false);
            if (probe.Status == 416)
            {
                long? size = probe.Total;
                probe.Dispose();
                if (size == start) return Known(fetcher, start); // the .partial already holds the whole object
                _verbose($"{Name}: the server has no bytes from {start:N0} on ({(size.HasValue ? DisplayFormat.Size(size.Value) : "size unknown")}); starting over.");
                partial.Restart();
                _counters.SetDone(0);
                start = 0;
                probe = await fetcher.OpenAsync(0, ProbeEnd(0), token).ConfigureAwait(false);
                if (probe.Status == 416)
                {
                    probe.Dispose();
                    return Known(fetcher, probe.Total ?? 0);
                }
            }
            if (probe.Ranged && !probe.Total.HasValue && ProbeEnd(start).HasValue)
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
            if (probe.Ranged && total.HasValue && UseMultipart(start, total.Value))
            {
                _verbose($"{Name}: downloading {DisplayFormat.Size(total.Value)} in parts of {DisplayFormat.Size(_options.ChunkSize)} over {_options.ConnectionsPerFile} connections.");
                await new ChunkScheduler(fetcher, partial, _options.ConnectionsPerFile, _options.ChunkSize).RunAsync(start, total.Value, probe, token).ConfigureAwait(false);
            }
            else
            {
                _verbose($"{Name}: downloading {(total.HasValue ? DisplayFormat.Size(total.Value) : "(size unknown)")} over one connection{(probe.Ranged ? "" : " (the server ignores byte ranges)")}.");
                await fetcher.FetchAsync(start, total, partial, probe, token).ConfigureAwait(false);
            }
            return total ?? -1;
        }

        /// <summary>
        /// The probe asks for the first chunk (its answer tells whether ranges work and the size); when the file is
        /// known to be too small for parts, it asks for everything at once instead, saving a request.
        /// </summary>
        private long? ProbeEnd(long start)
        {
            long? expected = _item.ExpectedSize;
            bool single = _options.ConnectionsPerFile == 1 || (expected.HasValue && expected.Value <= _options.MultipartThreshold);
            return single ? (long?)null : start + _options.ChunkSize - 1;
        }

        private bool UseMultipart(long start, long total) =>
            _options.ConnectionsPerFile > 1 && total > _options.MultipartThreshold && total - start > _options.ChunkSize;

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
