#Requires -Version 7.2
# The download engine and the client at their limits, as behaviour (no timing asserted here: the figures and their
# targets are in bench/, run by build.ps1 -Task Bench): end-to-end CRC64 against x-cos-hash-crc64ecma, owner-only files,
# bounded memory that does not grow with the file's size, paging and waiting at scale, the -RequestsPerSecond setting.

BeforeAll {
    Import-Module "$PSScriptRoot/Emulator.psm1" -Force
    $script:modulePath = (Resolve-Path "$PSScriptRoot/../../out/MongoBackup/MongoBackup.psd1").Path
    Import-Module $modulePath -Force
    . "$PSScriptRoot/TestIsolation.ps1"
    Enter-IsolatedCredentialEnvironment
    $script:emu = Start-TestEmulator -ArgumentList '--rate-limit', '0', '--task-seconds', '0'
    $script:common = @{ Endpoint = $emu.Endpoint; Credential = $emu.Credential; Region = 'ap-guangzhou' }
    $script:pwshArgs = @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive')

    # A ready task of cmgo-p8vnipr5 whose size the filter picks (the 77.7 MB one is fetched in ranged parts).
    function Get-ReadyTask([scriptblock] $Where) {
        Get-MongoBackup cmgo-p8vnipr5 @common | Where-Object { $_.Status -eq 'Succeeded' -and $_.BackupDesc -notmatch 'fail' } |
            Where-Object $Where | Select-Object -First 1 | New-MongoBackupDownloadTask @common | Wait-MongoBackupDownloadTask @common -PollInterval 0.2
    }
    function Get-Mode([string] $Path) { (& stat -c '%a' $Path).Trim() }
    # Runs a script in a fresh pwsh (with the emulator's key in its environment) and returns its output lines.
    function Invoke-Child([string] $Script, [string] $Shell) {
        $file = Join-Path $TestDrive "child-$([guid]::NewGuid().ToString('N')).ps1"
        Set-Content $file $Script
        $env:TENCENTCLOUD_SECRET_ID = $emu.SecretId
        $env:TENCENTCLOUD_SECRET_KEY = $emu.SecretKey
        try {
            $command = "'$([Environment]::ProcessPath)' $(($pwshArgs | ForEach-Object { "'$_'" }) -join ' ') -File '$file'"
            if ($Shell) { $out = & sh -c "$Shell; exec $command" 2>&1 } else { $out = & sh -c "exec $command" 2>&1 }
            $LASTEXITCODE | Should -Be 0 -Because ($out | Out-String)
            $out
        } finally {
            Remove-Item Env:TENCENTCLOUD_SECRET_ID, Env:TENCENTCLOUD_SECRET_KEY -ErrorAction Ignore
        }
    }
    function Get-Figure($Lines, [string] $Name) {
        $value = $null
        foreach ($line in $Lines) { if ("$line" -match "^$Name=(\d+)$") { $value = [long]$Matches[1] } }
        $value
    }

    $script:small = Get-ReadyTask { $_.BackupSize -gt 1MB -and $_.BackupSize -lt 16MB }
    $script:large = Get-ReadyTask { $_.BackupSize -gt 64MB }
}

AfterAll {
    if ($script:emu) { Stop-TestEmulator $script:emu }
    Exit-IsolatedCredentialEnvironment
}

