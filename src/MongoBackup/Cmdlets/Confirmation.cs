using System.Management.Automation;

namespace MongoBackup.Cmdlets
{
    /// <summary>
    /// ShouldProcess for the cmdlets with ConfirmImpact High and -Force (Remove-MongoBackup, Restore-MongoInstance):
    /// without -Force, ShouldProcess decides as PowerShell does (-WhatIf describes, -Confirm or a ConfirmPreference at or
    /// below High prompts); with -Force the ConfirmImpact prompt is skipped, but -WhatIf (or $WhatIfPreference) still only
    /// describes and an explicit -Confirm still prompts. (ShouldContinue after ShouldProcess would prompt twice under the
    /// default ConfirmPreference, since the impact is High.)
    /// </summary>
    internal static class Confirmation
    {
        public static bool ShouldAct(PSCmdlet cmdlet, bool force, string description, string question, string caption)
        {
            if (!force || IsPresent(cmdlet, "Confirm")) return cmdlet.ShouldProcess(description, question, caption);
            if (WhatIfMode(cmdlet))
            {
                cmdlet.ShouldProcess(description, question, caption); // writes "What if: ..." and returns false
                return false;
            }
            cmdlet.WriteVerbose(description + " (-Force: not confirmed)");
            return true;
        }

        private static bool IsPresent(PSCmdlet cmdlet, string name) =>
            cmdlet.MyInvocation.BoundParameters.TryGetValue(name, out object value) && LanguagePrimitives.IsTrue(value);

        private static bool WhatIfMode(PSCmdlet cmdlet) =>
            cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out object value)
                ? LanguagePrimitives.IsTrue(value)
                : LanguagePrimitives.IsTrue(cmdlet.GetVariableValue("WhatIfPreference"));
    }
}
