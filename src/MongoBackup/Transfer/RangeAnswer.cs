using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;

namespace MongoBackup.Transfer
{
    /// <summary>
    /// An answer to a ranged GET that carries (or denies) data: 206 (the range), 200 (the whole object: no ranges) or
    /// 416 (the range starts at or past the end). Owns the response until disposed.
    /// </summary>
    internal sealed class RangeAnswer : IDisposable
    {
        private readonly HttpRequestMessage _request;
        private readonly HttpResponseMessage _response;

        public RangeAnswer(HttpRequestMessage request, HttpResponseMessage response, Stream body)
        {
            _request = request;
            _response = response;
            Body = body;
            Status = (int)response.StatusCode;
            var range = response.Content?.Headers.ContentRange;
            long? contentLength = response.Content?.Headers.ContentLength;
            if (Status == 206)
            {
                From = range?.From ?? -1;
                BodyLength = range?.To != null && range.From != null ? range.To.Value - range.From.Value + 1 : contentLength;
                Total = range?.Length;
            }
            else if (Status == 200)
            {
                From = 0;
                BodyLength = contentLength;
                Total = contentLength;
            }
            else
            {
                Total = range?.Length; // 416: "bytes */<total>"
            }
            if (response.Headers.TryGetValues(Crc64Header, out IEnumerable<string> values))
            {
                CrcText = values.FirstOrDefault()?.Trim();
                if (ulong.TryParse(CrcText, NumberStyles.None, CultureInfo.InvariantCulture, out ulong crc)) Crc64 = crc;
            }
        }

        /// <summary>Object storage's CRC64 of the whole object (CRC-64/XZ), a decimal unsigned 64-bit number.</summary>
        public const string Crc64Header = "x-cos-hash-crc64ecma";

        /// <summary>The object's CRC64 as the answer states it (x-cos-hash-crc64ecma), when it does and it is a number.</summary>
        public ulong? Crc64 { get; }

        /// <summary>The header's text, when present (to name an unreadable one).</summary>
        public string CrcText { get; }

        /// <summary>200, 206 or 416.</summary>
        public int Status { get; }

        /// <summary>Offset of the body's first byte in the object (-1 when a 206 lacks Content-Range).</summary>
        public long From { get; }

        /// <summary>Bytes the body should hold, when known.</summary>
        public long? BodyLength { get; }

        /// <summary>The object's size, when the answer tells it.</summary>
        public long? Total { get; }

        public Stream Body { get; }

        public bool Ranged => Status == 206;

        /// <summary>Aborts the transfer (also unblocks a pending read on runtimes that ignore cancellation tokens).</summary>
        public void Dispose()
        {
            try
            {
                Body?.Dispose();
            }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is HttpRequestException)
            {
                // Closing a broken connection may fail; the answer is abandoned either way.
            }
            _response.Dispose();
            _request.Dispose();
        }
    }
}
