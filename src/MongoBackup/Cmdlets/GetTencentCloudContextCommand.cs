using System.Management.Automation;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>Shows the Tencent Cloud credential, region and endpoint in force, and where each comes from.</summary>
    /// <remarks>
    /// Resolves the settings exactly as the other cmdlets do: parameters, then Connect-TencentCloud, then the environment
    /// variables (TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, TENCENTCLOUD_SESSION_TOKEN, TENCENTCLOUD_REGION), then
    /// the SDK credentials file, then tccli's profile. The SecretId is masked and the SecretKey is never shown. When no
    /// credential is found the context says so (CredentialSource None) instead of failing.
    /// </remarks>
    /// <example>
    /// <code>Get-TencentCloudContext</code>
    /// <para>Shows what the next command would use.</para>
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
            WriteObject(TencentCloudContext.From(Settings));
        }
    }
}
