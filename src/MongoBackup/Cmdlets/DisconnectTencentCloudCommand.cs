using System.Management.Automation;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>Forgets the credential, region, endpoint and request limit set by Connect-TencentCloud.</summary>
    /// <remarks>
    /// After it, commands fall back to their parameters, the environment variables, the profile files, the instance role
    /// and TKE's web identity. It also forgets every temporary key the process obtained (roles are asked again on the next
    /// command). It does not touch those variables or files.
    /// </remarks>
    /// <example>
    /// <code>Disconnect-TencentCloud</code>
    /// <para>Clears the session's defaults.</para>
    /// </example>
    /// <example>
    /// <code>try { Connect-TencentCloud -ProfileName prod -Region ap-guangzhou; ./Backup-Project.ps1 -ProjectId 1001 -Destination /backups } finally { Disconnect-TencentCloud }</code>
    /// <para>A runbook that uses a profile's key only while it runs; afterwards the environment's key (if any) applies again.</para>
    /// </example>
    [Cmdlet(VerbsCommunications.Disconnect, "TencentCloud")]
    [OutputType(typeof(void))]
    public sealed class DisconnectTencentCloudCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            bool wasConnected = SessionDefaults.Current != null;
            SessionDefaults.Clear();
            TemporaryKeyCache.Clear();
            RateLimiter.SetProcessLimit(null);
            WriteVerbose(wasConnected ? "The session's Tencent Cloud defaults are cleared." : "There was no Tencent Cloud session to clear.");
        }
    }
}
