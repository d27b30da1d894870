using System;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace MongoBackup.Client
{
    /// <summary>Where the client reports what it does. Implementations must be thread-safe.</summary>
    internal interface IApiLog
    {
        void Verbose(string message);
        void Debug(string message);
    }

    internal sealed class NullApiLog : IApiLog
    {
        public static readonly NullApiLog Instance = new NullApiLog();
        public void Verbose(string message) { }
        public void Debug(string message) { }
    }

    /// <summary>One successful answer: the Response object, its RequestId and how long the call took.</summary>
    internal sealed class ApiResponse
    {
        public ApiResponse(string action, JsonObject response, string requestId, TimeSpan elapsed)
        {
            Action = action;
            Response = response;
            RequestId = requestId;
            Elapsed = elapsed;
        }

        public string Action { get; }
        public JsonObject Response { get; }
        public string RequestId { get; }
        public TimeSpan Elapsed { get; }
    }

    /// <summary>
    /// The one client every cmdlet uses: builds, signs and sends a request, and turns the answer into a
    /// <see cref="ApiResponse"/> or a <see cref="TencentCloudException"/>. One HttpClient serves the whole process, so
    /// connections (and TLS sessions) are kept alive across cmdlet calls.
    /// </summary>
    internal sealed class TencentCloudClient
    {
        public const string ApiVersion = "2019-07-25";
        public const string Service = "mongodb";
        public const string ContentType = "application/json; charset=utf-8";
        private const int MaxErrorSnippet = 200;

        private static readonly Lazy<HttpClient> SharedHttp = new Lazy<HttpClient>(CreateSharedHttpClient, LazyThreadSafetyMode.ExecutionAndPublication);
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);

        private readonly ResolvedSettings _settings;
        private readonly IApiLog _log;
        private readonly HttpClient _http;
        private readonly Func<DateTimeOffset> _clock;
        private static readonly Random Jitter = new Random();

        public TencentCloudClient(ResolvedSettings settings, IApiLog log, HttpClient http = null, Func<DateTimeOffset> clock = null)
        {
            _settings = settings ?? throw new ArgumentNullException(nameof(settings));
            if (settings.Credential == null) throw new ArgumentException("The settings carry no credential.", nameof(settings));
            _log = log ?? NullApiLog.Instance;
            _http = http ?? SharedHttp.Value;
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>For tests: the limiter of an action (default: the process-wide one), the waits between retries, the jitter.</summary>
        internal Func<string, RateLimiter> LimiterFor { get; set; }
        internal Func<TimeSpan, CancellationToken, Task> RetryDelay { get; set; } = Task.Delay;
        internal Func<double> NextRandom { get; set; } = () => { lock (Jitter) return Jitter.NextDouble(); };

        /// <summary>
        /// Calls one action: waits for the process-wide rate limiter, sends, and retries what the <see cref="RetryPolicy"/>
        /// says is transient (each retry reported on the verbose stream with its reason and wait). The same request body is
        /// sent again, so a retried page is that page again: no gap, no duplicate.
        /// </summary>
        public async Task<ApiResponse> InvokeAsync(string action, JsonObject parameters, CancellationToken cancellationToken)
        {
            RetryPolicy policy = _settings.Retry ?? RetryPolicy.Default;
            RateLimiter limiter = LimiterFor != null
                ? LimiterFor(action)
                : RateLimiter.For(_settings.Endpoint.GetLeftPart(UriPartial.Authority), _settings.Credential.SecretId, action);
            var started = Stopwatch.StartNew();
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    using (RateLimiter.Lease lease = await limiter.AcquireAsync(cancellationToken).ConfigureAwait(false))
                    {
                        if (lease.Waited > TimeSpan.FromMilliseconds(100))
                            _log.Debug($"{action}: waited {lease.Waited.TotalMilliseconds:0} ms for the client-side limit of {limiter.Limit} requests/s");
                        return await SendOnceAsync(action, parameters, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (TencentCloudException e)
                {
                    e.Attempts = attempt;
                    string reason = RetryPolicy.TransientReason(action, e);
                    if (reason == null || attempt > policy.MaxRetries) throw;
                    TimeSpan delay = policy.Delay(attempt, NextRandom());
                    if (started.Elapsed + delay > policy.MaxTotal) throw;
                    _log.Verbose($"{action}: {reason}{(e.RequestId == null ? "" : " (RequestId " + e.RequestId + ")")}; retry {attempt} of {policy.MaxRetries} in {delay.TotalSeconds:0.0#} s");
                    await RetryDelay(delay, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        public ResolvedSettings Settings => _settings;

        public static string UserAgent { get; } = BuildUserAgent();

        public static string ModuleVersion { get; } =
            typeof(TencentCloudClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

        /// <summary>Sends one request, once, and returns the Response object.</summary>
        internal async Task<ApiResponse> SendOnceAsync(string action, JsonObject parameters, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(action)) throw new ArgumentNullException(nameof(action));
            string body = Json.Serialize(parameters ?? new JsonObject());
            byte[] payload = Utf8.GetBytes(body);
            Uri endpoint = _settings.Endpoint;
            string host = EndpointValidator.HostHeader(endpoint);
            long timestamp = _clock().ToUnixTimeSeconds();
            TencentCloudCredential credential = _settings.Credential;
            Tc3Signature signature = Tc3Signer.Sign(credential.SecretId, credential.SecretKey, Service, host, ContentType, payload, timestamp);

            using (var request = new HttpRequestMessage(HttpMethod.Post, endpoint))
            {
                request.Headers.Host = host;
                request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
                request.Headers.TryAddWithoutValidation("X-TC-Action", action);
                request.Headers.TryAddWithoutValidation("X-TC-Version", ApiVersion);
                request.Headers.TryAddWithoutValidation("X-TC-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
                if (!string.IsNullOrEmpty(_settings.Region)) request.Headers.TryAddWithoutValidation("X-TC-Region", _settings.Region);
                if (credential.Token != null) request.Headers.TryAddWithoutValidation("X-TC-Token", credential.Token);
                request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
                request.Content = new ByteArrayContent(payload);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);

                _log.Debug($"POST {endpoint} {action} region={_settings.Region ?? "(none)"} body={body}");
                var watch = Stopwatch.StartNew();
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    timeout.CancelAfter(_settings.Timeout);
                    HttpResponseMessage response;
                    string text;
                    try
                    {
                        response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                        using (response)
                        {
                            text = await ReadBodyAsync(response, timeout.Token).ConfigureAwait(false);
                            watch.Stop();
                            _log.Debug($"{action}: HTTP {(int)response.StatusCode} in {watch.ElapsedMilliseconds} ms, {text.Length} characters");
                            return Interpret(action, (int)response.StatusCode, response.ReasonPhrase, text, watch.Elapsed,
                                quoted => Redact(quoted, credential, signature));
                        }
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new TencentCloudException(ClientErrorCodes.Timeout,
                            $"{action} got no answer from {endpoint.GetLeftPart(UriPartial.Authority)} within {_settings.Timeout.TotalSeconds:0.#} s.") { Action = action };
                    }
                    catch (HttpRequestException e)
                    {
                        bool notSent = RetryPolicy.ConnectionNeverMade(e, out bool hostNotFound);
                        throw new TencentCloudException(ClientErrorCodes.ConnectionFailure,
                            $"{action} could not reach {endpoint.GetLeftPart(UriPartial.Authority)}: {Describe(e)}", null, e)
                        { Action = action, RequestNotSent = notSent, HostNotFound = hostNotFound };
                    }
                    catch (System.IO.IOException e)
                    {
                        throw new TencentCloudException(ClientErrorCodes.ConnectionFailure,
                            $"The connection to {endpoint.GetLeftPart(UriPartial.Authority)} broke during {action}: {Describe(e)}", null, e) { Action = action };
                    }
                }
            }
        }

        private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken token)
        {
            // ReadAsStringAsync takes no token on netstandard2.0: read the stream so a stalled body honours the timeout.
            using (var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
            using (var memory = new System.IO.MemoryStream())
            {
                var buffer = new byte[16384];
                int n;
                while ((n = await stream.ReadAsync(buffer, 0, buffer.Length, token).ConfigureAwait(false)) > 0)
                    memory.Write(buffer, 0, n);
                return Utf8.GetString(memory.GetBuffer(), 0, (int)memory.Length);
            }
        }

        /// <summary>
        /// Removes this request's secrets from text quoted from an answer: a proxy's error page or a service message may
        /// echo the request's headers back (the token, the Authorization value), and a message never shows them.
        /// </summary>
        internal static string Redact(string text, TencentCloudCredential credential, Tc3Signature signature)
        {
            if (string.IsNullOrEmpty(text)) return text;
            foreach (string secret in new[] { signature?.Authorization, signature?.Signature, credential?.SecretKey, credential?.Token })
            {
                if (string.IsNullOrEmpty(secret)) continue;
                int at;
                while ((at = text.IndexOf(secret, StringComparison.OrdinalIgnoreCase)) >= 0)
                    text = text.Substring(0, at) + "***" + text.Substring(at + secret.Length);
            }
            return SecretPattern.Replace(text, m => m.Groups[1].Value + "***");
        }

        // Any TC3 Authorization value or signature, even another request's.
        private static readonly System.Text.RegularExpressions.Regex SecretPattern = new System.Text.RegularExpressions.Regex(
            @"(TC3-HMAC-SHA256\s+Credential=|Signature=|X-TC-Token:\s*)[^\s,;""'<]+",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>Turns a raw answer into the Response object or the fitting exception.</summary>
        internal static ApiResponse Interpret(string action, int status, string reason, string text, TimeSpan elapsed,
            Func<string, string> redact = null)
        {
            redact = redact ?? (t => Redact(t, null, null));
            object parsed = null;
            Exception parseError = null;
            try
            {
                parsed = Json.Parse(text ?? "");
            }
            catch (JsonParseException e)
            {
                parseError = e;
            }

            JsonObject response = (parsed as JsonObject)?.GetObjectOrNull("Response");
            JsonObject error = response?.GetObjectOrNull("Error");
            if (error != null)
            {
                string code = SafeString(error, "Code") ?? "UnknownError";
                throw new TencentCloudApiException(code, redact(SafeString(error, "Message")), SafeString(response, "RequestId")) { Action = action, HttpStatus = status };
            }
            if (status != 200)
            {
                throw new TencentCloudException(ClientErrorCodes.HttpError,
                    $"{action} was answered HTTP {status} {reason} instead of the API's JSON document: {Snippet(redact(text))}") { Action = action, HttpStatus = status };
            }
            if (parseError != null)
            {
                throw new TencentCloudException(ClientErrorCodes.InvalidResponse,
                    $"The answer to {action} is not valid JSON ({parseError.Message}) It may have been cut off, or come from a proxy: {Snippet(redact(text))}", null, parseError) { Action = action, HttpStatus = status };
            }
            if (response == null)
            {
                throw new TencentCloudException(ClientErrorCodes.InvalidResponse,
                    $"The answer to {action} has no \"Response\" object, so it is not from the Tencent Cloud API: {Snippet(redact(text))}") { Action = action, HttpStatus = status };
            }
            return new ApiResponse(action, response, SafeString(response, "RequestId"), elapsed);
        }

        private static string SafeString(JsonObject obj, string name)
        {
            obj.TryGetValue(name, out object v);
            return v as string ?? (v == null ? null : Convert.ToString(v, CultureInfo.InvariantCulture));
        }

        private static string Snippet(string text)
        {
            if (string.IsNullOrEmpty(text)) return "(an empty body)";
            string oneLine = text.Replace('\r', ' ').Replace('\n', ' ').Trim();
            return oneLine.Length <= MaxErrorSnippet ? oneLine : oneLine.Substring(0, MaxErrorSnippet) + "…";
        }

        private static string Describe(Exception e)
        {
            var sb = new StringBuilder(e.Message);
            for (Exception inner = e.InnerException; inner != null; inner = inner.InnerException)
                if (!string.IsNullOrEmpty(inner.Message) && sb.ToString().IndexOf(inner.Message, StringComparison.Ordinal) < 0)
                    sb.Append(' ').Append(inner.Message);
            return sb.ToString();
        }

        private static HttpClient CreateSharedHttpClient()
        {
            bool netFramework = RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);
            if (netFramework)
            {
                // Windows PowerShell 5.1: allow TLS 1.2 (older defaults offer only SSL3/TLS 1.0) and lift the
                // default of 2 connections per host, which would serialise parallel downloads.
                ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
                if (ServicePointManager.DefaultConnectionLimit < 64) ServicePointManager.DefaultConnectionLimit = 64;
            }
            var handler = new HttpClientHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                AllowAutoRedirect = false,
                UseProxy = true, // the system proxy, and HTTPS_PROXY/HTTP_PROXY/NO_PROXY on .NET Core
            };
            return new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }

        private static string BuildUserAgent()
        {
            string version = typeof(TencentCloudClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? typeof(TencentCloudClient).Assembly.GetName().Version?.ToString(3);
            int plus = version?.IndexOf('+') ?? -1;
            if (plus > 0) version = version.Substring(0, plus);
            return $"MongoBackup/{version} ({RuntimeInformation.FrameworkDescription.Trim()}; {RuntimeInformation.OSDescription.Trim()})";
        }

        /// <summary>Shared by downloads: the process-wide HttpClient.</summary>
        internal static HttpClient Http => SharedHttp.Value;
    }

    internal static class JsonObjectExtensions
    {
        public static JsonObject GetObjectOrNull(this JsonObject obj, string name) =>
            obj != null && obj.TryGetValue(name, out object v) ? v as JsonObject : null;
    }
}
