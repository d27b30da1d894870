using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Client;

namespace MongoBackup.Transfer
{
    /// <summary>
    /// Fetches byte ranges of one file's link into sinks. Every attempt that fails transiently is retried from the
    /// exact byte reached (so no byte is fetched twice), after a backoff; a 403 refreshes the shared link; an attempt
    /// that gets no byte (nor an answer) for ReadTimeout fails. Thread-safe: the workers of a file share one.
    /// </summary>
    internal sealed class RangeFetcher
    {
        private readonly HttpClient _http;
        private readonly LinkState _link;
        private readonly DownloadOptions _options;
        private readonly RetryPolicy _retry;
        private readonly Timing _timing;
        private readonly FileCounters _counters;
        private readonly Action<string> _verbose;
        private readonly object _crcLock = new object();
        private long _knownTotal = -1;
        private ulong? _knownCrc;
        private string _missingCrc;

        public RangeFetcher(HttpClient http, LinkState link, DownloadOptions options, Timing timing, FileCounters counters, Action<string> verbose)
        {
            _http = http;
            _link = link;
            _options = options;
            _retry = options.Retry;
            _timing = timing;
            _counters = counters;
            _verbose = verbose;
        }

        private string Name => _counters.Name;

        /// <summary>The object's size once the first answer told it; later answers must agree.</summary>
        public long? KnownTotal
        {
            get
            {
                long t = Interlocked.Read(ref _knownTotal);
                return t < 0 ? (long?)null : t;
            }
            set => Interlocked.Exchange(ref _knownTotal, value ?? -1);
        }

        /// <summary>Asks for [from, toInclusive] (null: to the end) until an answer with data comes (the probe).</summary>
        public async Task<RangeAnswer> OpenAsync(long from, long? toInclusive, CancellationToken token)
        {
            int failures = 0;
            while (true)
            {
                _link.Current(out string url, out int version);
                try
                {
                    using (var attempt = new Attempt(_options.ReadTimeout, token))
                        return await attempt.Guard(() => HttpRange.OpenAsync(_http, url, version, from, toInclusive, Name, attempt.Token)).ConfigureAwait(false);
                }
                catch (LinkDenied denied)
                {
                    await _link.RefreshAsync(denied.LinkVersion, token).ConfigureAwait(false);
                }
                catch (TransientFailure failure)
                {
                    await BackOffAsync(++failures, failure, from, url, token).ConfigureAwait(false);
                }
            }
        }

        /// <summary>
        /// Fills <paramref name="sink"/> with bytes [from, end) (end null: to the object's end), starting with the
        /// already opened <paramref name="first"/> answer when given. Disposes <paramref name="first"/> in any case.
        /// </summary>
        public async Task FetchAsync(long from, long? end, IBlockSink sink, RangeAnswer first, CancellationToken token)
        {
            long pos = from;
            int failures = 0;
            RangeAnswer answer = first;
            bool reachedEnd = end.HasValue && pos >= end.Value;
            try
            {
                while (!reachedEnd)
                {
                    _link.Current(out string url, out int version);
                    long bodyStart = pos;
                    using (var attempt = new Attempt(_options.ReadTimeout, token))
                    {
                        try
                        {
                            if (answer == null)
                            {
                                long? to = end.HasValue ? end.Value - 1 : (long?)null;
                                answer = await attempt.Guard(() => HttpRange.OpenAsync(_http, url, version, pos, to, Name, attempt.Token)).ConfigureAwait(false);
                            }
                            attempt.Watch(answer);
                            bodyStart = await AcceptAsync(answer, pos, sink, url).ConfigureAwait(false);
                            RangeAnswer body = answer;
                            reachedEnd = await attempt.Guard(() => CopyBodyAsync(body, bodyStart, end, sink, attempt)).ConfigureAwait(false);
                            pos = bodyStart + attempt.Copied;
                            failures = 0;
                        }
                        catch (LinkDenied denied)
                        {
                            await _link.RefreshAsync(denied.LinkVersion, token).ConfigureAwait(false);
                        }
                        catch (TransientFailure failure)
                        {
                            pos = bodyStart + attempt.Copied;
                            if (attempt.Copied > 0) failures = 0;
                            await BackOffAsync(++failures, failure, pos, url, token).ConfigureAwait(false);
                        }
                        finally
                        {
                            answer?.Dispose();
                            answer = null;
                        }
                    }
                }
            }
            finally
            {
                answer?.Dispose();
            }
        }

        /// <summary>The object's CRC64 (x-cos-hash-crc64ecma) once an answer told it; later answers must agree.</summary>
        public ulong? KnownCrc
        {
            get
            {
                lock (_crcLock) return _knownCrc;
            }
        }

        /// <summary>Whether an answer with data came without a readable x-cos-hash-crc64ecma (the text it had, or "").</summary>
        public string MissingCrc
        {
            get
            {
                lock (_crcLock) return _missingCrc;
            }
        }

