using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Client;

namespace MongoBackup.Transfer
{
    /// <summary>
    /// One ranged GET of a presigned link (never HEAD: presigned GET links refuse other methods), classified:
    /// data (200/206/416) comes back as a <see cref="RangeAnswer"/>; 403 throws <see cref="LinkDenied"/>; 408, 429
    /// and 5xx throw <see cref="TransientFailure"/>; 404 and other refusals throw a final TencentCloudException.
    /// </summary>
    internal static class HttpRange
    {
        private const int MaxErrorBody = 4096;
        private static readonly Regex XmlCode = new Regex("<Code>([^<]{1,100})</Code>", RegexOptions.CultureInvariant);
        private static readonly Regex XmlMessage = new Regex("<Message>([^<]{1,300})</Message>", RegexOptions.CultureInvariant);

        public static async Task<RangeAnswer> OpenAsync(HttpClient http, string url, int linkVersion, long from, long? toInclusive, string name, CancellationToken token)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Range = new RangeHeaderValue(from, toInclusive);
            request.Headers.TryAddWithoutValidation("User-Agent", TencentCloudClient.UserAgent);
            HttpResponseMessage response = null;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                if (status == 200 || status == 206)
                {
                    Stream body = response.Content == null ? Stream.Null : await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                    return new RangeAnswer(request, response, body);
                }
                if (status == 416) return new RangeAnswer(request, response, null);

                string detail = await ReadErrorDetailAsync(response, url, token).ConfigureAwait(false);
                if (status == 403) throw new LinkDenied(linkVersion, detail);
                if (status == 404) throw DownloadErrors.ObjectNotFound(name, url);
                if (Failures.IsTransientStatus(status))
                    throw new TransientFailure($"HTTP {status} {response.ReasonPhrase}{(detail.Length > 0 ? ": " + detail : "")}", RetryAfter(response));
                throw DownloadErrors.Refused(name, url, status, detail);
            }
            catch
            {
                response?.Dispose();
                request.Dispose();
                throw;
            }
        }

        private static TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            RetryConditionHeaderValue retry = response.Headers.RetryAfter;
            if (retry?.Delta != null) return retry.Delta;
            if (retry?.Date != null) return retry.Date.Value - DateTimeOffset.UtcNow;
            return null;
        }

        /// <summary>The Code and Message of an object-storage error body (XML), scrubbed of the link's query.</summary>
        private static async Task<string> ReadErrorDetailAsync(HttpResponseMessage response, string url, CancellationToken token)
        {
            string text;
            try
            {
                if (response.Content == null) return "";
                using (Stream body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
                {
                    var buffer = new byte[MaxErrorBody];
                    int total = 0, n;
                    while (total < buffer.Length && (n = await body.ReadAsync(buffer, total, buffer.Length - total, token).ConfigureAwait(false)) > 0)
                        total += n;
                    text = Encoding.UTF8.GetString(buffer, 0, total);
                }
            }
            catch (Exception e) when (e is IOException || e is HttpRequestException)
            {
                return "";
            }
            Match code = XmlCode.Match(text), message = XmlMessage.Match(text);
            string detail = code.Success ? code.Groups[1].Value + (message.Success ? " (" + message.Groups[1].Value + ")" : "") : "";
            return Redaction.ScrubUrl(detail, url);
        }
    }
}