Describe 'End-to-end CRC64 (x-cos-hash-crc64ecma)' {
    BeforeEach {
        Reset-Emulator $emu
        $script:dest = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
    }

    It 'the emulator states the stored object''s CRC64 on every answer with data, ranged or not, and on none without' {
        $expected = (Get-EmulatorObjectHash $emu $small.Url).Crc64
        $expected | Should -Match '^\d+$'
        foreach ($range in $null, 'bytes=0-0', 'bytes=1000-') {
            $headers = @{}; if ($range) { $headers.Range = $range }
            $answer = Invoke-WebRequest $small.Url -Headers $headers -SkipHttpErrorCheck
            $answer.StatusCode | Should -BeIn 200, 206
            "$($answer.Headers['x-cos-hash-crc64ecma'])" | Should -Be $expected
        }
        $past = Invoke-WebRequest $small.Url -Headers @{ Range = "bytes=$($small.BackupSize)-" } -SkipHttpErrorCheck
        $past.StatusCode | Should -Be 416
        $past.Headers.ContainsKey('x-cos-hash-crc64ecma') | Should -BeFalse
    }

    It 'a file is checked against it, and the verbose stream says so' {
        $lines = $small | Save-MongoBackupFile -Destination $dest @common -Verbose 4>&1 | ForEach-Object { "$_" }
        $crc = (Get-EmulatorObjectHash $emu $small.Url).Crc64
        ($lines -match "CRC64 $crc matches object storage's x-cos-hash-crc64ecma").Count | Should -Be 1
    }

    It 'one flipped byte with the right header is ChecksumMismatch naming both values; no file, no .partial; the next run succeeds' -TestCases @(
        @{ Kind = 'one connection'; Task = 'small'; Offset = 1234567 }
        @{ Kind = 'ranged parts'; Task = 'large'; Offset = 50000000 }
    ) {
        param($Kind, $Task, $Offset)
        $task = Get-Variable $Task -ValueOnly
        $truth = Get-EmulatorObjectHash $emu $task.Url
        Set-EmulatorObjectStore $emu -FlipByteAt $Offset | Out-Null
        $task | Save-MongoBackupFile -Destination $dest @common -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ChecksumMismatch,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $errs[0].Exception.Message -match "has CRC64 (\d+) but object storage holds CRC64 $($truth.Crc64) \(x-cos-hash-crc64ecma\)" | Should -BeTrue
        $Matches[1] | Should -Not -Be $truth.Crc64
        $errs[0].ErrorDetails.RecommendedAction | Should -Match 'starts over'
        $errs[0].TargetObject.ReplicaSetId | Should -Be $task.ReplicaSetId
        @(Get-ChildItem $dest -Recurse -File).Count | Should -Be 0 -Because 'neither the final name nor the .partial may hold the corrupt bytes'
        (Set-EmulatorObjectStore $emu).FlipCount | Should -Be 0 -Because 'the flip was served once'

        $again = $task | Save-MongoBackupFile -Destination $dest -Hash @common
        $again.Hash | Should -Be $truth.Sha256.ToUpperInvariant()
    }

    It 'an object without the header is saved, checked by size, and the verbose stream says so' {
        Set-EmulatorObjectStore $emu -OmitCrc64 $true | Out-Null
        $lines = $small | Save-MongoBackupFile -Destination $dest @common -Verbose 4>&1 | ForEach-Object { "$_" }
        ($lines -match 'sent no x-cos-hash-crc64ecma header.*only the size').Count | Should -Be 1
        (Get-ChildItem $dest -Recurse -File).Length | Should -Be $small.BackupSize
    }

    It '-SkipChecksum turns the check off (the size still counts)' {
        Set-EmulatorObjectStore $emu -FlipByteAt 10 | Out-Null
        $lines = $small | Save-MongoBackupFile -Destination $dest @common -SkipChecksum -Hash -Verbose 4>&1 | ForEach-Object { $_ }
        $file = $lines | Where-Object { $_ -is [IO.FileInfo] }
        $file.Length | Should -Be $small.BackupSize
        $file.Hash | Should -Not -Be (Get-EmulatorObjectHash $emu $small.Url).Sha256.ToUpperInvariant()
        ($lines | Where-Object { "$_" -match 'CRC64' }) | Should -BeNullOrEmpty
    }
}

Describe 'Backup files are private' {
    BeforeEach { Reset-Emulator $emu }

    It 'the .partial, the final file and the folders the command creates are the owner''s only; a folder that exists is left alone' {
        $dest = Join-Path $TestDrive 'private'
        New-Item -ItemType Directory $dest | Out-Null
        & chmod 755 $dest
        Set-EmulatorObjectStore $emu -BandwidthBytesPerSecond 2000000 | Out-Null
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($ModulePath, $Task, $Destination, $Common)
                Import-Module $ModulePath
                $Task | Save-MongoBackupFile -Destination $Destination @Common
            }).AddParameters(@{ ModulePath = $modulePath; Task = $small; Destination = $dest; Common = $common })
        $async = $ps.BeginInvoke()
        $partial = Wait-PartialFile $dest
        $partial | Should -Not -BeNullOrEmpty
        Get-Mode $partial.FullName | Should -Be '600'
        Set-EmulatorObjectStore $emu -BandwidthBytesPerSecond 0 | Out-Null
        $file = $ps.EndInvoke($async) | Select-Object -First 1
        $ps.Dispose()
        Get-Mode $file.FullName | Should -Be '600'
        Get-Mode $file.Directory.FullName | Should -Be '700'          # <BackupName>
        Get-Mode $file.Directory.Parent.FullName | Should -Be '700'   # <InstanceId>
        Get-Mode $dest | Should -Be '755'
    }

    It 'with umask 000 in a fresh shell too (a plain file there is 666, ours 600)' {
        $dest = Join-Path $TestDrive 'umask000'
        $out = Invoke-Child -Shell "umask 000; touch '$TestDrive/plain'" -Script @"
Import-Module '$modulePath'
`$f = [pscustomobject]@{ Url = '$($small.Url)'; InstanceId = 'cmgo-umask000'; BackupName = 'b'; ReplicaSetId = 'r'; BackupSize = $($small.BackupSize) } |
    Save-MongoBackupFile -Destination '$dest'
`$f.FullName
"@
        Get-Mode "$TestDrive/plain" | Should -Be '666'
        $path = ($out | Select-Object -Last 1).ToString()
        Get-Mode $path | Should -Be '600'
        Get-Mode (Split-Path $path) | Should -Be '700'
        Get-Mode (Split-Path (Split-Path $path)) | Should -Be '700'
        Get-Mode $dest | Should -Be '700'
    }

    It 'a .partial left readable by an older version is made private before it grows' {
        $dest = Join-Path $TestDrive 'older'
        $first = $small | Save-MongoBackupFile -Destination $dest @common
        $bytes = [IO.File]::ReadAllBytes($first.FullName)
        Remove-Item $first.FullName
        [IO.File]::WriteAllBytes("$($first.FullName).partial", $bytes[0..99999])
        & chmod 644 "$($first.FullName).partial"
        $again = $small | Save-MongoBackupFile -Destination $dest @common
        Get-Mode $again.FullName | Should -Be '600'
    }
}

