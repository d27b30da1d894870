#Requires -Version 7.2
<#
.SYNOPSIS
    The benchmarks of docs/benchmarks.md: the download engine and the client at their limits, each against its peer.
.DESCRIPTION
    Run by `dotnet pwsh ./build.ps1 -Task Bench` (which builds first). Every benchmark runs ours and its peer side by side
    in the same run, interleaved, -Repeat times, and reports the medians and their ratio, so noise from other work on the
    machine hits both. Memory is the peak resident set (VmHWM from /proc) of a child pwsh doing the one thing measured.
    Prints one table, writes out/bench/results.json and out/bench/results.md, and exits 1 with -Strict when a target is
    missed. Targets are asserted here only, never in the test suites.

      Crc64            the module's CRC-64/XZ (GB/s, target >= 1) vs .NET's SHA256 on the same buffer
      OneConnection    Save-MongoBackupFile -ConnectionsPerFile 1 -SkipChecksum vs curl -o, 1 GiB, loopback (>= 0.95x)
      OneConnectionCrc the same with the check on, both under a 200 MB/s per-connection cap (>= 0.95x)
      Parallel         the default (4 connections) vs 1 connection under a 25 MB/s per-connection cap, 77.7 MB (>= 3.5x)
      FourFiles        four files at once vs one at a time (-ThrottleLimit 4 vs 1), same cap (>= 3.5x)
      Memory           peak RSS of the whole pwsh: 1 GiB; four 1 GiB at once; 1 GiB to a 50 MB/s disk (<= 150 MB);
                       77.7 MB vs 1 GiB (no growth with size); vs a pwsh that imports the module and displays an object
      PerCall          380 sequential -First 1 calls in a fresh session, limiter off (-RequestsPerSecond 0), vs the Node SDK
                       (<= 0.8x) and hand-signed Invoke-RestMethod (<= 0.3x)
      Import           pwsh -c 'Import-Module; display an object' vs 'display a comparable object' (<= +50 ms)
      Paging           100,000 tasks (--scale-tasks): requests, time to the first object, total vs the Node SDK's paging;
                       with the 20/s limit on within 5 % of the floor; peak memory at 10k and 100k
      Waiting          Wait-MongoBackupDownloadTask on 50 tasks of one backup: requests per round (= 1)
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Bench
.EXAMPLE
    dotnet pwsh bench/Bench.ps1 -Only Crc64, PerCall -Repeat 5
#>
[CmdletBinding()]
param(
    # Benchmarks to run (default: all), names or one comma-separated string (as `pwsh -File` passes it).
    [string[]] $Only,
    [ValidateRange(1, 20)] [int] $Repeat = 3,
    [string] $OutDirectory,
    [switch] $Strict
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$names = 'Crc64', 'OneConnection', 'OneConnectionCrc', 'Parallel', 'FourFiles', 'Memory', 'PerCall', 'Import', 'Paging', 'Waiting'
$Only = @($Only | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim() } | Where-Object { $_ })
foreach ($n in $Only) { if ($names -notcontains $n) { throw "-Only $n is not a benchmark; give one or more of: $($names -join ', ')." } }
$root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
$modulePath = Join-Path $root 'out/MongoBackup/MongoBackup.psd1'
if (-not (Test-Path $modulePath)) { throw "Build first: $modulePath is missing (dotnet pwsh ./build.ps1 -Task Build)." }
if (-not $OutDirectory) { $OutDirectory = Join-Path $root 'out/bench' }
$null = New-Item -ItemType Directory -Force -Path $OutDirectory
$work = Join-Path ([IO.Path]::GetTempPath()) "mb-bench-$PID"
$null = New-Item -ItemType Directory -Force -Path $work
$env:MONGOBACKUP_EMULATOR_DLL = Join-Path $root 'out/emulator/MongoBackup.Emulator.dll'
Import-Module (Join-Path $root 'tests/Pester/Emulator.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'Signing.psm1') -Force
$nodeBench = Join-Path $root 'tests/node/bench-describe.js'
$haveNode = [bool](Get-Command node -ErrorAction Ignore) -and (Test-Path (Join-Path $root 'tests/node/node_modules/tencentcloud-sdk-nodejs-mongodb'))
$haveCurl = [bool](Get-Command curl -ErrorAction Ignore)
$dotnet = [Environment]::ProcessPath
$pwshDll = Join-Path $PSHOME 'pwsh.dll'
$results = [System.Collections.Generic.List[object]]::new()
$started = [Diagnostics.Stopwatch]::StartNew()

function Want([string] $Name) { -not $Only -or $Only -contains $Name }

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    if ($sorted.Count -eq 0) { return [double]::NaN }
    $mid = [int][Math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$mid] } else { ($sorted[$mid - 1] + $sorted[$mid]) / 2 }
}

