using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace MongoBackup.Client
{
    /// <summary>One answer of the metadata service: its HTTP status and its text.</summary>
    internal sealed class MetadataAnswer
    {
        public MetadataAnswer(int status, string text)
        {
            Status = status;
            Text = text ?? "";
        }

        public int Status { get; }
        public string Text { get; }
    }

    /// <summary>
    /// The CVM instance metadata service (http://metadata.tencentyun.com, or TENCENTCLOUD_METADATA_ENDPOINT): plain HTTP
    /// GETs, not the TC3 API. Before its first request to an endpoint, the process makes one TCP connection to it with a
    /// <see cref="ConnectTimeout"/> of 1 second; when that fails (no such host, refused, no answer) the endpoint is remembered
    /// as absent for the rest of the process, so a laptop never waits for it twice. Requests go direct, never through a
    /// proxy (the metadata address is link-local), and each answer must come within <see cref="AnswerTimeout"/>.
    /// </summary>
    internal sealed class InstanceMetadataService
    {
        public const string EnvEndpoint = "TENCENTCLOUD_METADATA_ENDPOINT";
        public static readonly Uri DefaultEndpoint = new Uri("http://metadata.tencentyun.com/");

        /// <summary>The role name (GET) and, under it, each role's credential document.</summary>
        public const string SecurityCredentialsPath = "latest/meta-data/cam/security-credentials/";

        public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(1);
        public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(5);
        private const int MaxAnswerBytes = 64 * 1024;

        private static readonly ConcurrentDictionary<string, Lazy<Task<bool>>> Probes = new ConcurrentDictionary<string, Lazy<Task<bool>>>(StringComparer.OrdinalIgnoreCase);
        private static readonly Lazy<HttpClient> SharedHttp = new Lazy<HttpClient>(CreateHttpClient, LazyThreadSafetyMode.ExecutionAndPublication);

        private readonly HttpClient _http;
        private readonly Func<Uri, Task<bool>> _probe;

        /// <param name="endpoint">scheme://host[:port]/ of the service.</param>
        /// <param name="http">For tests: the HttpClient (default: one of the process, without proxy).</param>
        /// <param name="probe">For tests: whether something listens at the endpoint (default: a TCP connection within 1 s).</param>
        public InstanceMetadataService(Uri endpoint, HttpClient http = null, Func<Uri, Task<bool>> probe = null)
        {
            Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
            _http = http ?? SharedHttp.Value;
            _probe = probe ?? TcpProbeAsync;
        }

        public Uri Endpoint { get; }

        public string Authority => Endpoint.GetLeftPart(UriPartial.Authority);

        /// <summary>Whether a service listens at the endpoint: asked once per process and endpoint, whoever asks.</summary>
        public async Task<bool> IsPresentAsync(CancellationToken cancellationToken)
        {
            Task<bool> probe = Probes.GetOrAdd(Authority, _ => new Lazy<Task<bool>>(() => _probe(Endpoint), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
            if (!probe.IsCompleted && cancellationToken.CanBeCanceled)
            {
                var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                using (cancellationToken.Register(() => cancelled.TrySetCanceled(cancellationToken)))
                    await Task.WhenAny(probe, cancelled.Task).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
            return await probe.ConfigureAwait(false);
        }

        /// <summary>One GET of a path under the endpoint; a failure to get any answer is InstanceMetadataUnavailable.</summary>
        public async Task<MetadataAnswer> GetAsync(string path, CancellationToken cancellationToken)
        {
            var uri = new Uri(Endpoint, path);
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(AnswerTimeout);
                try
                {
                    using (var request = new HttpRequestMessage(HttpMethod.Get, uri))
                    {
                        request.Headers.TryAddWithoutValidation("User-Agent", TencentCloudClient.UserAgent);
                        using (HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false))
                        {
                            // The .NET Framework leaves Content null on a bodiless answer; .NET gives an empty one.
                            byte[] bytes = response.Content == null ? new byte[0] : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                            return new MetadataAnswer((int)response.StatusCode, Encoding.UTF8.GetString(bytes));
                        }
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TencentCloudException(ErrorCatalog.InstanceMetadataUnavailable,
                        $"The instance metadata service at {Authority} did not answer GET /{path} within {AnswerTimeout.TotalSeconds:0} s.");
                }
                catch (HttpRequestException e)
                {
                    throw new TencentCloudException(ErrorCatalog.InstanceMetadataUnavailable,
                        $"The instance metadata service at {Authority} could not be asked for /{path}: {Failures.Describe(e)}", null, e);
                }
                catch (System.IO.IOException e)
                {
                    throw new TencentCloudException(ErrorCatalog.InstanceMetadataUnavailable,
                        $"The connection to the instance metadata service at {Authority} broke: {Failures.Describe(e)}", null, e);
                }
            }
        }

        /// <summary>For tests: forgets what the probes found.</summary>
        internal static void ForgetProbes() => Probes.Clear();

        /// <summary>A TCP connection to the endpoint's host and port (name resolution included) within <see cref="ConnectTimeout"/>.</summary>
        private static async Task<bool> TcpProbeAsync(Uri endpoint)
        {
            var tcp = new TcpClient();
            try
            {
                Task connect = tcp.ConnectAsync(endpoint.Host.Trim('[', ']'), endpoint.Port);
                Task first = await Task.WhenAny(connect, Task.Delay(ConnectTimeout)).ConfigureAwait(false);
                if (first != connect)
                {
                    _ = connect.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
                    return false;
                }
                await connect.ConfigureAwait(false);
                return tcp.Connected;
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException || e is ArgumentException || e is InvalidOperationException)
            {
                return false;
            }
            finally
            {
                tcp.Dispose();
            }
        }

        private static HttpClient CreateHttpClient()
        {
            TencentCloudClient.PrepareServicePoints();
            var handler = new HttpClientHandler { UseProxy = false, AllowAutoRedirect = false };
            return new HttpClient(handler, disposeHandler: true)
            {
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
                MaxResponseContentBufferSize = MaxAnswerBytes,
            };
        }
    }
}
