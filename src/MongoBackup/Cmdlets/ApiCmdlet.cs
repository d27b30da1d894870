using System;
using System.Collections.Generic;
using System.Management.Automation;
using MongoBackup.Api;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>
    /// The second layer: the common parameters of every API cmdlet (-Credential, -ProfileName, -Endpoint, -MaxRetries,
    /// -RetryMaxDelay; -Region is declared by the two bases below, single or several), the settings resolved from them,
    /// and a typed API per region, each with its own client.
    /// </summary>
    public abstract class ApiCmdlet : CancellableCmdlet
    {
        private readonly Dictionary<string, MongoDbApi> _apis = new Dictionary<string, MongoDbApi>(StringComparer.Ordinal);

        /// <summary>Tencent Cloud API key for this command: the user name is the SecretId and the password the SecretKey. Overrides Connect-TencentCloud, the environment and the profile files.</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; }

        /// <summary>The profile to read credentials from: a section of the SDK credentials file (~/.tencentcloud/credentials) or tccli's ~/.tccli/NAME.credential. Naming a profile skips the environment variables.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ProfileName { get; set; }

        /// <summary>The API endpoint, default https://mongodb.tencentcloudapi.com. Plain http is accepted only for this machine (for the emulator).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Endpoint { get; set; }

        /// <summary>How many times to retry a call that failed transiently (throttling, service errors, broken connections), 0 to 20. Default 5, or Connect-TencentCloud's. Describe calls are retried on any transient failure; calls that change something only when the service surely did not act. For downloads: retries in a row without a byte of progress.</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetries { get; set; }

        /// <summary>The longest wait between two retries: seconds, or a TimeSpan, from 0 to 600 seconds (default 20 seconds). Waits back off exponentially with random jitter up to it.</summary>
        [Parameter]
        [SecondsTransformation]
        public TimeSpan RetryMaxDelay { get; set; }

        internal ResolvedSettings Settings { get; private set; }

        /// <summary>Whether this cmdlet needs a credential (Get-TencentCloudContext and Save-MongoBackupFile do not).</summary>
        internal virtual bool RequiresCredential => true;

        /// <summary>The region given on the command line (not from the pipeline), for the default settings.</summary>
        internal abstract string CommandLineRegion { get; }

        protected override void BeginProcessing()
        {
            try
            {
                Settings = SettingsInput.Resolve(this, CommandLineRegion, RequiresCredential);
            }
            catch (TencentCloudException e)
            {
                ThrowFailure(e, null);
            }
        }

        internal bool Has(string parameterName) => MyInvocation.BoundParameters.ContainsKey(parameterName);

        /// <summary>
        /// The typed API of a region (null or empty: the resolved default). A missing region is a MissingRegion error,
        /// raised before any request.
        /// </summary>
        internal MongoDbApi ApiFor(string region)
        {
            string name = string.IsNullOrWhiteSpace(region) ? Settings.Region : SettingsInput.CheckRegion(region);
            if (string.IsNullOrWhiteSpace(name)) throw SettingsResolver.MissingRegion(Settings);
            lock (_apis)
            {
                if (!_apis.TryGetValue(name, out MongoDbApi api))
                    _apis[name] = api = new MongoDbApi(new TencentCloudClient(Settings.WithRegion(name), Pump));
                return api;
            }
        }
    }

    /// <summary>Base of the API cmdlets that work in one region at a time: a single -Region, also taken from piped objects.</summary>
    public abstract class RegionalCmdlet : ApiCmdlet
    {
        /// <summary>The region, such as ap-guangzhou or ap-shanghai. Defaults to Connect-TencentCloud's, then TENCENTCLOUD_REGION, then the tccli profile's region. Taken from piped objects by property name (their Region, or RequestRegion: the region they were read from).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("RequestRegion")]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string Region { get; set; }

        internal override string CommandLineRegion => Region;
    }
}
