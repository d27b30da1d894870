using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>Sets the Tencent Cloud credential, region and endpoint that the module's commands use in this process.</summary>
    /// <remarks>
    /// Give a key as -SecretId and -SecretKey (a SecureString), or as -Credential (user name = SecretId, password =
    /// SecretKey); add -SessionToken for temporary credentials. Or give only -ProfileName to use a profile of the SDK
    /// credentials file or of tccli. Without a key (only -Region, -Endpoint, -TimeoutSec, -MaxRetries, -RetryMaxDelay or -RequestsPerSecond)
    /// it changes just those settings and keeps the rest, key included. Each call keeps the settings it does not name.
    /// The settings last until Disconnect-TencentCloud or the end of the process and are
    /// shared by all runspaces of the process (ForEach-Object -Parallel, thread jobs). Parameters given to a command
    /// override them. The key is kept in memory only and never shown.
    /// </remarks>
    /// <example>
    /// <code>Connect-TencentCloud -SecretId AKIDxxxxxxxx -SecretKey (Read-Host -AsSecureString 'SecretKey') -Region ap-guangzhou</code>
    /// <para>Connects with a key typed at a prompt.</para>
    /// </example>
    /// <example>
    /// <code>Connect-TencentCloud -Credential (Get-Credential) -Region ap-shanghai -PassThru</code>
    /// <para>Connects with a PSCredential and shows the resulting context.</para>
    /// </example>
    /// <example>
    /// <code>Connect-TencentCloud -Region ap-shanghai</code>
    /// <para>Changes only the default region: the key in use (from the environment, a profile or an earlier Connect-TencentCloud) stays.</para>
    /// </example>
    /// <example>
    /// <code>Connect-TencentCloud -RequestsPerSecond 100</code>
    /// <para>For an account whose API quota was raised: every action may send up to 100 requests per second (0 turns the client-side limit off).</para>
    /// </example>
    /// <example>
    /// <code>Connect-TencentCloud -ProfileName prod -Region ap-guangzhou</code>
    /// <para>Uses the [prod] section of ~/.tencentcloud/credentials (or tccli's prod profile).</para>
    /// </example>
    [Cmdlet(VerbsCommunications.Connect, "TencentCloud", DefaultParameterSetName = SettingsSet)]
    [OutputType(typeof(TencentCloudContext))]
    public sealed class ConnectTencentCloudCommand : PSCmdlet
    {
        private const string SettingsSet = "Settings";
        private const string KeySet = "SecretKey";
        private const string CredentialSet = "Credential";
        private const string ProfileSet = "Profile";

        /// <summary>The API key's SecretId (starts with AKID).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = KeySet)]
        [ValidateNotNullOrEmpty]
        public string SecretId { get; set; }

        /// <summary>The API key's SecretKey, as a SecureString (Read-Host -AsSecureString, or a secret store).</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = KeySet)]
        [ValidateNotNull]
        public SecureString SecretKey { get; set; }

        /// <summary>The key as a PSCredential: user name = SecretId, password = SecretKey.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; }

        /// <summary>The token of temporary credentials (STS or a CVM role), as a SecureString.</summary>
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [ValidateNotNull]
        public SecureString SessionToken { get; set; }

        /// <summary>The default region, such as ap-guangzhou. Every request names a region; commands may still give their own.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string Region { get; set; }

        /// <summary>A profile of the SDK credentials file or of tccli to read the key from (and, for tccli, the region).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ProfileSet)]
        [ValidateNotNullOrEmpty]
        public string ProfileName { get; set; }

        /// <summary>The default endpoint (https; plain http only for this machine, such as the emulator).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Endpoint { get; set; }

        /// <summary>Seconds to wait for each API answer, 1 to 3600 (default 60).</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; }

        /// <summary>How many times commands retry a call that failed transiently, 0 to 20 (default 5).</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetries { get; set; }

        /// <summary>The longest wait between two retries: seconds, or a TimeSpan (default 20 seconds).</summary>
        [Parameter]
        [SecondsTransformation]
        public TimeSpan RetryMaxDelay { get; set; }

        /// <summary>
        /// The client-side limit of requests per second for every action, in every runspace of the process: 1 to 10000 for
        /// an account whose quota was raised, 0 for no client-side limit (measuring). Default: each action's documented limit
        /// (DescribeDBBackups 150, the others 20).
        /// </summary>
        [Parameter]
        [ValidateRange(0, 10000)]
        public int RequestsPerSecond { get; set; }

        /// <summary>Writes the resulting context (as Get-TencentCloudContext shows it).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            try
            {
                string token = SessionToken == null ? null : new NetworkCredential("", SessionToken).Password;
                TencentCloudCredential credential =
                    ParameterSetName == KeySet ? new TencentCloudCredential(SecretId, new NetworkCredential("", SecretKey).Password, token)
                    : ParameterSetName == CredentialSet ? new TencentCloudCredential(Credential.UserName, Credential.GetNetworkCredential().Password, token)
                    : null;
                ExplicitSettings given = SettingsInput.Build(credential, Region, ProfileName, Endpoint,
                    Has(nameof(MaxRetries)) ? MaxRetries : (int?)null,
                    Has(nameof(RetryMaxDelay)) ? RetryMaxDelay : (TimeSpan?)null,
                    Has(nameof(TimeoutSec)) ? TimeSpan.FromSeconds(TimeoutSec) : (TimeSpan?)null);
                ExplicitSettings session = Merge(SessionDefaults.Current, given, keyGiven: ParameterSetName != SettingsSet);
                // Resolve now, so a named profile that holds no key fails here rather than on the next command.
                ResolvedSettings resolved = new SettingsResolver(ProcessHostEnvironment.Instance).Resolve(null, session, requireCredential: ParameterSetName != SettingsSet);
                SessionDefaults.Set(session);
                if (Has(nameof(RequestsPerSecond)))
                {
                    RateLimiter.SetProcessLimit(RequestsPerSecond);
                    WriteVerbose(RequestsPerSecond == 0 ? "No client-side limit of requests per second." : $"Every action is held to {RequestsPerSecond} requests per second.");
                }
                WriteVerbose(resolved.Credential == null
                    ? $"No key is set yet; region {resolved.Region ?? "(none)"}, endpoint {resolved.Endpoint}."
                    : $"Connected as {resolved.Credential.MaskedSecretId} ({resolved.CredentialOrigin}), region {resolved.Region ?? "(none)"}, endpoint {resolved.Endpoint}.");
                if (PassThru) WriteObject(TencentCloudContext.From(resolved));
            }
            catch (TencentCloudException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, null));
            }
        }

        private bool Has(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        /// <summary>
        /// The new session: what this call gives replaces, what it does not name stays. A new key or profile replaces both
        /// the old key and the old profile.
        /// </summary>
        private static ExplicitSettings Merge(ExplicitSettings current, ExplicitSettings given, bool keyGiven)
        {
            current = current ?? new ExplicitSettings();
            return new ExplicitSettings
            {
                Credential = keyGiven ? given.Credential : current.Credential,
                ProfileName = keyGiven ? given.ProfileName : current.ProfileName,
                Region = given.Region ?? current.Region,
                Endpoint = given.Endpoint ?? current.Endpoint,
                Timeout = given.Timeout ?? current.Timeout,
                MaxRetries = given.MaxRetries ?? current.MaxRetries,
                RetryMaxDelay = given.RetryMaxDelay ?? current.RetryMaxDelay,
            };
        }
    }
}
