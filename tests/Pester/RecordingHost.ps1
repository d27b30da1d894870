# Dot-sourced by Pester files: a PowerShell host that records what a user would see (What if: lines, prompts) and answers
# confirmation prompts with a chosen choice, so -WhatIf and -Confirm/ConfirmImpact can be tested without a console.
# New-RecordingSession returns { Host; PowerShell } with the module imported in a runspace of that host.

if (-not ('MongoBackupTests.RecordingHost' -as [type])) {
    Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace MongoBackupTests
{
    public sealed class RecordingUI : PSHostUserInterface
    {
        public List<string> Lines { get; } = new List<string>();
        public List<string> Prompts { get; } = new List<string>();
        /// <summary>The choice every prompt gets (ShouldProcess: 0 Yes, 1 Yes to All, 2 No, 3 No to All).</summary>
        public int Answer { get; set; } = 2;
        public override PSHostRawUserInterface RawUI => null;
        public override string ReadLine() => "";
        public override SecureString ReadLineAsSecureString() => new SecureString();
        public override void Write(string value) => Lines.Add(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Lines.Add(value);
        public override void WriteLine(string value) => Lines.Add(value);
        public override void WriteErrorLine(string value) => Lines.Add("ERROR: " + value);
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) => Lines.Add("WARNING: " + message);
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw new NotSupportedException("Prompt");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new NotSupportedException("PromptForCredential");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException("PromptForCredential");
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            Prompts.Add(caption + "\n" + message);
            return Answer;
        }
    }

    public sealed class RecordingHost : PSHost
    {
        private readonly Guid _id = Guid.NewGuid();
        public RecordingUI Recorder { get; } = new RecordingUI();
        public override string Name => "MongoBackupTestHost";
        public override Version Version => new Version(1, 0);
        public override Guid InstanceId => _id;
        public override PSHostUserInterface UI => Recorder;
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override void SetShouldExit(int exitCode) { }
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }
}
'@
}

function New-RecordingSession([string] $ModulePath) {
    $recordingHost = [MongoBackupTests.RecordingHost]::new()
    $runspace = [runspacefactory]::CreateRunspace($recordingHost)
    $runspace.Open()
    $ps = [powershell]::Create()
    $ps.Runspace = $runspace
    $null = $ps.AddScript({ param($m) Import-Module $m }).AddArgument($ModulePath).Invoke()
    $ps.Commands.Clear()
    [pscustomobject]@{ Host = $recordingHost; PowerShell = $ps }
}

# Runs a script in the session with the given variables; returns { Output; Errors; Lines; Prompts } of this run.
function Invoke-RecordingSession($Session, [string] $Script, [hashtable] $Variables = @{}, [int] $Answer = 2) {
    $ui = $Session.Host.Recorder
    $ui.Lines.Clear(); $ui.Prompts.Clear(); $ui.Answer = $Answer
    $ps = $Session.PowerShell
    $ps.Commands.Clear(); $ps.Streams.ClearStreams()
    foreach ($name in $Variables.Keys) { $ps.Runspace.SessionStateProxy.SetVariable($name, $Variables[$name]) }
    $output = $ps.AddScript($Script).Invoke()
    [pscustomobject]@{
        Output  = @($output)
        Errors  = @($ps.Streams.Error)
        Lines   = ($ui.Lines -join "`n")
        Prompts = @($ui.Prompts)
    }
}

function Close-RecordingSession($Session) {
    if (-not $Session) { return }
    $Session.PowerShell.Runspace.Dispose()
    $Session.PowerShell.Dispose()
}
