using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>Sets the Tencent Cloud credential, region and endpoint that the module's commands use in this process.</summary>
    /// <remarks>
    /// Give a key as -SecretId and -SecretKey (a SecureString), or as -Credential (user name = SecretId, password =
    /// SecretKey); add -SessionToken for temporary credentials. Or give only -ProfileName to use a profile of the SDK
    /// credentials file or of tccli. On a CVM instance, -UseInstanceRole uses the CAM role bound to it (-RoleName names it).
    /// -RoleArn assumes a role through STS AssumeRole: with the key given in the same call, or else with the credential the
    /// commands would use without this call (an earlier Connect-TencentCloud, the environment, a profile, the instance
    /// role). Temporary keys (of the instance role, an assumed role, TKE's web identity) are obtained now, so a wrong role
    /// fails here, and obtained again 5 minutes before they expire, once for the whole process, so long Save-MongoBackupFile
    /// and Wait-MongoBackupDownloadTask runs never stop on an expired key.
    /// Without a key (only -Region, -Endpoint, -TimeoutSec, -MaxRetries, -RetryMaxDelay or
    /// -RequestsPerSecond) it changes just those settings
    /// and keeps the rest, key included. Each call keeps the settings it does not name. The settings last until
    /// Disconnect-TencentCloud or the end of the process and are shared by all runspaces of the process (ForEach-Object
    /// -Parallel, thread jobs). Parameters given to a command override them. Keys and tokens are kept in memory only and
    /// never shown.
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
    /// <example>
    /// <code>Connect-TencentCloud -UseInstanceRole -Region ap-guangzhou</code>
    /// <para>On a CVM instance: uses the CAM role bound to it, found through the instance metadata service. Without any Connect-TencentCloud, the commands find it too, after the environment and the profile files.</para>
    /// </example>
    /// <example>
    /// <code>Connect-TencentCloud -RoleArn qcs::cam::uin/100000000001:roleName/BackupReader -RoleSessionName nightly-backup -DurationSeconds 3600 -Region ap-guangzhou</code>
    /// <para>Assumes another account's role with the credential in use (here, say, the instance role or TENCENTCLOUD_SECRET_ID/KEY); the commands then use the role's keys.</para>
    /// </example>
    [Cmdlet(VerbsCommunications.Connect, "TencentCloud", DefaultParameterSetName = SettingsSet)]
    [OutputType(typeof(TencentCloudContext))]
    public sealed class ConnectTencentCloudCommand : CancellableCmdlet
    {
        private const string SettingsSet = "Settings";
        private const string KeySet = "SecretKey";
        private const string CredentialSet = "Credential";
        private const string ProfileSet = "Profile";
        private const string InstanceRoleSet = "InstanceRole";
        private const string RoleArnSet = "Role";

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

        /// <summary>The token of temporary credentials you obtained yourself (STS), as a SecureString; such a key is not refreshed.</summary>
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [ValidateNotNull]
        public SecureString SessionToken { get; set; }

        /// <summary>Use the CAM role bound to this CVM instance (its temporary keys, from the instance metadata service at http://metadata.tencentyun.com or TENCENTCLOUD_METADATA_ENDPOINT).</summary>
        [Parameter(Mandatory = true, ParameterSetName = InstanceRoleSet)]
        public SwitchParameter UseInstanceRole { get; set; }

        /// <summary>With -UseInstanceRole: the role's name (1 to 128 letters, digits and + = , . @ _ -). Default: the role the metadata service names.</summary>
        [Parameter(ParameterSetName = InstanceRoleSet)]
        [ValidateNotNullOrEmpty]
        public string RoleName { get; set; }

        /// <summary>A role to assume through STS AssumeRole: qcs::cam::uin/ACCOUNT:roleName/NAME (or :role/ROLEID). Assumed with the key given in this call, else with the credential in use.</summary>
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = ProfileSet)]
        [Parameter(ParameterSetName = InstanceRoleSet)]
        [Parameter(Mandatory = true, ParameterSetName = RoleArnSet)]
        [ValidateNotNullOrEmpty]
        public string RoleArn { get; set; }

        /// <summary>With -RoleArn: the session name CAM records (2 to 128 letters, digits and + = , . @ _ -). Default MongoBackup.</summary>
        [Parameter(ParameterSetName = RoleArnSet)]
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = ProfileSet)]
        [Parameter(ParameterSetName = InstanceRoleSet)]
        [ValidateNotNullOrEmpty]
        public string RoleSessionName { get; set; }

        /// <summary>With -RoleArn: how long each of the role's keys lasts, 900 to 43200 seconds (default 7200; at most the role's maximum session duration). Keys are renewed before they expire.</summary>
        [Parameter(ParameterSetName = RoleArnSet)]
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = ProfileSet)]
        [Parameter(ParameterSetName = InstanceRoleSet)]
        [ValidateRange(RoleArns.MinDurationSeconds, RoleArns.MaxDurationSeconds)]
        public int DurationSeconds { get; set; }

        /// <summary>The default region, such as ap-guangzhou. Every request names a region; commands may still give their own. STS requests of -RoleArn use it too.</summary>
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
                // Everything that can be checked here is, before anything is sent.
                if (RoleArn == null && (Has(nameof(RoleSessionName)) || Has(nameof(DurationSeconds))))
                    throw new TencentCloudException(ErrorCatalog.InvalidRoleArn,
                        $"{(Has(nameof(RoleSessionName)) ? "-RoleSessionName" : "-DurationSeconds")} goes with -RoleArn: give the role to assume too, or leave it out.");
                string roleArn = RoleArn == null ? null : RoleArns.Check(RoleArn, "-RoleArn");
                string sessionName = RoleArns.CheckSessionName(RoleSessionName, "-RoleSessionName");
                string roleName = RoleName == null ? null : InstanceRoleProvider.CheckRoleName(RoleName.Trim());

                string token = SessionToken == null ? null : new NetworkCredential("", SessionToken).Password;
                TencentCloudCredential credential =
                    ParameterSetName == KeySet ? new TencentCloudCredential(SecretId, new NetworkCredential("", SecretKey).Password, token)
                    : ParameterSetName == CredentialSet ? new TencentCloudCredential(Credential.UserName, Credential.GetNetworkCredential().Password, token)
                    : null;
                ExplicitSettings given = SettingsInput.Build(credential, Region, ProfileName, Endpoint,
                    Has(nameof(MaxRetries)) ? MaxRetries : (int?)null,
                    Has(nameof(RetryMaxDelay)) ? RetryMaxDelay : (TimeSpan?)null,
                    Has(nameof(TimeoutSec)) ? TimeSpan.FromSeconds(TimeoutSec) : (TimeSpan?)null);
                int? duration = Has(nameof(DurationSeconds)) ? DurationSeconds : (int?)null;
                bool replacesKey = ParameterSetName != SettingsSet && ParameterSetName != RoleArnSet;

                SettingsResolver resolver = SettingsInput.Resolver();
                (ExplicitSettings session, ResolvedSettings resolved, TimedCredential current) = Await(ct =>
                    ConnectAsync(resolver, given, replacesKey, roleName, roleArn, sessionName, duration, ct));
                SessionDefaults.Set(session);
                if (Has(nameof(RequestsPerSecond)))
                {
                    RateLimiter.SetProcessLimit(RequestsPerSecond);
                    WriteVerbose(RequestsPerSecond == 0 ? "No client-side limit of requests per second." : $"Every action is held to {RequestsPerSecond} requests per second.");
                }
                WriteVerbose(resolved.CredentialProvider == null
                    ? $"No key is set yet; region {resolved.Region ?? "(none)"}, endpoint {resolved.Endpoint}."
                    : $"Connected with {Describe(resolved, current)} ({resolved.CredentialOrigin}), region {resolved.Region ?? "(none)"}, endpoint {resolved.Endpoint}.");
                if (PassThru) WriteObject(TencentCloudContext.From(resolved, current));
            }
            catch (TencentCloudException e)
            {
                ThrowTerminatingError(ErrorRecords.From(this, e, null));
            }
            base.EndProcessing();
        }

        /// <summary>
        /// The new session, resolved; a role's first key is obtained now (so a wrong role, a missing instance role or an STS
        /// refusal fails here and leaves the session as it was).
        /// </summary>
        private async Task<(ExplicitSettings, ResolvedSettings, TimedCredential)> ConnectAsync(SettingsResolver resolver, ExplicitSettings given,
            bool replacesKey, string roleName, string roleArn, string sessionName, int? duration, CancellationToken ct)
        {
            ExplicitSettings session = Merge(SessionDefaults.Current, given, replacesKey);
            ICredentialServices services = resolver.Services;
            if (ParameterSetName == InstanceRoleSet)
            {
                session.CredentialProvider = new InstanceRoleProvider(services.Metadata(resolver.MetadataEndpoint()), roleName, services);
                session.CredentialOrigin = "Connect-TencentCloud -UseInstanceRole" + (roleName == null ? "" : " -RoleName " + roleName);
            }
            if (roleArn != null)
            {
                // The key that assumes the role: this call's, else what the commands would use without this call (an
                // earlier -RoleArn is replaced, not assumed from).
                ExplicitSettings basis = Merge(session, new ExplicitSettings(), keyGiven: false);
                if (session.RoleBasis != null)
                {
                    basis.Credential = session.RoleBasis.Credential;
                    basis.CredentialProvider = session.RoleBasis.CredentialProvider;
                    basis.CredentialOrigin = session.RoleBasis.CredentialOrigin;
                    basis.ProfileName = session.RoleBasis.ProfileName;
                }
                basis.RoleBasis = null;
                ResolvedSettings source = await resolver.ResolveAsync(null, basis, true, Pump, ct).ConfigureAwait(false);
                StsSettings sts = resolver.StsFor(source);
                sts.Region = source.Region;
                session.CredentialProvider = new AssumeRoleProvider(source.CredentialProvider, roleArn, sessionName, duration, sts, services);
                session.CredentialOrigin = $"Connect-TencentCloud -RoleArn, assumed with {Describe(source, null)} of {source.CredentialSource} ({source.CredentialOrigin})";
                session.Credential = null;
                session.RoleBasis = basis;
            }
            ResolvedSettings resolved = await resolver.ResolveAsync(null, session, ParameterSetName != SettingsSet, Pump, ct).ConfigureAwait(false);
            TimedCredential current = null;
            if (resolved.CredentialProvider != null && resolved.CredentialProvider.Refreshes && (roleArn != null || ParameterSetName == InstanceRoleSet))
                current = await resolved.CredentialProvider.GetAsync(new CredentialRequest(resolved.Region, Pump), ct).ConfigureAwait(false);
            return (session, resolved, current);
        }

        private static string Describe(ResolvedSettings settings, TimedCredential current)
        {
            ICredentialProvider p = settings.CredentialProvider;
            string id = (current ?? p?.Current)?.Credential.MaskedSecretId;
            switch (p?.Type)
            {
                case CredentialType.InstanceRole: return $"the instance role {p.RoleName}" + (id == null ? "" : $" (key {id})");
                case CredentialType.AssumedRole:
                case CredentialType.WebIdentity: return $"the role {p.RoleArn}" + (id == null ? "" : $" (key {id})");
                default: return "the key " + id;
            }
        }

        private bool Has(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        /// <summary>
        /// The new session: what this call gives replaces, what it does not name stays. A new key, profile or role source
        /// replaces the old key, profile and role source together.
        /// </summary>
        private static ExplicitSettings Merge(ExplicitSettings current, ExplicitSettings given, bool keyGiven)
        {
            current = current ?? new ExplicitSettings();
            return new ExplicitSettings
            {
                Credential = keyGiven ? given.Credential : current.Credential,
                CredentialProvider = keyGiven ? null : current.CredentialProvider,
                CredentialOrigin = keyGiven ? null : current.CredentialOrigin,
                RoleBasis = keyGiven ? null : current.RoleBasis,
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
