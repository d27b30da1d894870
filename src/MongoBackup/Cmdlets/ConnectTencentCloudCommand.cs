using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using MongoBackup.Client;

namespace MongoBackup.Commands
{
    /// <summary>Sets the Tencent Cloud credential, region and endpoint that the module's commands use in this process.</summary>
    /// <remarks>
    /// Give a key as -SecretId and -SecretKey (a SecureString), or as -Credential (user name = SecretId, password =
    /// SecretKey); add -SessionToken for temporary credentials. Or give only -ProfileName to use a profile of the SDK
    /// credentials file or of tccli. The settings last until Disconnect-TencentCloud or the end of the process and are
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
    /// <code>Connect-TencentCloud -ProfileName prod -Region ap-guangzhou</code>
    /// <para>Uses the [prod] section of ~/.tencentcloud/credentials (or tccli's prod profile).</para>
    /// </example>
    [Cmdlet(VerbsCommunications.Connect, "TencentCloud", DefaultParameterSetName = KeySet)]
    [OutputType(typeof(TencentCloudContext))]
    public sealed class ConnectTencentCloudCommand : PSCmdlet
    {
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

        /// <summary>The default region, such as ap-guangzhou.</summary>
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

        /// <summary>Seconds to wait for each API answer (default 60).</summary>
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

        /// <summary>Writes the resulting context (as Get-TencentCloudContext shows it).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            try
            {
                string token = SessionToken == null ? null : new NetworkCredential("", SessionToken).Password;
                TencentCloudCredential credential = null;
                if (ParameterSetName == KeySet)
                    credential = new TencentCloudCredential(SecretId, new NetworkCredential("", SecretKey).Password, token);
                else if (ParameterSetName == CredentialSet)
                    credential = new TencentCloudCredential(Credential.UserName, Credential.GetNetworkCredential().Password, token);
                if (credential != null && (string.IsNullOrEmpty(credential.SecretId) || string.IsNullOrEmpty(credential.SecretKey)))
                    throw new TencentCloudException(ClientErrorCodes.InvalidCredential, "The SecretId and the SecretKey must both be non-empty.");

                var session = new ExplicitSettings
                {
                    Credential = credential,
                    Region = Region == null ? null : MongoBackupCmdlet.CheckRegion(Region),
                    ProfileName = ProfileName,
                    Endpoint = Endpoint == null ? null : EndpointValidator.Parse(Endpoint),
                    Timeout = MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSec)) ? TimeSpan.FromSeconds(TimeoutSec) : (TimeSpan?)null,
                    MaxRetries = MyInvocation.BoundParameters.ContainsKey(nameof(MaxRetries)) ? MaxRetries : (int?)null,
                    RetryMaxDelay = MyInvocation.BoundParameters.ContainsKey(nameof(RetryMaxDelay)) ? MongoBackupCmdlet.CheckRetryMaxDelay(RetryMaxDelay) : (TimeSpan?)null,
                };
                // Resolve now, so a named profile that holds no key fails here rather than on the next command.
                ResolvedSettings resolved = new SettingsResolver(ProcessHostEnvironment.Instance).Resolve(null, session, requireCredential: true);
                SessionDefaults.Set(session);
                WriteVerbose($"Connected as {resolved.Credential.MaskedSecretId} ({resolved.CredentialOrigin}), region {resolved.Region ?? "(none)"}, endpoint {resolved.Endpoint}.");
                if (PassThru) WriteObject(TencentCloudContext.From(resolved));
            }
            catch (TencentCloudException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, null));
            }
        }
    }
}