Describe 'Bounded memory' {
    It 'the whole pwsh process: the 1 GiB file costs no more memory than the 78 MB one' {
        $hugeTask = Get-MongoBackup cmgo-large001 @common | Where-Object BackupSize -gt 1GB | Select-Object -First 1 |
            New-MongoBackupDownloadTask @common | Wait-MongoBackupDownloadTask @common -PollInterval 0.2
        $null = Get-EmulatorObjectHash $emu $hugeTask.Url   # the emulator computes the object's CRC64 once, before the measure
        $figures = foreach ($task in $large, $hugeTask) {
            $dest = Join-Path ([IO.Path]::GetTempPath()) "mb-engine-mem-$([guid]::NewGuid().ToString('N'))"
            try {
                $out = Invoke-Child -Script @"
Import-Module '$modulePath'
function Get-Kb([string] `$Name) { [long]((@(Get-Content /proc/`$PID/status) -match "^`${Name}:") -replace '\D', '' -join '') }
`$before = Get-Kb VmRSS
`$f = [pscustomobject]@{ Url = '$($task.Url)'; InstanceId = 'cmgo-mem'; BackupName = 'b'; ReplicaSetId = 'r'; BackupSize = $($task.BackupSize) } |
    Save-MongoBackupFile -Destination '$dest'
"Length=`$(`$f.Length)"
"Before=`$before"
"Peak=`$(Get-Kb VmHWM)"
"@
                [pscustomobject]@{ Size = $task.BackupSize; Length = Get-Figure $out Length; Before = Get-Figure $out Before; Peak = Get-Figure $out Peak }
            } finally { Remove-Item $dest -Recurse -Force -ErrorAction Ignore }
        }
        foreach ($f in $figures) {
            $f.Peak | Should -BeGreaterThan 50000 -Because 'the child reports its peak (kB)'
            Write-Host "  MEASURED: $([Math]::Round($f.Size / 1MB)) MB saved: peak $([Math]::Round($f.Peak / 1KB)) MB, $([Math]::Round(($f.Peak - $f.Before) / 1KB)) MB above the process before the download"
            $f.Length | Should -Be $f.Size
            ($f.Peak - $f.Before) | Should -BeLessThan (48 * 1024) -Because 'the engine holds at most 8 MB of buffers, plus the HTTP stack and the collector''s slack'
        }
        # Thirteen times the bytes: the same bounded buffers (the engine before them held up to 256 MB). A fresh pwsh's own
        # size varies by some 10 MB from one start to the next, so the margin is wide but far below any real buffering.
        (($figures[1].Peak - $figures[1].Before) - ($figures[0].Peak - $figures[0].Before)) | Should -BeLessThan (24 * 1024) -Because 'memory must not grow with the file''s size'
    }
}

