using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace MongoBackup.Tests.Transfer
{
    /// <summary>
    /// An in-memory object store behind presigned links, as an HttpMessageHandler: deterministic content (byte i is a
    /// hash of i), single-range GETs (206 + Content-Range, 416 past the end) or, switched, no ranges at all (200),
    /// 403 for expired queries, queued faults (an HTTP status, a dropped or stalled body), slow bodies, and counters.
    /// </summary>
    internal sealed class FakeObjectStore : HttpMessageHandler
    {
        public const string Host = "https://backup-1250000000.cos.ap-guangzhou.myqcloud.com";
        public const string Secret = "q-signature=5ec7e7deadbeef";

        private readonly ConcurrentDictionary<string, long> _objects = new ConcurrentDictionary<string, long>();
        private readonly ConcurrentDictionary<string, long> _expiry = new ConcurrentDictionary<string, long>();
        private readonly ConcurrentQueue<Tuple<HttpStatusCode, TimeSpan?>> _statuses = new ConcurrentQueue<Tuple<HttpStatusCode, TimeSpan?>>();
        private readonly ConcurrentQueue<BodyFault> _faults = new ConcurrentQueue<BodyFault>();
        private readonly object _lock = new object();
        private readonly Dictionary<string, int> _active = new Dictionary<string, int>();
        private readonly Dictionary<string, int> _maxActive = new Dictionary<string, int>();
        private long _served;
        private int _requests;
        private int _maxActivePaths;

        private readonly ConcurrentDictionary<string, ulong> _crcs = new ConcurrentDictionary<string, ulong>();

        public bool SupportsRanges { get; set; } = true;

        /// <summary>Answers carry x-cos-hash-crc64ecma (the object's CRC64), as COS does for objects that have one.</summary>
        public bool SendCrc { get; set; } = true;

        /// <summary>The header's value, when set (a wrong or unreadable one), instead of the object's CRC64.</summary>
        public string CrcOverride { get; set; }

        /// <summary>Bodies serve this object offset with its bits flipped (the header keeps the right CRC); -1 = none.</summary>
        public long FlipAt { get; set; } = -1;
        public bool OmitContentLength { get; set; }

        /// <summary>206 answers say "Content-Range: bytes a-b/*" (size unknown).</summary>
        public bool HideTotal { get; set; }
        public TimeSpan ReadDelay { get; set; }
        public int MaxRead { get; set; } = 64 * 1024;

        /// <summary>Called (from the reading thread) with the store's total after every read.</summary>
        public Action<long> OnServed { get; set; }

        public int Requests => Volatile.Read(ref _requests);
        public long BytesServed => Interlocked.Read(ref _served);
        public ConcurrentQueue<RangeAsked> Ranges { get; } = new ConcurrentQueue<RangeAsked>();
        public ConcurrentQueue<string> Methods { get; } = new ConcurrentQueue<string>();

        public int MaxActivePaths
        {
            get { lock (_lock) return _maxActivePaths; }
        }

        /// <summary>Requests whose body is not yet disposed.</summary>
        public int ActiveRequests
        {
            get { lock (_lock) return _active.Values.Sum(); }
        }

        public int MaxActive(string path)
        {
            lock (_lock) return _maxActive.TryGetValue(path, out int n) ? n : 0;
        }

        /// <summary>Stores an object of <paramref name="size"/> bytes; returns its presigned link.</summary>
        public string Add(string path, long size, string query = Secret)
        {
            _objects[path] = size;
            return Host + path + "?" + query;
        }

        /// <summary>Links with this query get 403 once the store has served <paramref name="afterBytes"/> bytes (0: at once).</summary>
        public void Expire(string query, long afterBytes = 0) => _expiry[query] = afterBytes;

        /// <summary>The next <paramref name="count"/> requests are answered with <paramref name="status"/>.</summary>
        public void FailNext(int count, HttpStatusCode status, TimeSpan? retryAfter = null)
        {
            for (int i = 0; i < count; i++) _statuses.Enqueue(Tuple.Create(status, retryAfter));
        }

        /// <summary>The bodies of the next <paramref name="count"/> data answers break after <paramref name="afterBytes"/> bytes.</summary>
        public void DropNext(int count, long afterBytes) => QueueFault(count, FaultKind.Drop, afterBytes);

        /// <summary>The bodies of the next <paramref name="count"/> data answers stop sending after <paramref name="afterBytes"/> bytes.</summary>
        public void StallNext(int count, long afterBytes) => QueueFault(count, FaultKind.Stall, afterBytes);

        public static byte At(long i)
        {
            ulong x = (ulong)i * 0x9E3779B97F4A7C15UL;
            x ^= x >> 29;
            return (byte)(x >> 24);
        }

        public static void Fill(byte[] buffer, int offset, long position, int count)
        {
            for (int k = 0; k < count; k++) buffer[offset + k] = At(position + k);
        }

        /// <summary>The CRC-64/XZ of the first <paramref name="size"/> content bytes, bit by bit (independent of the module's tables).</summary>
        public static ulong Crc64Of(long size)
        {
            ulong crc = ulong.MaxValue;
            for (long i = 0; i < size; i++)
            {
                crc ^= At(i);
                for (int bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xC96C5795D7870F42UL : crc >> 1;
            }
            return ~crc;
        }

        public static byte[] Content(long size)
        {
            var bytes = new byte[size];
            Fill(bytes, 0, 0, (int)size);
            return bytes;
        }

        public static string Sha256(long size)
        {
            using (SHA256 sha = SHA256.Create())
                return string.Concat(sha.ComputeHash(Content(size)).Select(b => b.ToString("X2")));
        }

        internal void CountServed(int n)
        {
            long total = Interlocked.Add(ref _served, n);
            OnServed?.Invoke(total);
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            Methods.Enqueue(request.Method.Method);
            string path = request.RequestUri.AbsolutePath;
            string query = request.RequestUri.Query.TrimStart('?');
            Action close = Begin(path);
            RangeItemHeaderValue range = request.Headers.Range?.Ranges.FirstOrDefault();
            Ranges.Enqueue(new RangeAsked(path, range?.From, range?.To));

            if (!_objects.TryGetValue(path, out long size))
                return Answer(HttpStatusCode.NotFound, Error("NoSuchKey", "The specified key does not exist."), close);
            if (_expiry.TryGetValue(query, out long after) && BytesServed >= after)
                return Answer(HttpStatusCode.Forbidden, Error("AccessDenied", "Request has expired: " + request.RequestUri), close);
            if (_statuses.TryDequeue(out var status))
            {
                var failed = Response(status.Item1, new FakeBody(Encoding.UTF8.GetBytes(Error("ServiceUnavailable", "Please reduce your request rate.")), close));
                if (status.Item2.HasValue) failed.Headers.RetryAfter = new RetryConditionHeaderValue(status.Item2.Value);
                return Task.FromResult(failed);
            }

            long from = 0, to = size - 1;
            HttpStatusCode code = HttpStatusCode.OK;
            if (SupportsRanges && range?.From != null)
            {
                if (range.From.Value >= size)
                {
                    var unsatisfiable = Response(HttpStatusCode.RequestedRangeNotSatisfiable, new FakeBody(new byte[0], close));
                    unsatisfiable.Content.Headers.ContentRange = new ContentRangeHeaderValue(size);
                    return Task.FromResult(unsatisfiable);
                }
                from = range.From.Value;
                to = Math.Min(range.To ?? size - 1, size - 1);
                code = HttpStatusCode.PartialContent;
            }
            _faults.TryDequeue(out BodyFault fault);
            long length = to - from + 1;
            var response = Response(code, new FakeBody(this, from, length, fault, close));
            if (SendCrc)
                response.Headers.TryAddWithoutValidation("x-cos-hash-crc64ecma", CrcOverride ?? _crcs.GetOrAdd(path, _ => Crc64Of(size)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!OmitContentLength) response.Content.Headers.ContentLength = length;
            if (code == HttpStatusCode.PartialContent)
                response.Content.Headers.ContentRange = HideTotal ? new ContentRangeHeaderValue(from, to) : new ContentRangeHeaderValue(from, to, size);
            return Task.FromResult(response);
        }

        private void QueueFault(int count, FaultKind kind, long afterBytes)
        {
            for (int i = 0; i < count; i++) _faults.Enqueue(new BodyFault { Kind = kind, AfterBytes = afterBytes });
        }

        private static string Error(string code, string message) =>
            $"<?xml version='1.0' encoding='utf-8' ?><Error><Code>{code}</Code><Message>{WebUtility.HtmlEncode(message)}</Message><RequestId>NjQ2ZmFrZQ==</RequestId></Error>";

        private static Task<HttpResponseMessage> Answer(HttpStatusCode status, string document, Action close) =>
            Task.FromResult(Response(status, new FakeBody(Encoding.UTF8.GetBytes(document), close)));

        private static HttpResponseMessage Response(HttpStatusCode status, FakeBody body) =>
            new HttpResponseMessage(status) { Content = new StreamContent(body) };

        /// <summary>Counts the request as active until its body is disposed.</summary>
        private Action Begin(string path)
        {
            lock (_lock)
            {
                _active[path] = (_active.TryGetValue(path, out int n) ? n : 0) + 1;
                _maxActive[path] = Math.Max(_maxActive.TryGetValue(path, out int m) ? m : 0, _active[path]);
                _maxActivePaths = Math.Max(_maxActivePaths, _active.Count);
            }
            return () =>
            {
                lock (_lock)
                {
                    if (--_active[path] == 0) _active.Remove(path);
                }
            };
        }
    }

    internal sealed class RangeAsked
    {
        public RangeAsked(string path, long? from, long? to)
        {
            Path = path;
            From = from;
            To = to;
        }

        public string Path { get; }
        public long? From { get; }
        public long? To { get; }
    }
}