# One result row. Ratio = Ours / Peer; Met compares Ratio (or Ours when no peer) with the target.
function Add-Result {
    param([string] $Name, [string] $What, [double[]] $Ours, [double[]] $Peer, [string] $Unit, [string] $PeerName,
        [string] $Target, [scriptblock] $Check, [string] $Note = '')
    $o = Get-Median $Ours
    $p = if ($Peer) { Get-Median $Peer } else { [double]::NaN }
    $ratio = if ($Peer) { $o / $p } else { [double]::NaN }
    $met = if ($Check) { [bool](& $Check $o $p $ratio) } else { $null }
    $row = [pscustomobject]@{
        Name = $Name; What = $What; Unit = $Unit; Ours = [Math]::Round($o, 3); Peer = if ($Peer) { [Math]::Round($p, 3) } else { $null }
        PeerName = $PeerName; Ratio = if ($Peer) { [Math]::Round($ratio, 3) } else { $null }; Target = $Target; Met = $met
        OursSamples = @($Ours | ForEach-Object { [Math]::Round($_, 3) }); PeerSamples = @($Peer | ForEach-Object { [Math]::Round($_, 3) }); Note = $Note
    }
    $results.Add($row)
    $flag = if ($null -eq $met) { '    ' } elseif ($met) { 'MET ' } else { 'MISS' }
    Write-Host ("{0} {1,-34} ours {2,10} {3,-6} peer {4,10} ({5}) ratio {6}  target {7}" -f $flag, "$Name $What", $row.Ours, $Unit, $row.Peer, $PeerName, $row.Ratio, $Target) -ForegroundColor $(if ($met -eq $false) { 'Yellow' } else { 'Gray' })
}

# Runs a script in a fresh pwsh (the module's key in its environment); returns the object of its last JSON line.
function Invoke-Child([string] $Script, [hashtable] $Environment = @{}) {
    $file = Join-Path $work "child-$([guid]::NewGuid().ToString('N')).ps1"
    Set-Content $file $Script
    $saved = @{}
    foreach ($k in $Environment.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $Environment[$k]) }
    try {
        $out = & $dotnet $pwshDll -NoProfile -NonInteractive -File $file 2>&1
        if ($LASTEXITCODE -ne 0) { throw "child pwsh failed ($LASTEXITCODE): $($out | Out-String)" }
        $json = @($out | Where-Object { "$_".StartsWith('{') }) | Select-Object -Last 1
        if (-not $json) { throw "child pwsh printed no result: $($out | Out-String)" }
        "$json" | ConvertFrom-Json
    } finally {
        foreach ($k in $Environment.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
        Remove-Item $file -ErrorAction Ignore
    }
}

# The prelude of child scripts: the peak and current resident set from /proc (kB).
$procKb = @'
function Get-Kb([string] $Name) { [long]((@(Get-Content "/proc/$PID/status") -match "^${Name}:") -replace '\D', '' -join '') }
'@

function Clear-Dest([string] $Path) { if (Test-Path $Path) { Remove-Item $Path -Recurse -Force } }

# Flushes dirty pages before a timed download, so each run starts from a clean page cache, whoever ran before.
function Sync-Disk { & sync }

Write-Host "MongoBackup benchmarks on $([Environment]::ProcessorCount) cores, $((Get-Content /proc/cpuinfo -ErrorAction Ignore | Select-String '^model name' | Select-Object -First 1) -replace '^.*:\s*', ''), load $((Get-Content /proc/loadavg -ErrorAction Ignore) -split ' ' | Select-Object -First 3)" -ForegroundColor Cyan

