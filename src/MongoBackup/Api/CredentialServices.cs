using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Client;

namespace MongoBackup.Api
{
    /// <summary>
    /// The outside world of the credential providers (Client's <see cref="ICredentialServices"/>): the CVM metadata
    /// service and the two STS actions, called through the module's one transport.
    /// </summary>
    internal sealed class CredentialServices : ICredentialServices
    {
        public static readonly CredentialServices Instance = new CredentialServices();

        private readonly HttpClient _http;
        private readonly HttpClient _metadataHttp;
        private readonly Func<Uri, Task<bool>> _probe;
        private readonly Timing _timing;

        /// <param name="http">For tests: the HttpClient of the STS calls (default: the process's).</param>
        /// <param name="metadataHttp">For tests: the metadata service's HttpClient.</param>
        /// <param name="probe">For tests: whether a metadata service listens at an endpoint.</param>
        /// <param name="timing">For tests: the clock of the STS calls.</param>
        public CredentialServices(HttpClient http = null, HttpClient metadataHttp = null, Func<Uri, Task<bool>> probe = null, Timing timing = null)
        {
            _http = http;
            _metadataHttp = metadataHttp;
            _probe = probe;
            _timing = timing;
        }

        public InstanceMetadataService Metadata(Uri endpoint) => new InstanceMetadataService(endpoint, _metadataHttp, _probe);

        public TimedCredential ReadInstanceRoleDocument(string text, string roleName, string authority) =>
            TemporaryKeys.FromRoleDocument(text, roleName, authority);

        public Task<TimedCredential> AssumeRoleAsync(ResolvedSettings sts, AssumeRoleParameters parameters, IApiLog log, CancellationToken cancellationToken) =>
            CallAsync(AssumeRole.Action, sts, parameters, log, cancellationToken);

        public Task<TimedCredential> AssumeRoleWithWebIdentityAsync(ResolvedSettings sts, WebIdentityParameters parameters, IApiLog log, CancellationToken cancellationToken) =>
            CallAsync(AssumeRoleWithWebIdentity.Action, sts, parameters, log, cancellationToken);

        private async Task<TimedCredential> CallAsync<TRequest>(ApiAction<TRequest, TimedCredential> action, ResolvedSettings sts, TRequest request,
            IApiLog log, CancellationToken cancellationToken)
        {
            var client = new TencentCloudClient(sts, log, _http, _timing);
            ApiResponse response = await client.InvokeAsync(action.Descriptor, action.Write(request), cancellationToken).ConfigureAwait(false);
            return action.Read(response.Response, request, sts.Region);
        }
    }
}