Describe 'Paging and waiting at scale (cmgo-scale001)' {
    BeforeAll {
        $script:scale = Start-TestEmulator -ArgumentList '--rate-limit', '0', '--scale-tasks', '100000'
        $script:scaleCommon = @{ Endpoint = $scale.Endpoint; Credential = $scale.Credential; Region = 'ap-guangzhou' }
        function Get-ScaleRequests { [int](Get-EmulatorStats $scale).Requests.DescribeBackupDownloadTask }
    }
    AfterAll { Stop-TestEmulator $scale }

    It 'a listing takes ceil(n/100) requests (+1 for the offset probe), in a process whose peak memory does not grow with n (10,000 and 40,000 here; 10k and 100k in bench/)' {
        # From some thousands of tasks on, the collector's gen-0 budget is in use; past that a streaming listing stays flat.
        $runs = foreach ($n in 10000, 40000) {
            Reset-Emulator $scale
            $first = "-First $n"
            $out = Invoke-Child -Script @"
`$env:TENCENTCLOUD_SECRET_ID = '$($scale.SecretId)'
`$env:TENCENTCLOUD_SECRET_KEY = '$($scale.SecretKey)'
Import-Module '$modulePath'
`$count = (Get-MongoBackupDownloadTask cmgo-scale001 $first -Region ap-guangzhou -Endpoint '$($scale.Endpoint)' | Measure-Object).Count
"Count=`$count"
"Peak=`$((@(Get-Content /proc/`$PID/status) -match '^VmHWM:') -replace '\D', '' -join '')"
"@
            [pscustomobject]@{ N = $n; Count = Get-Figure $out Count; Peak = Get-Figure $out Peak; Requests = Get-ScaleRequests }
        }
        foreach ($r in $runs) {
            $r.Peak | Should -BeGreaterThan 50000 -Because 'the child reports its peak (kB)'
            Write-Host "  MEASURED: $($r.N) tasks: $($r.Requests) requests, peak $([Math]::Round($r.Peak / 1KB)) MB"
            $r.Count | Should -Be $r.N
            $r.Requests | Should -BeIn ([Math]::Ceiling($r.N / 100)), ([Math]::Ceiling($r.N / 100) + 1)
        }
        ($runs[1].Peak - $runs[0].Peak) | Should -BeLessThan (12 * 1024) -Because 'a listing streams: four times the tasks must not hold four times the memory'
    }

    It 'Wait-MongoBackupDownloadTask on 50 tasks of one backup makes one request per round' {
        $tasks = @(Get-MongoBackupDownloadTask cmgo-scale001 @scaleCommon -First 100 -Skip 300 | Select-Object -First 50)
        ($tasks.BackupName | Sort-Object -Unique).Count | Should -Be 1
        Reset-Emulator $scale
        $lines = $tasks | Wait-MongoBackupDownloadTask @scaleCommon -PollInterval 0.2 -Timeout 1.5 -Verbose -ErrorAction SilentlyContinue 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        $rounds = @($lines -match '^DescribeBackupDownloadTask cmgo-scale001 ').Count
        $rounds | Should -BeGreaterOrEqual 2
        Get-ScaleRequests | Should -Be $rounds -Because 'each round asks once for the backup''s tasks, whatever the number of tasks waited for'
    }
}

Describe 'Connect-TencentCloud -RequestsPerSecond' {
    AfterEach { Disconnect-TencentCloud }

    It 'is shown by Get-TencentCloudContext and forgotten by Disconnect-TencentCloud' {
        (Get-TencentCloudContext).RequestsPerSecond | Should -BeNullOrEmpty
        (Get-TencentCloudContext | Format-List | Out-String) | Should -Match 'RequestsPerSecond\s*:\s*the documented limit of each action'
        Connect-TencentCloud -RequestsPerSecond 0
        (Get-TencentCloudContext).RequestsPerSecond | Should -Be 0
        (Get-TencentCloudContext | Format-List | Out-String) | Should -Match 'RequestsPerSecond\s*:\s*no client-side limit'
        Connect-TencentCloud -RequestsPerSecond 250 -PassThru | ForEach-Object RequestsPerSecond | Should -Be 250
        Disconnect-TencentCloud
        (Get-TencentCloudContext).RequestsPerSecond | Should -BeNullOrEmpty
    }

    It 'off, a burst goes past the service''s 20/s; at 10/s, the same burst is never throttled' {
        $limited = Start-TestEmulator   # the documented limits: 20/s for DescribeBackupDownloadTask
        try {
            $results = foreach ($rps in 0, 10) {
                Reset-Emulator $limited
                Connect-TencentCloud -Credential $limited.Credential -Endpoint $limited.Endpoint -Region ap-guangzhou -RequestsPerSecond $rps
                $null = 1..40 | ForEach-Object -ThrottleLimit 20 -Parallel {
                    Import-Module $using:modulePath
                    Get-MongoBackupDownloadTask cmgo-dygv1rnp -MaxRetries 0 -ErrorAction SilentlyContinue
                }
                [pscustomobject]@{ Rps = $rps; Throttled = (Get-EmulatorStats $limited).Throttled }
            }
            $results[0].Throttled | Should -BeGreaterThan 0 -Because '40 calls from 20 runspaces at once, with no client-side limit, exceed 20 in a second'
            $results[1].Throttled | Should -Be 0
        } finally { Stop-TestEmulator $limited }
    }
}