        /// <summary>Notes the object's CRC64 an answer states; a different one than before means the object changed.</summary>
        public void NoteCrc(RangeAnswer answer)
        {
            if (answer.Status == 416) return;
            lock (_crcLock)
            {
                if (!answer.Crc64.HasValue)
                {
                    if (_missingCrc == null) _missingCrc = answer.CrcText ?? "";
                    return;
                }
                if (!_knownCrc.HasValue) _knownCrc = answer.Crc64;
                else if (_knownCrc.Value != answer.Crc64.Value)
                    throw DownloadErrors.ObjectChanged(Name, _knownCrc.Value, answer.Crc64.Value);
            }
        }

        /// <summary>Checks an answer against the request; returns where its body starts (0 after a restart).</summary>
        private async Task<long> AcceptAsync(RangeAnswer answer, long pos, IBlockSink sink, string url)
        {
            if (answer.Status == 416)
                throw DownloadErrors.Protocol(Name, url, $"HTTP 416 for bytes {pos:N0}- of an object of {Describe(answer.Total)}");
            long? total = answer.Ranged ? answer.Total : answer.BodyLength;
            long? known = KnownTotal;
            if (known.HasValue && total.HasValue && total.Value != known.Value)
                throw DownloadErrors.SizeMismatch(Name, total.Value, known.Value, "the object (it changed during the download)");
            NoteCrc(answer);
            if (answer.Ranged)
            {
                if (answer.From != pos)
                    throw DownloadErrors.Protocol(Name, url, $"asked for bytes from {pos:N0}, got bytes from {answer.From:N0}");
                return pos;
            }
            if (pos == 0) return 0;
            if (!sink.CanRestart)
                throw DownloadErrors.Protocol(Name, url, "the server stopped honouring byte ranges (HTTP 200 for a ranged request)");
            _verbose($"{Name}: the server ignores byte ranges; starting over from byte 0.");
            await sink.RestartAsync().ConfigureAwait(false);
            _counters.SetDone(0);
            return 0;
        }

        /// <summary>
        /// Copies the answer's body into blocks of the sink, read straight from the connection into them (no other copy);
        /// true when the object's (or the open-ended request's) end was reached. Waiting for a block is not silence of the
        /// server, so the watchdog pauses meanwhile; the connection simply is not read (TCP holds the server back).
        /// </summary>
        private async Task<bool> CopyBodyAsync(RangeAnswer answer, long pos, long? end, IBlockSink sink, Attempt attempt)
        {
            long? bodyLength = answer.BodyLength;
            long want = bodyLength ?? long.MaxValue;
            if (end.HasValue) want = Math.Min(want, end.Value - pos);
            Block block = null;
            try
            {
                while (attempt.Copied < want)
                {
                    if (block == null)
                    {
                        if (!sink.TryRent(out block))
                        {
                            attempt.Pause();
                            block = await sink.RentAsync().ConfigureAwait(false);
                        }
                        block.Offset = pos + attempt.Copied;
                        block.Length = 0;
                    }
                    attempt.Restart();
                    int room = (int)Math.Min(block.Room, want - attempt.Copied);
                    int n = await answer.Body.ReadAsync(block.Data, block.Length, room, attempt.Token).ConfigureAwait(false);
                    if (n == 0) break;
                    block.Length += n;
                    attempt.Copied += n;
                    _counters.AddReceived(n);
                    if (block.Room == 0)
                    {
                        sink.Submit(block);
                        block = null;
                    }
                }
            }
            finally
            {
                // What the block holds is a continuation of the part whatever happens next: keep it.
                if (block != null)
                {
                    if (block.Length > 0) sink.Submit(block);
                    else sink.Release(block);
                }
            }
            long reached = pos + attempt.Copied;
            if (attempt.Copied < want && (bodyLength.HasValue || end.HasValue))
                throw new TransientFailure($"the connection closed after {attempt.Copied:N0} of {want:N0} bytes");
            if (end.HasValue) return reached >= end.Value;
            long? total = answer.Ranged ? answer.Total : reached;
            return !total.HasValue || reached >= total.Value;
        }

        private async Task BackOffAsync(int failures, TransientFailure failure, long pos, string url, CancellationToken token)
        {
            string reason = Redaction.ScrubUrl(failure.Message, url).TrimEnd('.', ' ');
            if (!_retry.AllowsRetry(failures)) throw DownloadErrors.Interrupted(Name, reason, failures);
            TimeSpan delay = _retry.Delay(failures, _timing.NextRandom(), failure.RetryAfter);
            _counters.AddRetry();
            _verbose($"{Name}: {reason}; retrying from byte {pos:N0} in {DisplayFormat.Duration(delay)} (failure {failures} of at most {_retry.MaxRetries + 1} without progress).");
            await _timing.Delay(delay, token).ConfigureAwait(false);
        }

        private static string Describe(long? total) => total.HasValue ? $"{total.Value:N0} bytes" : "unknown size";
    }
}
