using System.Management.Automation;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>Shows the Tencent Cloud credential, region and endpoint in force, and where each comes from.</summary>
    /// <remarks>
    /// Resolves the settings exactly as the other cmdlets do. The credential, in this order: the command's -Credential; the
    /// session (Connect-TencentCloud: a key, -UseInstanceRole or -RoleArn); the environment variables
    /// (TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, TENCENTCLOUD_SESSION_TOKEN); the SDK credentials file (a section's
    /// key, or the role its role_arn names, assumed with that key); tccli's profile (its key, its role-arn, or type
    /// cvm-role); the CAM role bound to this CVM instance (the metadata service, asked once per process when there is none,
    /// within 1 second); TKE's OIDC web identity (TKE_REGION, TKE_PROVIDER_ID, TKE_WEB_IDENTITY_TOKEN_FILE, TKE_ROLE_ARN).
    /// CredentialType says what was found (Key, TemporaryKey, InstanceRole with its RoleName, AssumedRole or WebIdentity
    /// with its RoleArn) and Expiration when a temporary key expires: such a key is obtained first, or refreshed when it is
    /// less than 5 minutes from expiry, so the context shows the key the next command would use. The SecretId is masked;
    /// no key or token is ever shown. When no credential is found the context says so (CredentialSource None) instead of
    /// failing; when a temporary key cannot be obtained, the error is written and the context still shows its source.
    /// </remarks>
    /// <example>
    /// <code>Get-TencentCloudContext</code>
    /// <para>Shows what the next command would use.</para>
    /// </example>
    /// <example>
    /// <code>(Get-TencentCloudContext).Expiration</code>
    /// <para>On a CVM instance with a role, or after Connect-TencentCloud -RoleArn: when the temporary key in use expires (it is refreshed before).</para>
    /// </example>
    /// <example>
    /// <code>Get-TencentCloudContext -ProfileName prod | Format-List</code>
    /// <para>Shows what -ProfileName prod resolves to, with every field.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "TencentCloudContext")]
    [OutputType(typeof(TencentCloudContext))]
    public sealed class GetTencentCloudContextCommand : RegionalCmdlet
    {
        internal override bool RequiresCredential => false;

        protected override void EndProcessing()
        {
            // A temporary key is shown as it is now: obtained (or refreshed) first, so the expiry shown is the real one.
            TimedCredential current = null;
            ICredentialProvider provider = Settings.CredentialProvider;
            if (provider != null)
            {
                try
                {
                    current = Await(ct => provider.GetAsync(new CredentialRequest(Settings.Region, Pump), ct));
                }
                catch (TencentCloudException e)
                {
                    WriteFailure(e, null);
                }
            }
            WriteObject(TencentCloudContext.From(Settings, current));
            base.EndProcessing();
        }
    }
}
