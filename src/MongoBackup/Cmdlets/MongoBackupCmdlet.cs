using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Client;

namespace MongoBackup.Commands
{
    /// <summary>
    /// Base of every API cmdlet: the common parameters (-Credential, -Region, -ProfileName, -Endpoint), the resolved
    /// settings and shared client, a CancellationToken cancelled by Ctrl+C (StopProcessing), and the pump that lets
    /// asynchronous work write to the pipeline from the pipeline thread.
    /// </summary>
    public abstract class MongoBackupCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private PipelinePump _pump;
        private TencentCloudClient _client;

        /// <summary>Tencent Cloud API key for this command: the user name is the SecretId and the password the SecretKey. Overrides Connect-TencentCloud, the environment and the profile files.</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; }

        /// <summary>The region of the instances, such as ap-guangzhou or ap-shanghai. Defaults to Connect-TencentCloud's, then TENCENTCLOUD_REGION, then the tccli profile's region. Taken from the Region property of piped objects (instances, download tasks), so each goes to its own region.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string Region { get; set; }

        /// <summary>The profile to read credentials from: a section of the SDK credentials file (~/.tencentcloud/credentials) or tccli's ~/.tccli/NAME.credential. Naming a profile skips the environment variables.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ProfileName { get; set; }

        /// <summary>The API endpoint, default https://mongodb.tencentcloudapi.com. Plain http is accepted only for this machine (for the emulator).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Endpoint { get; set; }

        /// <summary>How many times to retry a call that failed transiently (throttling, service errors, broken connections), 0 to 20. Default 5, or Connect-TencentCloud's. Describe calls are retried on any transient failure; calls that change something only when the service surely did not act.</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetries { get; set; }

        /// <summary>The longest wait between two retries: seconds, or a TimeSpan (default 20 seconds). Waits back off exponentially with random jitter up to it.</summary>
        [Parameter]
        [SecondsTransformation]
        public TimeSpan RetryMaxDelay { get; set; }

        /// <summary>Cancelled when the user presses Ctrl+C; every blocking wait takes it.</summary>
        protected CancellationToken CancelToken => _stopping.Token;

        internal PipelinePump Pump => _pump ?? (_pump = new PipelinePump(this));

        internal ResolvedSettings Settings { get; private set; }

        /// <summary>The client for the current input: its region is the piped or given -Region, else the resolved one.</summary>
        internal TencentCloudClient Client
        {
            get
            {
                string region = string.IsNullOrWhiteSpace(Region) ? Settings.Region : CheckRegion(Region);
                if (_client == null || _client.Settings.Region != region)
                    _client = new TencentCloudClient(Settings.WithRegion(region), Pump);
                return _client;
            }
        }

        /// <summary>Whether this cmdlet needs a credential (Get-TencentCloudContext does not).</summary>
        internal virtual bool RequiresCredential => true;

