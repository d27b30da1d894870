using System.Management.Automation;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>Forgets the credential, region, endpoint and request limit set by Connect-TencentCloud.</summary>
    /// <remarks>
    /// After it, commands fall back to their parameters, the environment variables and the profile files. It does not
    /// touch those variables or files.
    /// </remarks>
    /// <example>
    /// <code>Disconnect-TencentCloud</code>
    /// <para>Clears the session's defaults.</para>
    /// </example>
    [Cmdlet(VerbsCommunications.Disconnect, "TencentCloud")]
    [OutputType(typeof(void))]
    public sealed class DisconnectTencentCloudCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            bool wasConnected = SessionDefaults.Current != null;
            SessionDefaults.Clear();
            RateLimiter.SetProcessLimit(null);
            WriteVerbose(wasConnected ? "The session's Tencent Cloud defaults are cleared." : "There was no Tencent Cloud session to clear.");
        }
    }
}
