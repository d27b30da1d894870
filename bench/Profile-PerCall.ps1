#Requires -Version 7.2
<#
.SYNOPSIS
    The profile behind docs/benchmarks.md's per-call shortfall: where a fresh session's time goes.
.DESCRIPTION
    Starts the emulator (rate limit off), connects with -RequestsPerSecond 0, makes 20 warm-up calls of
    `Get-MongoBackupDownloadTask cmgo-dygv1rnp -First 1`, then:
      1. three batches of -Calls calls: wall time, this process's CPU time and the emulator's per call, and the JIT's
         compilation time and method count in each batch ([System.Runtime.JitInfo]);
      2. which code the JIT compiled in the first batch, by namespace (an EventListener on the runtime's JIT events),
         and how many of those methods are the module's;
      3. -WarmCalls more calls, then -Calls calls of the warmed session against the official Node SDK's (warmed the same
         way), three times.
    Run it after a build: dotnet pwsh bench/Profile-PerCall.ps1. Informational: it asserts nothing.
#>
[CmdletBinding()]
param([int] $Calls = 380, [int] $WarmCalls = 5000)
$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
$env:MONGOBACKUP_EMULATOR_DLL = Join-Path $root 'out/emulator/MongoBackup.Emulator.dll'
Import-Module (Join-Path $root 'tests/Pester/Emulator.psm1') -Force

Add-Type -TypeDefinition @'
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
public sealed class MongoBackupJitListener : EventListener
{
    public readonly ConcurrentDictionary<string, int> Counts = new ConcurrentDictionary<string, int>();
    public volatile bool On;
    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x10);
    }
    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!On || e.EventName == null || !e.EventName.StartsWith("MethodLoadVerbose")) return;
        int i = e.PayloadNames.IndexOf("MethodNamespace");
        if (i < 0) return;
        string ns = (string)e.Payload[i];
        int dot = ns.IndexOf('.');
        int dot2 = dot < 0 ? -1 : ns.IndexOf('.', dot + 1);
        string key = dot2 > 0 ? ns.Substring(0, dot2) : ns;
        Counts.AddOrUpdate(key, 1, (k, v) => v + 1);
    }
}
'@

$emu = Start-TestEmulator -ArgumentList '--rate-limit', '0'
try {
    Import-Module (Join-Path $root 'out/MongoBackup/MongoBackup.psd1') -Force
    $env:TENCENTCLOUD_SECRET_ID = $emu.SecretId; $env:TENCENTCLOUD_SECRET_KEY = $emu.SecretKey
    Connect-TencentCloud -Endpoint $emu.Endpoint -Region ap-guangzhou -RequestsPerSecond 0
    $listener = [MongoBackupJitListener]::new()
    for ($i = 0; $i -lt 20; $i++) { $null = Get-MongoBackupDownloadTask cmgo-dygv1rnp -First 1 }

    $me = [Diagnostics.Process]::GetCurrentProcess()
    $emulator = $emu.Process
    foreach ($batch in 1..3) {
        $listener.On = $batch -eq 1
        $me.Refresh(); $emulator.Refresh()
        $cpu = $me.TotalProcessorTime; $emuCpu = $emulator.TotalProcessorTime
        $jit = [System.Runtime.JitInfo]::GetCompilationTime($false); $methods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
        $watch = [Diagnostics.Stopwatch]::StartNew()
        for ($i = 0; $i -lt $Calls; $i++) { $null = Get-MongoBackupDownloadTask cmgo-dygv1rnp -First 1 }
        $wall = $watch.Elapsed.TotalMilliseconds
        $listener.On = $false
        $me.Refresh(); $emulator.Refresh()
        $jitMs = ([System.Runtime.JitInfo]::GetCompilationTime($false) - $jit).TotalMilliseconds
        "batch {0}: {1:N3} ms per call; CPU per call: pwsh {2:N3} ms, emulator {3:N3} ms; JIT {4:N0} ms for {5} methods ({6:N3} ms per call)" -f $batch,
            ($wall / $Calls), (($me.TotalProcessorTime - $cpu).TotalMilliseconds / $Calls), (($emulator.TotalProcessorTime - $emuCpu).TotalMilliseconds / $Calls),
            $jitMs, ([System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $methods), ($jitMs / $Calls)
    }
    $counts = @($listener.Counts.GetEnumerator())
    $ours = ($counts | Where-Object Key -like 'MongoBackup*' | Measure-Object Value -Sum).Sum
    "methods the JIT compiled during batch 1: {0}, of them the module's: {1}" -f ($counts | Measure-Object Value -Sum).Sum, [int]$ours
    $counts | Sort-Object Value -Descending | Select-Object -First 8 @{ n = 'Namespace'; e = 'Key' }, @{ n = 'Methods'; e = 'Value' } | Format-Table -AutoSize | Out-String

    for ($i = 0; $i -lt $WarmCalls; $i++) { $null = Get-MongoBackupDownloadTask cmgo-dygv1rnp -First 1 }
    $node = Join-Path $root 'tests/node/bench-describe.js'
    $haveNode = [bool](Get-Command node -ErrorAction Ignore) -and (Test-Path (Join-Path $root 'tests/node/node_modules/tencentcloud-sdk-nodejs-mongodb'))
    $env:MB_ENDPOINT = $emu.Endpoint; $env:MB_SECRET_ID = $emu.SecretId; $env:MB_SECRET_KEY = $emu.SecretKey
    foreach ($r in 1..3) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        for ($i = 0; $i -lt $Calls; $i++) { $null = Get-MongoBackupDownloadTask cmgo-dygv1rnp -First 1 }
        $oursMs = $watch.Elapsed.TotalMilliseconds / $Calls
        if ($haveNode) {
            $nodeMs = ((& node $node calls $Calls $WarmCalls '{"InstanceId":"cmgo-dygv1rnp","Limit":1}') | ConvertFrom-Json).PerCallMs
            "warm: ours {0:N3} ms per call, Node SDK {1:N3} ms, ratio {2:N2}" -f $oursMs, $nodeMs, ($oursMs / $nodeMs)
        } else {
            "warm: ours {0:N3} ms per call (the Node SDK is not installed: build.ps1 -Task Bench installs it)" -f $oursMs
        }
    }
} finally {
    Stop-TestEmulator $emu
}