        protected override void BeginProcessing()
        {
            try
            {
                Settings = ResolveSettings(RequiresCredential);
            }
            catch (TencentCloudException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, null));
            }
        }

        private static readonly System.Text.RegularExpressions.Regex RegionPattern =
            new System.Text.RegularExpressions.Regex("^[a-z]{2,}(-[a-z0-9]+)+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>A region name such as ap-guangzhou, or an InvalidRegion error that says what one looks like.</summary>
        internal static string CheckRegion(string region)
        {
            string trimmed = region.Trim();
            if (!RegionPattern.IsMatch(trimmed))
                // The advice (ErrorMapping, InvalidRegion) says what a region looks like.
                throw new TencentCloudException("InvalidRegion", $"'{region}' is not a region name.");
            return trimmed;
        }

        /// <summary>A -RetryMaxDelay from 0 to 10 minutes, or an InvalidArgument error saying so.</summary>
        internal static TimeSpan CheckRetryMaxDelay(TimeSpan value)
        {
            if (value < TimeSpan.Zero || value > TimeSpan.FromMinutes(10))
                throw new TencentCloudException("InvalidRetryMaxDelay",
                    $"-RetryMaxDelay {value} is out of range: give from 0 to 600 seconds, such as -RetryMaxDelay 30.");
            return value;
        }

        internal ResolvedSettings ResolveSettings(bool requireCredential)
        {
            var parameters = new ExplicitSettings
            {
                Credential = Credential == null ? null
                    : new TencentCloudCredential(Credential.UserName, Credential.GetNetworkCredential().Password),
                Region = string.IsNullOrWhiteSpace(Region) ? null : CheckRegion(Region),
                ProfileName = ProfileName,
                Endpoint = Endpoint == null ? null : EndpointValidator.Parse(Endpoint),
                MaxRetries = MyInvocation.BoundParameters.ContainsKey(nameof(MaxRetries)) ? MaxRetries : (int?)null,
                RetryMaxDelay = MyInvocation.BoundParameters.ContainsKey(nameof(RetryMaxDelay)) ? CheckRetryMaxDelay(RetryMaxDelay) : (TimeSpan?)null,
            };
            return new SettingsResolver(ProcessHostEnvironment.Instance).Resolve(parameters, SessionDefaults.Current, requireCredential);
        }

        protected override void StopProcessing() => _stopping.Cancel();

        protected override void EndProcessing() => _pump?.Drain();

        /// <summary>Runs asynchronous work, writing what it posts, until it completes or Ctrl+C.</summary>
        internal T Await<T>(Func<CancellationToken, Task<T>> operation) => Pump.Await(operation, CancelToken);

        /// <summary>Calls an action once, from the pipeline thread.</summary>
        internal ApiResponse Invoke(string action, JsonObject parameters) =>
            Await(ct => Client.InvokeAsync(action, parameters, ct));

        /// <summary>A per-input failure: a non-terminating error whose TargetObject is the input.</summary>
        internal void WriteFailure(Exception exception, object target) => WriteError(ErrorRecords.From(exception, target));

        /// <summary>
        /// Fetches every page of a Describe* action under -Offset/-Limit and -First/-Skip/-IncludeTotalCount, writing each
        /// page's items to the pipeline as it arrives. Failures propagate to the caller (per-input handling).
        /// </summary>
        internal void WritePages<T>(string action, JsonObject request, long offset, int limit, string target, string itemName,
            Func<JsonObject, IReadOnlyList<T>> readItems, Func<JsonObject, long> readTotal)
        {
            PagingParameters paging = PagingParametersSupported ? PagingParameters : null;
            bool wantTotal = paging != null && paging.IncludeTotalCount;
            var plan = new PagePlan(offset, limit, paging?.Skip ?? 0, paging?.First ?? ulong.MaxValue, wantTotal);
            ForEachPage(Client, action, request, plan, target, itemName, readItems, readTotal, (items, emit, total) =>
            {
                if (wantTotal && plan.Requests == 1) WriteObject(paging.NewTotalCount((ulong)Math.Max(0, total), 1.0));
                for (int i = 0; i < emit; i++) WriteObject(items[i]);
            });
        }

        /// <summary>Fetches every item of a Describe* action (pages of 100) into a list, for cmdlets that work on the whole set.</summary>
        internal List<T> FetchAll<T>(TencentCloudClient client, string action, JsonObject request, string target, string itemName,
            Func<JsonObject, IReadOnlyList<T>> readItems, Func<JsonObject, long> readTotal)
        {
            var all = new List<T>();
            ForEachPage(client, action, request, new PagePlan(0, 100, 0, ulong.MaxValue), target, itemName, readItems, readTotal,
                (items, emit, total) => all.AddRange(items.Take(emit)));
            return all;
        }

        private void ForEachPage<T>(TencentCloudClient client, string action, JsonObject request, PagePlan plan, string target, string itemName,
            Func<JsonObject, IReadOnlyList<T>> readItems, Func<JsonObject, long> readTotal, Action<IReadOnlyList<T>, int, long> onPage)
        {
            while (plan.HasNext)
            {
                long pageOffset = plan.NextOffset;
                int pageLimit = plan.NextLimit;
                request["Offset"] = pageOffset;
                request["Limit"] = pageLimit;
                ApiResponse response = Await(ct => client.InvokeAsync(action, request, ct));
                IReadOnlyList<T> items = readItems(response.Response);
                long total = readTotal(response.Response);
                int emit = plan.Accept(items.Count, total);
                WriteVerbose($"{action} {target}: offset {pageOffset}, limit {pageLimit}: {items.Count} {itemName} of {total} in {response.Elapsed.TotalMilliseconds:0} ms (RequestId {response.RequestId})");
                onPage(items, emit, total);
            }
        }

        /// <summary>The client for another region (a piped object's), sharing this command's credential and endpoint.</summary>
        internal TencentCloudClient ClientForRegion(string region) =>
            string.IsNullOrWhiteSpace(region) ? Client : new TencentCloudClient(Settings.WithRegion(CheckRegion(region)), Pump);

        /// <summary>Whether the cmdlet declares SupportsPaging (PagingParameters throws otherwise).</summary>
        private bool PagingParametersSupported
        {
            get
            {
                var attribute = (CmdletAttribute)Attribute.GetCustomAttribute(GetType(), typeof(CmdletAttribute));
                return attribute != null && attribute.SupportsPaging;
            }
        }

        public void Dispose()
        {
            _stopping.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