$emu = Start-TestEmulator -ArgumentList '--rate-limit', '0', '--task-seconds', '0'
$common = @{ Endpoint = $emu.Endpoint; Credential = $emu.Credential; Region = 'ap-guangzhou' }
$childEnv = @{ TENCENTCLOUD_SECRET_ID = $emu.SecretId; TENCENTCLOUD_SECRET_KEY = $emu.SecretKey; TENCENTCLOUD_REGION = 'ap-guangzhou' }
# The Node SDK's side reads its key and endpoint from these (every emulator here has the same test key).
$env:MB_ENDPOINT = $emu.Endpoint; $env:MB_SECRET_ID = $emu.SecretId; $env:MB_SECRET_KEY = $emu.SecretKey
Import-Module $modulePath -Force
try {
    # The objects: the 1 GiB one (cmgo-large001) and the 77.7 MB one of cmgo-p8vnipr5 (made ready at once).
    $huge = Get-MongoBackupDownloadTask cmgo-large001 -Status Downloaded @common | Select-Object -First 1
    $medium = Get-MongoBackup cmgo-p8vnipr5 @common | Where-Object { $_.Status -eq 'Succeeded' -and $_.BackupSize -gt 64MB } | Select-Object -First 1 |
        New-MongoBackupDownloadTask @common | Wait-MongoBackupDownloadTask @common -PollInterval 0.2
    foreach ($t in $huge, $medium) { $null = Get-EmulatorObjectHash $emu $t.Url }   # the emulator's CRC64 of each, computed once, before any timing
    # Warm the module's download path in this process (the timed runs below are in-process, so JIT is not timed).
    Save-MongoBackupFile -Url $medium.Url -Path (Join-Path $work 'warm.tar') | Out-Null
    Remove-Item (Join-Path $work 'warm.tar')

    function Save-Timed([object[]] $Items, [hashtable] $Parameters) {
        $dest = Join-Path $work 'ours'
        Clear-Dest $dest
        Sync-Disk
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $files = @($Items | Save-MongoBackupFile -Destination $dest @Parameters)
        $seconds = $watch.Elapsed.TotalSeconds
        if ($files.Count -ne $Items.Count) { throw "Save-MongoBackupFile saved $($files.Count) of $($Items.Count) files." }
        Clear-Dest $dest
        $seconds
    }
    # The engine alone: without the flush to disk before each rename (an internal switch, for these comparisons only).
    $flushSwitch = [MongoBackup.TencentCloudContext].Assembly.GetType('MongoBackup.Transfer.DownloadOptions').GetProperty('MeasureWithoutFlush', [Reflection.BindingFlags]'NonPublic,Static')
    function Invoke-WithoutFlush([scriptblock] $Block) {
        try { $flushSwitch.SetValue($null, $true); & $Block } finally { $flushSwitch.SetValue($null, $false) }
    }
    function Copy-Of($Task, [int] $Count) {
        # The same object under several names (separate files), as a multi-shard backup would be.
        foreach ($i in 1..$Count) { [pscustomobject]@{ Url = $Task.Url; InstanceId = 'cmgo-bench'; BackupName = 'b'; ReplicaSetId = "r$i"; BackupSize = $Task.BackupSize } }
    }
    function Get-CurlSeconds([string] $Url) {
        $file = Join-Path $work 'curl.out'
        Sync-Disk
        $seconds = [double](& curl -s -S -o $file -w '%{time_total}' $Url)
        if ($LASTEXITCODE -ne 0) { throw "curl failed ($LASTEXITCODE)" }
        Remove-Item $file
        $seconds
    }

    if (Want 'Crc64') {
        $probe = [MongoBackup.TencentCloudContext].Assembly.GetType('MongoBackup.Transfer.Crc64')
        $append = $probe.GetMethod('Append')
        $buffer = [byte[]]::new(4MB); [Random]::new(1).NextBytes($buffer)
        $sha = [Security.Cryptography.IncrementalHash]::CreateHash([Security.Cryptography.HashAlgorithmName]::SHA256)
        for ($i = 0; $i -lt 40; $i++) { $null = $append.Invoke($null, @([uint64]0, $buffer, 0, $buffer.Length)); $sha.AppendData($buffer, 0, $buffer.Length) }
        $null = $sha.GetHashAndReset()
        $ours = @(); $peer = @()
        foreach ($r in 1..($Repeat + 2)) {
            $w = [Diagnostics.Stopwatch]::StartNew(); $crc = [uint64]0
            for ($i = 0; $i -lt 128; $i++) { $crc = $append.Invoke($null, @($crc, $buffer, 0, $buffer.Length)) }
            $ours += 0.5 / $w.Elapsed.TotalSeconds   # 512 MiB
            $w = [Diagnostics.Stopwatch]::StartNew()
            for ($i = 0; $i -lt 128; $i++) { $sha.AppendData($buffer, 0, $buffer.Length) }
            $null = $sha.GetHashAndReset()
            $peer += 0.5 / $w.Elapsed.TotalSeconds
        }
        Add-Result Crc64 'GiB/s, 4 MiB buffers' $ours $peer 'GiB/s' 'SHA256 (OpenSSL)' '>= 1 GB/s (0.93 GiB/s)' { param($o) $o -ge 0.9313 }
    }

    if ((Want 'OneConnection') -and $haveCurl) {
        Set-EmulatorObjectStore $emu -BandwidthBytesPerSecond 0 | Out-Null
        $ours = @(); $peer = @()
        foreach ($r in 1..$Repeat) {
            $peer += $huge.BackupSize / 1MB / (Get-CurlSeconds $huge.Url)
            $ours += $huge.BackupSize / 1MB / (Save-Timed @($huge) @{ ConnectionsPerFile = 1; SkipChecksum = $true })
        }
        Add-Result OneConnection '1 GiB, -SkipChecksum' $ours $peer 'MB/s' 'curl -o' '>= 0.95x curl' { param($o, $p, $x) $x -ge 0.95 } 'ours flushes the file to disk before renaming it; curl does not'
        $ours = @(); $peer = @()
        Invoke-WithoutFlush {
            foreach ($r in 1..$Repeat) {
                $script:peer += $huge.BackupSize / 1MB / (Get-CurlSeconds $huge.Url)
                $script:ours += $huge.BackupSize / 1MB / (Save-Timed @($huge) @{ ConnectionsPerFile = 1; SkipChecksum = $true })
            }
        }
        Add-Result OneConnection '1 GiB, -SkipChecksum, no flush' $ours $peer 'MB/s' 'curl -o' '>= 0.95x curl' { param($o, $p, $x) $x -ge 0.95 } 'the engine alone, durability as curl'
    }

    if ((Want 'OneConnectionCrc') -and $haveCurl) {
        Set-EmulatorObjectStore $emu -BandwidthBytesPerSecond 200000000 | Out-Null
        $ours = @(); $peer = @()
        foreach ($r in 1..$Repeat) {
            $peer += $huge.BackupSize / 1MB / (Get-CurlSeconds $huge.Url)
            $ours += $huge.BackupSize / 1MB / (Save-Timed @($huge) @{ ConnectionsPerFile = 1 })
        }
        Add-Result OneConnectionCrc '1 GiB, CRC64 on, 200 MB/s cap' $ours $peer 'MB/s' 'curl -o' '>= 0.95x curl' { param($o, $p, $x) $x -ge 0.95 } 'ours flushes the file to disk before renaming it; curl does not'
        $ours = @(); $peer = @()
        Invoke-WithoutFlush {
            foreach ($r in 1..$Repeat) {
                $script:peer += $huge.BackupSize / 1MB / (Get-CurlSeconds $huge.Url)
                $script:ours += $huge.BackupSize / 1MB / (Save-Timed @($huge) @{ ConnectionsPerFile = 1 })
            }
        }
        Set-EmulatorObjectStore $emu -BandwidthBytesPerSecond 0 | Out-Null
        Add-Result OneConnectionCrc '1 GiB, CRC64 on, 200 MB/s, no flush' $ours $peer 'MB/s' 'curl -o' '>= 0.95x curl' { param($o, $p, $x) $x -ge 0.95 } 'the engine alone, durability as curl'
    }

    if (Want 'Parallel') {
        Set-EmulatorObjectStore $emu -BandwidthBytesPerSecond 25000000 | Out-Null
        $ours = @(); $peer = @()
        foreach ($r in 1..$Repeat) {
            $peer += $medium.BackupSize / 1MB / (Save-Timed @($medium) @{ ConnectionsPerFile = 1 })
            $ours += $medium.BackupSize / 1MB / (Save-Timed @($medium) @{})
        }
        Add-Result Parallel '77.7 MB, 25 MB/s per connection' $ours $peer 'MB/s' '1 connection' '>= 3.5x' { param($o, $p, $x) $x -ge 3.5 } 'each run ends with the flush to disk of the file'
        $ours = @(); $peer = @()
        Invoke-WithoutFlush {
            foreach ($r in 1..$Repeat) {
                $script:peer += $medium.BackupSize / 1MB / (Save-Timed @($medium) @{ ConnectionsPerFile = 1 })
                $script:ours += $medium.BackupSize / 1MB / (Save-Timed @($medium) @{})
            }
        }
        Set-EmulatorObjectStore $emu -BandwidthBytesPerSecond 0 | Out-Null
        Add-Result Parallel '77.7 MB, 25 MB/s, no flush' $ours $peer 'MB/s' '1 connection' '>= 3.5x' { param($o, $p, $x) $x -ge 3.5 } 'the engine alone'
    }

    if (Want 'FourFiles') {
        Set-EmulatorObjectStore $emu -BandwidthBytesPerSecond 25000000 | Out-Null
        $four = @(Copy-Of $medium 4)
        $ours = @(); $peer = @()
        foreach ($r in 1..$Repeat) {
            $peer += 4 * $medium.BackupSize / 1MB / (Save-Timed $four @{ ThrottleLimit = 1 })
            $ours += 4 * $medium.BackupSize / 1MB / (Save-Timed $four @{ ThrottleLimit = 4 })
        }
        Add-Result FourFiles '4 x 77.7 MB, 25 MB/s per connection' $ours $peer 'MB/s' 'one at a time' '>= 3.5x' { param($o, $p, $x) $x -ge 3.5 } 'each run ends with the flush to disk of the files'
        $ours = @(); $peer = @()
        Invoke-WithoutFlush {
            foreach ($r in 1..$Repeat) {
                $script:peer += 4 * $medium.BackupSize / 1MB / (Save-Timed $four @{ ThrottleLimit = 1 })
                $script:ours += 4 * $medium.BackupSize / 1MB / (Save-Timed $four @{ ThrottleLimit = 4 })
            }
        }
        Set-EmulatorObjectStore $emu -BandwidthBytesPerSecond 0 | Out-Null
        Add-Result FourFiles '4 x 77.7 MB, 25 MB/s, no flush' $ours $peer 'MB/s' 'one at a time' '>= 3.5x' { param($o, $p, $x) $x -ge 3.5 } 'the engine alone'
    }

    if (Want 'Memory') {
        function Measure-SaveMemory([object[]] $Items, [long] $DiskBytesPerSecond = 0) {
            $dest = Join-Path $work 'mem'
            Clear-Dest $dest
            $items = ConvertTo-Json -InputObject @($Items | Select-Object Url, InstanceId, BackupName, ReplicaSetId, BackupSize) -Compress
            $slow = if ($DiskBytesPerSecond) {
                # The engine's simulated slow disk (tests and benchmarks only), set through reflection.
                "[MongoBackup.TencentCloudContext].Assembly.GetType('MongoBackup.Transfer.DownloadOptions').GetProperty('SimulatedDiskBytesPerSecond', [Reflection.BindingFlags]'NonPublic,Static').SetValue(`$null, [long]$DiskBytesPerSecond)"
            } else { '' }
            try {
                Invoke-Child -Environment $childEnv -Script @"
$procKb
Import-Module '$modulePath'
$slow
`$before = Get-Kb VmRSS
`$w = [Diagnostics.Stopwatch]::StartNew()
`$files = @('$($items.Replace("'", "''"))' | ConvertFrom-Json | Save-MongoBackupFile -Destination '$dest')
[pscustomobject]@{ Files = `$files.Count; Seconds = `$w.Elapsed.TotalSeconds; Before = `$before; Peak = Get-Kb VmHWM } | ConvertTo-Json -Compress
"@
            } finally { Clear-Dest $dest }
        }
        $baseline = foreach ($r in 1..$Repeat) {
            (Invoke-Child -Environment $childEnv -Script @"
$procKb
Import-Module '$modulePath'
`$null = Get-MongoInstance cmgo-p8vnipr5 -Endpoint '$($emu.Endpoint)' | Out-String
[pscustomobject]@{ Peak = Get-Kb VmHWM } | ConvertTo-Json -Compress
"@).Peak / 1KB
        }
        $oneHuge = foreach ($r in 1..$Repeat) { Measure-SaveMemory @($huge) }
        Add-Result Memory '1 GiB' @($oneHuge.Peak | ForEach-Object { $_ / 1KB }) $baseline 'MB' 'pwsh, module, one call' '<= 150 MB' { param($o) $o -le 150 }
        $oneMedium = foreach ($r in 1..$Repeat) { Measure-SaveMemory @($medium) }
        Add-Result Memory '77.7 MB (size growth: ratio)' @($oneHuge.Peak | ForEach-Object { $_ / 1KB }) @($oneMedium.Peak | ForEach-Object { $_ / 1KB }) 'MB' '77.7 MB file' '1 GiB <= 77.7 MB + 5%' { param($o, $p, $x) $x -le 1.05 }
        $fourHuge = foreach ($r in 1..[Math]::Min(2, $Repeat)) { Measure-SaveMemory @(Copy-Of $huge 4) }
        Add-Result Memory '4 x 1 GiB at once' @($fourHuge.Peak | ForEach-Object { $_ / 1KB }) $baseline 'MB' 'pwsh, module, one call' '<= 150 MB' { param($o) $o -le 150 }
        $slowDisk = @(Measure-SaveMemory @($huge) -DiskBytesPerSecond 50000000)
        Add-Result Memory '1 GiB to a 50 MB/s disk' @($slowDisk.Peak | ForEach-Object { $_ / 1KB }) $baseline 'MB' 'pwsh, module, one call' '<= 150 MB' { param($o) $o -le 150 } ("took {0:N1} s" -f $slowDisk[0].Seconds)
    }

    if (Want 'PerCall') {
        $calls = 380
        $oursScript = @"
Import-Module '$modulePath'
Connect-TencentCloud -Endpoint '$($emu.Endpoint)' -Region ap-guangzhou -RequestsPerSecond 0
for (`$i = 0; `$i -lt 20; `$i++) { `$null = Get-MongoBackupDownloadTask cmgo-dygv1rnp -First 1 }
`$w = [Diagnostics.Stopwatch]::StartNew()
for (`$i = 0; `$i -lt $calls; `$i++) { `$null = Get-MongoBackupDownloadTask cmgo-dygv1rnp -First 1 }
[pscustomobject]@{ PerCallMs = `$w.Elapsed.TotalMilliseconds / $calls } | ConvertTo-Json -Compress
"@
        $irmScript = @"
Import-Module '$(Join-Path $PSScriptRoot 'Signing.psm1')'
`$p = @{ Endpoint = '$($emu.Endpoint)'; Action = 'DescribeBackupDownloadTask'; Body = @{ InstanceId = 'cmgo-dygv1rnp'; Limit = 1 }; SecretId = '$($emu.SecretId)'; SecretKey = `$env:TENCENTCLOUD_SECRET_KEY }
for (`$i = 0; `$i -lt 20; `$i++) { `$null = Invoke-SignedRestMethod @p }
`$w = [Diagnostics.Stopwatch]::StartNew()
for (`$i = 0; `$i -lt $calls; `$i++) { `$null = Invoke-SignedRestMethod @p }
[pscustomobject]@{ PerCallMs = `$w.Elapsed.TotalMilliseconds / $calls } | ConvertTo-Json -Compress
"@
        $ours = @(); $node = @(); $irm = @()
        $env:MB_ENDPOINT = $emu.Endpoint
        foreach ($r in 1..$Repeat) {
            $ours += (Invoke-Child -Environment $childEnv -Script $oursScript).PerCallMs
            if ($haveNode) { $node += ((& node $nodeBench calls $calls 20 '{"InstanceId":"cmgo-dygv1rnp","Limit":1}') | ConvertFrom-Json).PerCallMs }
            $irm += (Invoke-Child -Environment $childEnv -Script $irmScript).PerCallMs
        }
        if ($haveNode) { Add-Result PerCall "$calls calls, limiter off" $ours $node 'ms' 'Node SDK' '<= 0.8x' { param($o, $p, $x) $x -le 0.8 } }
        Add-Result PerCall "$calls calls, limiter off" $ours $irm 'ms' 'Invoke-RestMethod' '<= 0.3x' { param($o, $p, $x) $x -le 0.3 }
    }

    if (Want 'Import') {
        $object = "[pscustomobject]@{ PSTypeName = 'Bench.Instance'; InstanceId = 'cmgo-p8vnipr5'; InstanceName = 'orders-prod'; ClusterType = 'ReplicaSet'; Status = 'Running'; Region = 'ap-guangzhou' } | Out-String | Out-Null"
        $variants = [ordered]@{
            Bare   = $object
            Import = "Import-Module '$modulePath'; $object"
            Call   = "Import-Module '$modulePath'; Get-MongoInstance cmgo-p8vnipr5 -Endpoint '$($emu.Endpoint)' | Out-String | Out-Null"
            Exit   = 'exit'
            ImportExit = "Import-Module '$modulePath'; exit"
        }
        $times = @{ Bare = @(); Import = @(); Call = @(); Exit = @(); ImportExit = @() }
        foreach ($r in 1..([Math]::Max(5, 2 * $Repeat + 1))) {
            foreach ($k in $variants.Keys) {
                $w = [Diagnostics.Stopwatch]::StartNew()
                $saved = $env:TENCENTCLOUD_SECRET_ID, $env:TENCENTCLOUD_SECRET_KEY, $env:TENCENTCLOUD_REGION
                $env:TENCENTCLOUD_SECRET_ID = $emu.SecretId; $env:TENCENTCLOUD_SECRET_KEY = $emu.SecretKey; $env:TENCENTCLOUD_REGION = 'ap-guangzhou'
                & $dotnet $pwshDll -NoProfile -NonInteractive -Command $variants[$k]
                $env:TENCENTCLOUD_SECRET_ID, $env:TENCENTCLOUD_SECRET_KEY, $env:TENCENTCLOUD_REGION = $saved
                if ($LASTEXITCODE -ne 0) { throw "pwsh -c ($k) failed" }
                $times[$k] += $w.Elapsed.TotalMilliseconds
            }
        }
        $bare = Get-Median $times.Bare
        Add-Result Import 'Import-Module + display' $times.Import $times.Bare 'ms' 'display only' '<= +50 ms' { param($o, $p) $o - $p -le 50 } ("import adds {0:N0} ms; a first Get-MongoInstance call adds {1:N0} ms in all" -f ((Get-Median $times.Import) - $bare), ((Get-Median $times.Call) - $bare))
        Add-Result Import 'Import-Module, then exit' $times.ImportExit $times.Exit 'ms' 'pwsh -c exit' '' $null 'a session that displays nothing pays the format tables at import instead of never'
    }

    if ((Want 'Paging') -or (Want 'Waiting')) {
        $free = Start-TestEmulator -ArgumentList '--rate-limit', '0', '--scale-tasks', '100000'
        $limited = Start-TestEmulator -ArgumentList '--scale-tasks', '100000'
        try {
            function Measure-Listing($Emulator, [int] $First, [string] $Connect) {
                Reset-Emulator $Emulator
                $firstText = if ($First) { "-First $First" } else { '' }
                $r = Invoke-Child -Environment $childEnv -Script @"
$procKb
Import-Module '$modulePath'
Connect-TencentCloud -Endpoint '$($Emulator.Endpoint)' -Region ap-guangzhou $Connect
# One call first (the connection and the code's first run), as the Node SDK's side does; then one round trip, timed:
# a one-page listing (-First 100: one request, a hundred objects to the pipeline); then the measured listing.
`$null = Get-MongoBackupDownloadTask cmgo-scale001 -First 1
`$w = [Diagnostics.Stopwatch]::StartNew()
Get-MongoBackupDownloadTask cmgo-scale001 -First 100 | ForEach-Object { }
`$onePage = `$w.Elapsed.TotalMilliseconds
`$w = [Diagnostics.Stopwatch]::StartNew()
`$script:firstMs = `$null; `$script:n = 0
Get-MongoBackupDownloadTask cmgo-scale001 $firstText | ForEach-Object { if (`$null -eq `$script:firstMs) { `$script:firstMs = `$w.Elapsed.TotalMilliseconds }; `$script:n++ }
[pscustomobject]@{ Count = `$script:n; TotalMs = `$w.Elapsed.TotalMilliseconds; FirstMs = `$script:firstMs; OnePageMs = `$onePage; Peak = Get-Kb VmHWM } | ConvertTo-Json -Compress
"@
                $r | Add-Member Requests ([int](Get-EmulatorStats $Emulator).Requests.DescribeBackupDownloadTask - 2) -PassThru
            }
            if (Want 'Paging') {
                $env:MB_ENDPOINT = $free.Endpoint
                $ours = @(); $node = @()
                foreach ($r in 1..[Math]::Min(2, $Repeat)) {
                    $ours += Measure-Listing $free 0 '-RequestsPerSecond 0'
                    if ($haveNode) { $node += (& node $nodeBench pages cmgo-scale001 100) | ConvertFrom-Json }
                }
                $requests = ($ours | Select-Object -First 1).Requests
                Add-Result Paging '100,000 tasks: requests' @($ours.Requests) @() 'requests' '' 'ceil(n/100) (+1)' { param($o) $o -in 1000, 1001 }
                Add-Result Paging 'first object vs one round trip' @($ours.FirstMs) @($ours.OnePageMs) 'ms' 'a one-page call' '<= 1 round trip (1.1x)' { param($o, $p, $x) $x -le 1.1 } 'one round trip: -First 100, one request and its hundred objects'
                if ($haveNode) { Add-Result Paging '100,000 tasks, limiter off' @($ours.TotalMs | ForEach-Object { $_ / 1000 }) @($node.TotalMs | ForEach-Object { $_ / 1000 }) 's' 'Node SDK paging' '' $null }
                $ten = @(1..[Math]::Min(2, $Repeat) | ForEach-Object { Measure-Listing $free 10000 '-RequestsPerSecond 0' })
                Add-Result Paging 'peak memory, 100k vs 10k' @($ours.Peak | ForEach-Object { $_ / 1KB }) @($ten.Peak | ForEach-Object { $_ / 1KB }) 'MB' '10k tasks' 'flat (<= 1.05x)' { param($o, $p, $x) $x -le 1.05 }
                $limitedRun = Measure-Listing $limited 0 ''
                $floor = $limitedRun.Requests / 20.0
                Add-Result Paging '100,000 tasks, 20/s limit on' @($limitedRun.TotalMs / 1000) @($floor) 's' 'floor: requests / 20' '<= 1.05x floor' { param($o, $p, $x) $x -le 1.05 } ("{0} requests, {1} throttled by the emulator" -f $limitedRun.Requests, (Get-EmulatorStats $limited).Throttled)
            }
            if (Want 'Waiting') {
                $tasks = @(Get-MongoBackupDownloadTask cmgo-scale001 -Endpoint $free.Endpoint -Credential $free.Credential -Region ap-guangzhou -First 100 -Skip 300 | Select-Object -First 50)
                Reset-Emulator $free
                $lines = @($tasks | Wait-MongoBackupDownloadTask -Endpoint $free.Endpoint -Credential $free.Credential -Region ap-guangzhou -PollInterval 0.2 -Timeout 2 -Verbose -ErrorAction SilentlyContinue 4>&1 |
                        Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
                $rounds = @($lines -match '^DescribeBackupDownloadTask cmgo-scale001 ').Count
                $asked = [int](Get-EmulatorStats $free).Requests.DescribeBackupDownloadTask
                Add-Result Waiting '50 tasks of one backup' @($asked / [Math]::Max(1, $rounds)) @() 'requests/round' '' '1 per round' { param($o) $o -eq 1 } "$rounds rounds, $asked requests"
            }
        } finally {
            Stop-TestEmulator $free
            Stop-TestEmulator $limited
        }
    }
} finally {
    Stop-TestEmulator $emu
    Remove-Item $work -Recurse -Force -ErrorAction Ignore
}

$summary = [pscustomobject]@{
    When = (Get-Date).ToString('o'); Machine = "$([Environment]::ProcessorCount) cores, $([Environment]::OSVersion.VersionString)"
    Load = (Get-Content /proc/loadavg -ErrorAction Ignore); Seconds = [Math]::Round($started.Elapsed.TotalSeconds); Repeat = $Repeat; Results = $results
}
$summary | ConvertTo-Json -Depth 6 | Set-Content (Join-Path $OutDirectory 'results.json')
$md = @('| Benchmark | Ours | Peer | Ratio | Target | Met |', '| --- | --- | --- | --- | --- | --- |')
foreach ($r in $results) {
    $peer = if ($null -ne $r.Peer) { "$($r.Peer) $($r.Unit) ($($r.PeerName))" } else { '' }
    $met = if ($null -eq $r.Met) { '' } elseif ($r.Met) { 'yes' } else { '**no**' }
    $md += "| $($r.Name): $($r.What) | $($r.Ours) $($r.Unit) | $peer | $($r.Ratio) | $($r.Target) | $met |"
}
$md | Set-Content (Join-Path $OutDirectory 'results.md')
$missed = @($results | Where-Object { $_.Met -eq $false })
Write-Host ("{0} results in {1:N0} s; {2} targets missed. Written to {3}" -f $results.Count, $started.Elapsed.TotalSeconds, $missed.Count, $OutDirectory) -ForegroundColor Cyan
if ($Strict -and $missed.Count) { exit 1 }
