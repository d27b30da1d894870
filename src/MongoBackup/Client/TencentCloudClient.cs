using System;
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
    /// <summary>
    /// The one transport every API call goes through: builds, signs and sends a request for one region, retries what the
    /// <see cref="RetryPolicy"/> says is transient under the process-wide <see cref="RateLimiter"/>, and turns the answer
    /// into an <see cref="ApiResponse"/> or a <see cref="TencentCloudException"/>. It knows no action or field name: the
    /// typed layer (MongoBackup.Api) gives it an <see cref="ActionDescriptor"/> and a body. One HttpClient serves the
    /// whole process, so connections (and TLS sessions) are kept alive across cmdlet calls.
    /// </summary>
    internal sealed class TencentCloudClient
    {
        public const string ContentType = "application/json; charset=utf-8";
        /// <summary>The Authorization value of an unsigned action, as the official Go and Node SDKs send it.</summary>
        public const string UnsignedAuthorization = "SKIP";
        private const int MaxErrorSnippet = 200;

        private static readonly Lazy<HttpClient> SharedHttp = new Lazy<HttpClient>(CreateSharedHttpClient, LazyThreadSafetyMode.ExecutionAndPublication);
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);

        private readonly ResolvedSettings _settings;
        private readonly IApiLog _log;
        private readonly HttpClient _http;
        private readonly Timing _timing;

        /// <summary>
        /// A client for the settings' region, which they must carry, since every request names its region. Signed actions
        /// also need the settings' credential provider (an unsigned one, such as AssumeRoleWithWebIdentity, does not).
        /// </summary>
        public TencentCloudClient(ResolvedSettings settings, IApiLog log, HttpClient http = null, Timing timing = null)
        {
            _settings = settings ?? throw new ArgumentNullException(nameof(settings));
            if (string.IsNullOrWhiteSpace(settings.Region)) throw SettingsResolver.MissingRegion(settings);
            _log = log ?? NullApiLog.Instance;
            _http = http ?? SharedHttp.Value;
            _timing = timing ?? Timing.System;
        }

        /// <summary>For tests: the limiter of an action (default: the process-wide one).</summary>
        internal Func<ActionDescriptor, RateLimiter> LimiterFor { get; set; }

        public ResolvedSettings Settings => _settings;

        public string Region => _settings.Region;

        public static string UserAgent { get; } = BuildUserAgent();

        /// <summary>Shared by downloads: the process-wide HttpClient.</summary>
        internal static HttpClient Http => SharedHttp.Value;

        /// <summary>
        /// Calls one action: waits for the process-wide rate limiter, sends, and retries what the <see cref="RetryPolicy"/>
        /// says is transient (each retry reported on the verbose stream with its reason and wait). The same request body is
        /// sent again, so a retried page is that page again: no gap, no duplicate.
        /// </summary>
        public async Task<ApiResponse> InvokeAsync(ActionDescriptor action, JsonObject parameters, CancellationToken cancellationToken)
        {
            if (action == null) throw new ArgumentNullException(nameof(action));
            ICredentialProvider provider = action.Unsigned ? null : _settings.CredentialProvider;
            if (!action.Unsigned && provider == null)
                throw new TencentCloudException(ErrorCatalog.MissingCredential, $"{action} is a signed request and no credential is set, so nothing was sent.") { Action = action.Name };
            RetryPolicy policy = _settings.Retry ?? RetryPolicy.Default;
            // Keyed by the source's stable identity (a permanent SecretId, a role ARN...), not by a temporary key that rotates.
            RateLimiter limiter = LimiterFor != null
                ? LimiterFor(action)
                : RateLimiter.For(_settings.Endpoint.GetLeftPart(UriPartial.Authority), provider?.Identity ?? "unsigned", action, _timing);
            TimeSpan started = _timing.Monotonic();
            bool renewed = false;
            for (int attempt = 1; ; attempt++)
            {
                TimedCredential credential = null;
                bool obtaining = false;
                try
                {
                    using (RateLimiter.Lease lease = await limiter.AcquireAsync(cancellationToken).ConfigureAwait(false))
                    {
                        if (lease.Waited > TimeSpan.FromMilliseconds(100))
                            _log.Debug($"{action}: waited {lease.Waited.TotalMilliseconds:0} ms for the client-side limit of {limiter.Limit} requests/s");
                        // Asked at every attempt, once the request may go, so it is signed with a key that is current then: a
                        // temporary key is obtained again before it expires. Its failures say what to do and are not retried
                        // here (the source's own requests have their retries).
                        obtaining = true;
                        if (provider != null) credential = await provider.GetAsync(new CredentialRequest(_settings.Region, _log), cancellationToken).ConfigureAwait(false);
                        obtaining = false;
                        return await SendOnceAsync(action, parameters, credential?.Credential, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (TencentCloudException e) when (!obtaining && !renewed && credential != null && provider.Refreshes && RefusesTheKey(e))
                {
                    // A temporary key that expired anyway (a clock off, a key revoked early): one new key, one more try.
                    renewed = true;
                    provider.Invalidate(credential.Credential);
                    _log.Verbose($"{action}: the service refused the temporary key {credential.Credential.MaskedSecretId} ({e.Code}); trying once more with a new one");
                    attempt--;
                }
                catch (TencentCloudException e) when (!obtaining)
                {
                    e.Attempts = attempt;
                    string reason = RetryPolicy.TransientReason(action.Safe, e);
                    if (reason == null || !policy.AllowsRetry(attempt)) throw;
                    TimeSpan delay = policy.Delay(attempt, _timing.NextRandom());
                    if (_timing.Monotonic() - started + delay > policy.MaxTotal) throw;
                    _log.Verbose($"{action}: {reason}{(e.RequestId == null ? "" : " (RequestId " + e.RequestId + ")")}; retry {attempt} of {policy.MaxRetries} in {delay.TotalSeconds:0.0#} s");
                    await _timing.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        /// <summary>The service's answers to a temporary key that is no longer valid.</summary>
        internal static bool RefusesTheKey(TencentCloudException e) =>
            e is TencentCloudApiException && (e.Code == ErrorCatalog.TokenFailure || e.Code == ErrorCatalog.SignatureExpire);

        /// <summary>Sends one request, once, signed with the settings' fixed key (tests).</summary>
        internal Task<ApiResponse> SendOnceAsync(ActionDescriptor action, JsonObject parameters, CancellationToken cancellationToken) =>
            SendOnceAsync(action, parameters, _settings.CredentialProvider?.Current?.Credential, cancellationToken);

        /// <summary>Sends one request, once, and returns the Response object.</summary>
        internal async Task<ApiResponse> SendOnceAsync(ActionDescriptor action, JsonObject parameters, TencentCloudCredential credential, CancellationToken cancellationToken)
        {
            string body = Json.Serialize(parameters ?? new JsonObject());
            byte[] payload = Utf8.GetBytes(body);
            Uri endpoint = _settings.Endpoint;
            string host = EndpointValidator.HostHeader(endpoint);
            long timestamp = _timing.UtcNow().ToUnixTimeSeconds();
            if (!action.Unsigned && credential == null) throw new ArgumentNullException(nameof(credential), "A signed request needs a credential.");
            Tc3Signature signature = action.Unsigned ? null
                : Tc3Signer.Sign(credential.SecretId, credential.SecretKey, action.Service.Name, host, ContentType, payload, timestamp);

            using (var request = new HttpRequestMessage(HttpMethod.Post, endpoint))
            {
                request.Headers.Host = host;
                request.Headers.TryAddWithoutValidation("Authorization", action.Unsigned ? UnsignedAuthorization : signature.Authorization);
                request.Headers.TryAddWithoutValidation("X-TC-Action", action.Name);
                request.Headers.TryAddWithoutValidation("X-TC-Version", action.Service.Version);
                request.Headers.TryAddWithoutValidation("X-TC-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
                request.Headers.TryAddWithoutValidation("X-TC-Region", _settings.Region);
                if (!action.Unsigned && credential.Token != null) request.Headers.TryAddWithoutValidation("X-TC-Token", credential.Token);
                request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
                request.Content = new ByteArrayContent(payload);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);

                _log.Debug($"POST {endpoint} {action} region={_settings.Region} " + (action.Sensitive ? $"body=({payload.Length} bytes, not shown: they carry a secret)" : "body=" + body));
                TimeSpan sent = _timing.Monotonic();
                string authority = endpoint.GetLeftPart(UriPartial.Authority);
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    timeout.CancelAfter(_settings.Timeout);
                    try
                    {
                        using (HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false))
                        {
                            string text = await ReadBodyAsync(response, timeout.Token).ConfigureAwait(false);
                            TimeSpan elapsed = _timing.Monotonic() - sent;
                            _log.Debug($"{action}: HTTP {(int)response.StatusCode} in {elapsed.TotalMilliseconds:0} ms, {text.Length} characters");
                            return Interpret(action, (int)response.StatusCode, response.ReasonPhrase, text, elapsed,
                                quoted => Redaction.Secrets(quoted, signature?.Authorization, signature?.Signature, credential?.SecretKey, credential?.Token));
                        }
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new TencentCloudException(ErrorCatalog.RequestTimeout,
                            $"{action} got no answer from {authority} within {_settings.Timeout.TotalSeconds:0.#} s.") { Action = action.Name };
                    }
                    catch (HttpRequestException e)
                    {
                        bool notSent = Failures.ConnectionNeverMade(e, out bool hostNotFound);
                        throw new TencentCloudException(ErrorCatalog.ConnectionFailure, $"{action} could not reach {authority}: {Failures.Describe(e)}", null, e)
                        { Action = action.Name, RequestNotSent = notSent, HostNotFound = hostNotFound };
                    }
                    catch (System.IO.IOException e)
                    {
                        throw new TencentCloudException(ErrorCatalog.ConnectionFailure, $"The connection to {authority} broke during {action}: {Failures.Describe(e)}", null, e)
                        { Action = action.Name };
                    }
                }
            }
        }

        private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken token)
        {
            // ReadAsStringAsync takes no token on netstandard2.0: read the stream so a stalled body honours the timeout.
            if (response.Content == null) return ""; // the .NET Framework leaves it null on a bodiless answer
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

        /// <summary>Turns a raw answer into the Response object or the fitting exception.</summary>
        internal static ApiResponse Interpret(ActionDescriptor action, int status, string reason, string text, TimeSpan elapsed,
            Func<string, string> redact = null)
        {
            redact = redact ?? (t => Redaction.Secrets(t));
            // A cut-off or odd answer of a sensitive action may hold keys: say how long it was, never what it said.
            Func<string, string> quote = !action.Sensitive ? redact
                : t => string.IsNullOrEmpty(t) ? t : $"({t.Length} characters, not quoted: the answers of {action} carry keys)";
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
                string code = SafeString(error, "Code") ?? ErrorCatalog.UnknownError;
                throw new TencentCloudApiException(code, redact(SafeString(error, "Message")), SafeString(response, "RequestId")) { Action = action.Name, HttpStatus = status };
            }
            if (status != 200)
            {
                throw new TencentCloudException(ErrorCatalog.HttpError,
                    $"{action} was answered HTTP {status} {reason} instead of the API's JSON document: {Snippet(quote(text))}") { Action = action.Name, HttpStatus = status };
            }
            if (parseError != null)
            {
                throw new TencentCloudException(ErrorCatalog.InvalidResponse,
                    $"The answer to {action} is not valid JSON ({parseError.Message}) It may have been cut off, or come from a proxy: {Snippet(quote(text))}", null, parseError) { Action = action.Name, HttpStatus = status };
            }
            if (response == null)
            {
                throw new TencentCloudException(ErrorCatalog.InvalidResponse,
                    $"The answer to {action} has no \"Response\" object, so it is not from the Tencent Cloud API: {Snippet(quote(text))}") { Action = action.Name, HttpStatus = status };
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

        /// <summary>
        /// Settings the .NET Framework's HTTP stack (Windows PowerShell 5.1) needs and the modern runtime ignores, chosen
        /// by capability rather than by the runtime's name (so Mono runs them too): when the process pins an explicit list
        /// of TLS versions without TLS 1.2 (older defaults offer only SSL3/TLS 1.0), TLS 1.2 is added; and a default of
        /// fewer than 64 connections per host (the classic 2, which would serialise parallel downloads) is raised.
        /// </summary>
        internal static void PrepareServicePoints()
        {
            SecurityProtocolType protocols = ServicePointManager.SecurityProtocol;
            if (protocols != 0 && (protocols & SecurityProtocolType.Tls12) == 0)
                ServicePointManager.SecurityProtocol = protocols | SecurityProtocolType.Tls12;
            if (ServicePointManager.DefaultConnectionLimit < 64) ServicePointManager.DefaultConnectionLimit = 64;
        }

        private static HttpClient CreateSharedHttpClient()
        {
            PrepareServicePoints();
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
    }
}
