#Requires -Version 7.2
# The download workflow end to end: instance -> backups -> download task -> wait -> files on disk, against the emulator.

BeforeAll {
    Import-Module "$PSScriptRoot/Emulator.psm1" -Force
    Import-Module "$PSScriptRoot/../../out/MongoBackup/MongoBackup.psd1" -Force
    . "$PSScriptRoot/TestIsolation.ps1"
    Enter-IsolatedCredentialEnvironment
    $script:emu = Start-TestEmulator -ArgumentList '--rate-limit', '0', '--task-seconds', '2', '--backup-seconds', '2'
    $script:common = @{ Endpoint = $emu.Endpoint; Credential = $emu.Credential; Region = 'ap-guangzhou' }
    $script:anyRegion = @{ Endpoint = $emu.Endpoint; Credential = $emu.Credential }
    $script:shanghai = @{ Endpoint = $emu.Endpoint; Credential = $emu.Credential; Region = 'ap-shanghai' }
    $script:fast = @{ PollInterval = 0.2; Timeout = 60 }

    function Get-ApiCount([string] $Action) {
        $stats = Get-EmulatorStats $emu
        $value = $stats.Requests.PSObject.Properties[$Action]
        if ($value) { [int]$value.Value } else { 0 }
    }
    function Get-ObjectHash([string] $Url) {
        $path = ([uri]$Url).AbsolutePath
        (Invoke-RestMethod "$($emu.Endpoint)/_emulator/object-hash?path=$([uri]::EscapeDataString($path))").Sha256
    }
    function Set-ObjectStore([hashtable] $Settings) {
        Invoke-RestMethod -Method Post "$($emu.Endpoint)/_emulator/objects" -Body ($Settings | ConvertTo-Json -Compress) -ContentType 'application/json' | Out-Null
    }
    # A ready (Downloaded) task for a backup of an instance of any region, created and waited for: the backup and the
    # tasks carry the region they were read from (RequestRegion) down the pipeline.
    function Get-ReadyTask([string] $InstanceId = 'cmgo-p8vnipr5', [scriptblock] $Where = { $_.BackupDesc -notmatch 'fail' -and $_.BackupSize -lt 16MB }) {
        Get-MongoBackup $InstanceId -Region * @anyRegion | Where-Object Status -eq Succeeded | Where-Object $Where | Select-Object -First 1 |
            New-MongoBackupDownloadTask @anyRegion | Wait-MongoBackupDownloadTask @anyRegion @fast
    }
}

AfterAll {
    if ($script:emu) { Stop-TestEmulator $script:emu }
    Exit-IsolatedCredentialEnvironment
}

Describe 'Get-MongoInstance' {
    It 'lists every instance of the service, all pages' {
        $all = @(Get-MongoInstance @common -Limit 10)
        $total = (Get-MongoInstance @common -IncludeTotalCount -First 0).ToString()
        $total | Should -Match "Total count: $($all.Count)\b"
        $all.Count | Should -BeGreaterThan 10
        ($all.InstanceId | Sort-Object -Unique).Count | Should -Be $all.Count
    }

    It 'returns typed instances with their replica sets' {
        $i = Get-MongoInstance -InstanceId cmgo-9d0p6umb @shanghai
        $i.PSObject.TypeNames[0] | Should -Be 'MongoBackup.Instance'
        $i.ClusterType | Should -Be ([MongoBackup.ClusterType]::Sharded)
        $i.Status | Should -Be ([MongoBackup.InstanceStatus]::Running)
        $i.Region | Should -Be 'ap-shanghai'
        $i.CreateTime.Offset | Should -Be ([TimeSpan]::FromHours(8))
        $i.ReplicaSets.ReplicaSetId | Should -Be @('cmgo-9d0p6umb_0', 'cmgo-9d0p6umb_1', 'cmgo-9d0p6umb_2')
        $i.InstanceType | Should -Be ([MongoBackup.InstanceType]::Regular)
        $i.RealInstanceId | Should -Be 'cmgo-9d0p6umb'
        $i.UsedVolume | Should -BeGreaterThan 0
        $i.UsedVolume | Should -Be ($i.ReplicaSets | Measure-Object UsedVolume -Sum).Sum
        $i.ReplicaSets.RealReplicaSetId | Should -Be @('cmgo-9d0p6umb_0', 'cmgo-9d0p6umb_1', 'cmgo-9d0p6umb_2')
        $i.PayMode | Should -BeOfType [MongoBackup.PayMode]
        $i.RequestRegion | Should -Be 'ap-shanghai'
    }

    It 'filters by <Name>' -TestCases @(
        @{ Name = 'cluster type'; Splat = @{ ClusterType = 'Sharded' }; Check = { $_.ClusterType -eq 'Sharded' } }
        @{ Name = 'project'; Splat = @{ ProjectId = 1001 }; Check = { $_.ProjectId -eq 1001 } }
        @{ Name = 'search key'; Splat = @{ SearchKey = 'orders' }; Check = { $_.InstanceId -match 'orders' -or $_.InstanceName -match 'orders' } }
        @{ Name = 'status'; Splat = @{ Status = 'Running' }; Check = { $_.Status -eq 'Running' } }
        @{ Name = 'instance type ReadOnly'; Splat = @{ InstanceType = 'ReadOnly'; Region = '*' }; Check = { $_.InstanceType -eq 'ReadOnly' } }
        @{ Name = 'instance type Temporary'; Splat = @{ InstanceType = 'Temporary'; Region = '*' }; Check = { $_.InstanceType -eq 'Temporary' } }
        @{ Name = 'instance type AllButTemporary'; Splat = @{ InstanceType = 'AllButTemporary'; Region = '*' }; Check = { $_.InstanceType -ne 'Temporary' } }
        @{ Name = 'region'; Splat = @{ Region = 'ap-shanghai' }; Check = { $_.Region -eq 'ap-shanghai' -and $_.RequestRegion -eq 'ap-shanghai' } }
    ) {
        param($Name, $Splat, $Check)
        $region = if ($Splat.Region) { $Splat.Region } else { 'ap-guangzhou' }
        $rest = @{} + $Splat; $rest.Remove('Region')
        $r = @(Get-MongoInstance @rest @anyRegion -Region $region)
        $r.Count | Should -BeGreaterThan 0
        @($r | Where-Object $Check).Count | Should -Be $r.Count
    }

    It 'sorts by name' {
        $r = @(Get-MongoInstance -OrderBy InstanceName -OrderByType Asc @common)
        $names = $r.InstanceName
        ($names -join '|') | Should -BeExactly (($names | Sort-Object -CaseSensitive:$false) -join '|')
    }

    It 'an unknown instance ID yields nothing, and a malformed one a clear error' {
        @(Get-MongoInstance -InstanceId cmgo-zzzzzzzz @common).Count | Should -Be 0
        { Get-MongoInstance -InstanceId 'not-an-id' @common -ErrorAction Stop } | Should -Throw -ExpectedMessage '*cmgo-*'
    }

    It 'renders a table' {
        $text = Get-MongoInstance cmgo-9d0p6umb @shanghai | Format-Table | Out-String -Width 200
        $text | Should -Match 'InstanceId\s+InstanceName\s+ClusterType\s+Status\s+Region'
        $text | Should -Match 'cmgo-9d0p6umb\s+\S+\s+Sharded\s+Running\s+ap-shanghai'
    }
}

Describe 'Get-MongoBackup' {
    It 'takes instances from the pipeline and converts KB to bytes' {
        $backups = @(Get-MongoInstance cmgo-p8vnipr5 @common | Get-MongoBackup @common)
        $backups.Count | Should -BeGreaterThan 1
        $raw = Invoke-EmulatorApi $emu DescribeDBBackups @{ InstanceId = 'cmgo-p8vnipr5' }
        $raw.BackupList.Count | Should -Be $backups.Count
        foreach ($b in $backups) {
            $api = $raw.BackupList | Where-Object BackupName -eq $b.BackupName
            $b.BackupSize | Should -Be ([long]$api.BackupSize * 1024)
            $b.BackId | Should -Be $api.BackId
            $b.InstanceId | Should -Be 'cmgo-p8vnipr5'
            $b.StartTime | Should -BeOfType [DateTimeOffset]
        }
        ($backups.BackupMethod | Sort-Object -Unique) | Should -Be @([MongoBackup.BackupMethod]::Logical, [MongoBackup.BackupMethod]::Physical)
        ($backups.BackupType | Sort-Object -Unique) | Should -Be @([MongoBackup.BackupType]::Automatic, [MongoBackup.BackupType]::Manual)
    }

    It 'filters by method' {
        $r = @(Get-MongoBackup cmgo-p8vnipr5 -BackupMethod Physical @common)
        $r.Count | Should -BeGreaterThan 0
        @($r | Where-Object BackupMethod -ne 'Physical').Count | Should -Be 0
    }

    It 'an unknown instance is a per-input error' {
        $r = @('cmgo-zzzzzzzz', 'cmgo-p8vnipr5' | Get-MongoBackup @common -ErrorVariable errs -ErrorAction SilentlyContinue)
        $r.Count | Should -BeGreaterThan 0
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameterValue.NotFoundInstance,*'
        $errs[0].TargetObject | Should -Be 'cmgo-zzzzzzzz'
    }
}

Describe 'New-MongoBackupDownloadTask and Wait-MongoBackupDownloadTask' {
    BeforeEach { Reset-Emulator $emu }

    It '-WhatIf sends no create request' {
        Get-MongoBackup cmgo-p8vnipr5 @common | Select-Object -First 1 | New-MongoBackupDownloadTask @common -WhatIf
        Get-ApiCount CreateBackupDownloadTask | Should -Be 0
    }

    It 'a sharded cluster gets one task per shard, found with DescribeDBInstances' {
        $tasks = @(Get-MongoBackup cmgo-9d0p6umb @shanghai | Where-Object Status -eq Succeeded | Select-Object -First 1 | New-MongoBackupDownloadTask @anyRegion)
        $tasks.RequestRegion | Sort-Object -Unique | Should -Be 'ap-shanghai'
        $tasks.ReplicaSetId | Should -Be @('cmgo-9d0p6umb_0', 'cmgo-9d0p6umb_1', 'cmgo-9d0p6umb_2')
        $tasks[0].PSObject.TypeNames[0] | Should -Be 'MongoBackup.BackupDownloadTask'
        Get-ApiCount CreateBackupDownloadTask | Should -Be 1
        Get-ApiCount DescribeDBInstances | Should -Be 1
    }

    It '-ReplicaSetId names the shards' {
        $b = Get-MongoBackup cmgo-9d0p6umb @shanghai | Where-Object Status -eq Succeeded | Select-Object -First 1
        $tasks = @(New-MongoBackupDownloadTask $b.InstanceId $b.BackupName -ReplicaSetId cmgo-9d0p6umb_1 @shanghai)
        $tasks.ReplicaSetId | Should -Be 'cmgo-9d0p6umb_1'
        Get-ApiCount DescribeDBInstances | Should -Be 0
    }

    It 'an unknown backup name is InvalidParameterValue.BackupFileNotFound' {
        New-MongoBackupDownloadTask cmgo-p8vnipr5 'no such backup' @common -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameterValue.BackupFileNotFound,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'Wait writes each task when it is Downloaded, with one request per instance and backup per round' {
        $created = @(Get-MongoBackup cmgo-9d0p6umb @shanghai | Where-Object Status -eq Succeeded | Select-Object -First 1 | New-MongoBackupDownloadTask @anyRegion)
        $before = Get-ApiCount DescribeBackupDownloadTask
        # Connected to another region: Wait asks the region each task was created in.
        Connect-TencentCloud -Region ap-guangzhou
        $ready = @($created | Wait-MongoBackupDownloadTask @anyRegion -PollInterval 0.5 -Timeout 60)
        Disconnect-TencentCloud
        $ready.Count | Should -Be 3
        $ready | ForEach-Object { $_.Status | Should -Be 'Downloaded'; $_.Url | Should -Not -BeNullOrEmpty; $_.Percent | Should -Be 100 }
        $rounds = (Get-ApiCount DescribeBackupDownloadTask) - $before
        # 2 s to prepare, polled every 0.5 s: a handful of rounds, never 3 requests per round.
        $rounds | Should -BeLessOrEqual 8
        $rounds | Should -BeGreaterOrEqual 2
    }

    It 'Wait takes -InstanceId and -BackupName' {
        $b = Get-MongoBackup cmgo-p8vnipr5 @common | Where-Object { $_.Status -eq 'Succeeded' -and $_.BackupDesc -notmatch 'fail' } | Select-Object -First 1
        $null = New-MongoBackupDownloadTask $b.InstanceId $b.BackupName @common
        $r = @(Wait-MongoBackupDownloadTask -InstanceId $b.InstanceId -BackupName $b.BackupName @common @fast)
        $r.Count | Should -BeGreaterOrEqual 1
        $r[0].Status | Should -Be 'Downloaded'
    }

    It 'a failed task is a non-terminating error and the others complete' {
        $backups = @(Get-MongoBackup cmgo-p8vnipr5 @common | Where-Object Status -eq Succeeded)
        $failing = $backups | Where-Object BackupDesc -match 'fail' | Select-Object -First 1
        $good = $backups | Where-Object BackupDesc -notmatch 'fail' | Select-Object -First 1
        $failing | Should -Not -BeNullOrEmpty
        $tasks = @($failing, $good | New-MongoBackupDownloadTask @common)
        $ready = @($tasks | Wait-MongoBackupDownloadTask @common @fast -ErrorVariable errs -ErrorAction SilentlyContinue)
        $ready.Count | Should -Be 1
        $ready[0].BackupName | Should -Be $good.BackupName
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'BackupDownloadTaskFailed,*'
        $errs[0].TargetObject.BackupName | Should -Be $failing.BackupName
    }

    It 'on timeout an error names each task still pending' {
        $tasks = @(Get-MongoBackup cmgo-9d0p6umb @shanghai | Where-Object Status -eq Succeeded | Select-Object -First 1 | New-MongoBackupDownloadTask @anyRegion)
        $r = @($tasks | Wait-MongoBackupDownloadTask @anyRegion -PollInterval 0.2 -Timeout 0.5 -ErrorVariable errs -ErrorAction SilentlyContinue)
        $r.Count | Should -Be 0
        $errs.Count | Should -Be 3
        $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'WaitTimeout,*' }
        ($errs | ForEach-Object { $_.Exception.Message }) -join "`n" | Should -Match 'cmgo-9d0p6umb_2'
    }

    It 'refuses a poll interval out of range' {
        { Wait-MongoBackupDownloadTask cmgo-p8vnipr5 x -PollInterval 0 @common -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidPollInterval,*'
    }
}

Describe 'Save-MongoBackupFile' {
    BeforeEach {
        Reset-Emulator $emu
        $script:dest = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
    }

    It 'runs the whole pipeline and saves content identical to the object store''s, byte for byte' {
        $files = @(Get-MongoInstance -InstanceId cmgo-p8vnipr5 @common | Get-MongoBackup @common |
            Where-Object { $_.Status -eq 'Succeeded' -and $_.BackupDesc -notmatch 'fail' -and $_.BackupSize -lt 16MB } | Select-Object -First 1 |
            New-MongoBackupDownloadTask @common | Wait-MongoBackupDownloadTask @common @fast | Save-MongoBackupFile -Destination $dest @common)
        $files.Count | Should -Be 1
        $f = $files[0]
        $f | Should -BeOfType [System.IO.FileInfo]
        $f.InstanceId | Should -Be 'cmgo-p8vnipr5'
        $f.ReplicaSetId | Should -Be 'cmgo-p8vnipr5_0'
        $f.DirectoryName | Should -Be (Join-Path $dest 'cmgo-p8vnipr5' ($f.BackupName -replace '[<>:"/\\|?*]', '_'))
        $f.Name | Should -Match '^cmgo-p8vnipr5_0\.(tar|xb)$'
        $task = Get-MongoBackupDownloadTask cmgo-p8vnipr5 -BackupName $f.BackupName -Status Downloaded @common | Select-Object -First 1
        (Get-FileHash $f.FullName -Algorithm SHA256).Hash | Should -Be (Get-ObjectHash $task.Url).ToUpperInvariant()
        @(Get-ChildItem $dest -Recurse -Filter *.partial).Count | Should -Be 0
    }

    It '-WhatIf names the files and downloads nothing' {
        $task = Get-ReadyTask
        Reset-Emulator $emu
        $out = @($task | Save-MongoBackupFile -Destination $dest -WhatIf @anyRegion 6>&1 | Out-String)
        Test-Path $dest | Should -BeFalse
        (Get-EmulatorStats $emu).ObjectRequests | Should -Be 0
    }

    It 'a sharded backup yields one file per shard, and -Hash matches Get-FileHash' {
        $files = @(Get-ReadyTask cmgo-9d0p6umb | Save-MongoBackupFile -Destination $dest -Hash @anyRegion)
        $files.Count | Should -Be 3
        ($files.ReplicaSetId | Sort-Object) | Should -Be @('cmgo-9d0p6umb_0', 'cmgo-9d0p6umb_1', 'cmgo-9d0p6umb_2')
        foreach ($f in $files) { $f.Hash | Should -Be (Get-FileHash $f.FullName).Hash }
        ($files | Get-FileHash).Count | Should -Be 3
    }

    It 'resumes after dropped connections and writes the right bytes once' {
        $task = Get-ReadyTask -Where { $_.BackupDesc -notmatch 'fail' -and $_.BackupSize -gt 1MB -and $_.BackupSize -lt 16MB }
        $task | Should -Not -BeNullOrEmpty
        Set-ObjectStore @{ DropAfterBytes = 300000; DropCount = 2 }
        $f = $task | Save-MongoBackupFile -Destination $dest @common
        (Get-FileHash $f.FullName).Hash | Should -Be (Get-ObjectHash $task.Url).ToUpperInvariant()
        $f.Length | Should -Be $task.BackupSize
        $stats = Get-EmulatorStats $emu
        $stats.ObjectBytes | Should -BeLessOrEqual ($task.BackupSize + 2 * 65536)
    }

    It 'resumes an existing .partial with a Range request' {
        $task = Get-ReadyTask -Where { $_.BackupDesc -notmatch 'fail' -and $_.BackupSize -gt 1MB -and $_.BackupSize -lt 16MB }
        $f = $task | Save-MongoBackupFile -Destination $dest @common
        $bytes = [IO.File]::ReadAllBytes($f.FullName)
        Remove-Item $f.FullName
        $half = [int]($bytes.Length / 2)
        [IO.File]::WriteAllBytes("$($f.FullName).partial", $bytes[0..($half - 1)])
        Reset-Emulator $emu
        $again = $task | Save-MongoBackupFile -Destination $dest @common
        (Get-FileHash $again.FullName).Hash | Should -Be (Get-FileHash -InputStream ([IO.MemoryStream]::new($bytes))).Hash
        (Get-EmulatorStats $emu).ObjectBytes | Should -Be ($bytes.Length - $half)
        Test-Path "$($f.FullName).partial" | Should -BeFalse
    }

    It 'leaves an existing file untouched without -Force, overwrites it with -Force, keeps it with -SkipExisting' {
        $task = Get-ReadyTask
        $f = $task | Save-MongoBackupFile -Destination $dest @common
        Set-Content $f.FullName 'precious' -NoNewline
        $task | Save-MongoBackupFile -Destination $dest @common -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'FileExists,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        Get-Content $f.FullName -Raw | Should -Be 'precious'

        $kept = $task | Save-MongoBackupFile -Destination $dest -SkipExisting @common -ErrorVariable errs2 -ErrorAction SilentlyContinue
        Get-Content $f.FullName -Raw | Should -Be 'precious'   # a different size is not "the same file"

        $new = $task | Save-MongoBackupFile -Destination $dest -Force @common
        $new.Length | Should -Be $task.BackupSize
        $skipped = $task | Save-MongoBackupFile -Destination $dest -SkipExisting @common
        $skipped.FullName | Should -Be $new.FullName
    }

    It 'refreshes an expired link once by asking DescribeBackupDownloadTask again' {
        $task = Get-ReadyTask
        Set-ObjectStore @{ ExpireAll = $true }
        $before = Get-ApiCount DescribeBackupDownloadTask
        $f = $task | Save-MongoBackupFile -Destination $dest @common
        $f.Length | Should -Be $task.BackupSize
        (Get-ApiCount DescribeBackupDownloadTask) - $before | Should -Be 1
    }

    It 'an expired link with no way to refresh it is an error that says what to do' {
        $task = Get-ReadyTask
        Set-ObjectStore @{ ExpireAll = $true }
        Save-MongoBackupFile -Url $task.Url -Path (Join-Path $dest 'x.tar') -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'LinkExpired,*'
        (Get-ErrorText $errs[0]) | Should -Match 'new link'
        (Get-ErrorText $errs[0]) | Should -Not -Match 'sign='
    }

    It 'downloads a file over 64 MB in parallel ranged parts that reassemble exactly' {
        $task = Get-ReadyTask -Where { $_.BackupDesc -notmatch 'fail' -and $_.BackupSize -gt 64MB }
        $task | Should -Not -BeNullOrEmpty
        ($task.BackupSize % 4) | Should -Not -Be 0   # not divisible by the part count
        $f = $task | Save-MongoBackupFile -Destination $dest -ConnectionsPerFile 4 -Hash @common
        $f.Hash | Should -Be (Get-ObjectHash $task.Url).ToUpperInvariant()
        (Get-EmulatorStats $emu).ObjectRangeRequests | Should -BeGreaterThan 4
    }

    It 'a task that is not ready is a clear error' {
        $b = Get-MongoBackup cmgo-p8vnipr5 @common | Where-Object { $_.Status -eq 'Succeeded' -and $_.BackupDesc -notmatch 'fail' } | Select-Object -First 1
        $pending = New-MongoBackupDownloadTask $b.InstanceId $b.BackupName @common
        $pending | Save-MongoBackupFile -Destination $dest @common -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'DownloadTaskNotReady,*'
        (Get-ErrorText $errs[0]) | Should -Match 'Wait-MongoBackupDownloadTask'
    }

    It 'a Destination that is a file is refused' {
        $file = Join-Path $TestDrive 'a-file.txt'
        Set-Content $file 'x'
        $task = Get-ReadyTask
        { $task | Save-MongoBackupFile -Destination $file @common } | Should -Throw -ErrorId 'DestinationIsFile,*'
    }

    It 'Ctrl+C during Save stops at once and leaves only .partial files' {
        $task = Get-ReadyTask -Where { $_.BackupDesc -notmatch 'fail' -and $_.BackupSize -gt 4MB }
        Set-ObjectStore @{ BandwidthBytesPerSecond = 200000 }
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($ModulePath, $Task, $Destination, $Endpoint, $Credential)
                Import-Module $ModulePath
                $Task | Save-MongoBackupFile -Destination $Destination -Endpoint $Endpoint -Credential $Credential
            }).AddParameters(@{ ModulePath = "$PSScriptRoot/../../out/MongoBackup/MongoBackup.psd1"; Task = $task; Destination = $dest; Endpoint = $emu.Endpoint; Credential = $emu.Credential })
        $async = $ps.BeginInvoke()
        $partial = Wait-PartialFile $dest
        $partial | Should -Not -BeNullOrEmpty -Because "the download should have started ($($ps.Streams.Error.ReadAll() | Out-String))"
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Dispose()
        $files = @(Get-ChildItem $dest -Recurse -File)
        $files.Count | Should -Be 1
        $files[0].Name | Should -BeLike '*.partial'
        $files[0].Length | Should -BeLessThan $task.BackupSize
    }
}

Describe 'The runbook example (examples/Backup-Project.ps1)' {
    BeforeAll {
        $script:runbookDest = Join-Path $TestDrive 'runbook'
        function Invoke-Runbook([string[]] $Extra = @()) {
            # A fresh pwsh, as a scheduler would start it, finding the module by name and the key in the environment.
            $env:PSModulePath = (Resolve-Path "$PSScriptRoot/../../out").Path + [IO.Path]::PathSeparator + $env:PSModulePath
            $env:TENCENTCLOUD_SECRET_ID = $emu.SecretId
            $env:TENCENTCLOUD_SECRET_KEY = $emu.SecretKey
            try {
                $output = & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File "$PSScriptRoot/../../examples/Backup-Project.ps1" `
                    -ProjectId 1002 -Region ap-shanghai -Destination $runbookDest -Endpoint $emu.Endpoint @Extra 2>&1
                [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
            } finally {
                Remove-Item Env:TENCENTCLOUD_SECRET_ID, Env:TENCENTCLOUD_SECRET_KEY -ErrorAction Ignore
            }
        }
    }

    It 'saves every instance of the project with SHA256SUMS, and a re-run fetches nothing again' {
        Reset-Emulator $emu
        $first = Invoke-Runbook
        $first.ExitCode | Should -Be 0 -Because $first.Output
        $sums = @(Get-ChildItem $runbookDest -Recurse -Filter SHA256SUMS)
        $sums.Count | Should -Be (@(Get-MongoInstance -ProjectId 1002 -Region ap-shanghai -Status Running @common)).Count
        foreach ($sum in $sums) {
            foreach ($line in Get-Content $sum.FullName) {
                $hash, $name = $line -split '  ', 2
                (Get-FileHash (Join-Path $sum.DirectoryName $name)).Hash | Should -Be $hash.ToUpperInvariant()
            }
        }
        $served = (Get-EmulatorStats $emu).ObjectBytes
        $served | Should -BeGreaterThan 0

        Reset-Emulator $emu
        $second = Invoke-Runbook
        $second.ExitCode | Should -Be 0 -Because $second.Output
        (Get-EmulatorStats $emu).ObjectBytes | Should -Be 0
        @(Get-ChildItem $runbookDest -Recurse -Filter *.partial).Count | Should -Be 0
    }
}

Describe 'The life-cycle runbook (examples/Invoke-BackupLifecycle.ps1)' {
    BeforeAll {
        function Invoke-LifecycleRunbook([string[]] $Extra = @()) {
            # Each run saves into a folder of its own (two runs within a minute can make backups of the same name).
            $script:lifecycleDest = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
            # A fresh pwsh, as a scheduler would start it, finding the module by name and the key in the environment.
            $env:PSModulePath = (Resolve-Path "$PSScriptRoot/../../out").Path + [IO.Path]::PathSeparator + $env:PSModulePath
            $env:TENCENTCLOUD_SECRET_ID = $emu.SecretId
            $env:TENCENTCLOUD_SECRET_KEY = $emu.SecretKey
            try {
                $output = & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File "$PSScriptRoot/../../examples/Invoke-BackupLifecycle.ps1" `
                    -InstanceId cmgo-p8vnipr5 -Region ap-guangzhou -Destination $lifecycleDest -Endpoint $emu.Endpoint -PollInterval '00:00:00.2' -Timeout '00:01:00' @Extra 2>&1
                [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
            } finally {
                Remove-Item Env:TENCENTCLOUD_SECRET_ID, Env:TENCENTCLOUD_SECRET_KEY -ErrorAction Ignore
            }
        }
    }
    BeforeEach { Reset-Emulator $emu }

    It 'takes a backup with New-MongoBackup -Wait, downloads it, checks the rule, and prunes old manual backups after a -WhatIf' {
        $old = @(Get-MongoBackup cmgo-p8vnipr5 @common | Where-Object { $_.BackupType -eq 'Manual' -and $_.Status -eq 'Succeeded' -and $_.StartTime -lt (Get-Date).AddDays(-1) })
        $old.Count | Should -BeGreaterThan 0 -Because 'the seed has manual backups older than a day'
        $kept = @(Get-MongoBackup cmgo-p8vnipr5 @common | Where-Object { $_.BackId -notin $old.BackId })
        Reset-Emulator $emu
        $run = Invoke-LifecycleRunbook -Extra '-KeepDays', '1'
        $run.ExitCode | Should -Be 0 -Because $run.Output
        Get-ApiCount CreateBackupDBInstance | Should -Be 1
        Get-ApiCount DeleteDBBackups | Should -Be 1
        $run.Output | Should -Match 'backup rule meets the policy'
        # The -WhatIf pass names what goes before it goes.
        $whatIf = $run.Output.IndexOf('What if: Delete')
        $whatIf | Should -BeGreaterThan -1
        $whatIf | Should -BeLessThan $run.Output.IndexOf('pruned')
        foreach ($b in $old) { $run.Output | Should -Match ([regex]::Escape($b.BackupName)) }
        $now = @(Get-MongoBackup cmgo-p8vnipr5 @common)
        $now.BackId | Should -Not -Contain $old[0].BackId
        foreach ($b in $kept) { $now.BackId | Should -Contain $b.BackId }
        $new = $now | Where-Object { $_.BackupDesc -like 'runbook *' }
        $new.Count | Should -Be 1
        $file = Get-ChildItem $lifecycleDest -Recurse -File | Where-Object Name -eq 'cmgo-p8vnipr5_0.xb'
        $file.Count | Should -Be 1
        $file.Directory.Name | Should -Be ($new.BackupName -replace '[<>:"/\\|?*]', '_')
        $task = Get-MongoBackupDownloadTask cmgo-p8vnipr5 -BackupName $new.BackupName -Status Downloaded @common | Select-Object -First 1
        (Get-FileHash $file.FullName).Hash | Should -Be (Get-ObjectHash $task.Url).ToUpperInvariant()
    }

    It 'reports a rule that breaks the policy and fails, fixes it with -FixRules, and -DryRun deletes nothing' {
        $broken = Invoke-LifecycleRunbook -Extra '-PolicyRetentionDays', '30', '-DryRun'
        $broken.ExitCode | Should -Be 1
        $broken.Output | Should -Match 'breaks the policy: BackupRetentionPeriod should be 30'
        Get-ApiCount SetBackupRules | Should -Be 0
        Get-ApiCount DeleteDBBackups | Should -Be 0
        Reset-Emulator $emu
        $fixed = Invoke-LifecycleRunbook -Extra '-PolicyRetentionDays', '30', '-FixRules', '-DryRun', '-KeepDays', '1'
        $fixed.ExitCode | Should -Be 0 -Because $fixed.Output
        $fixed.Output | Should -Match 'changed to meet the policy \(kept 30 days'
        $fixed.Output | Should -Match 'What if: Delete'
        Get-ApiCount DeleteDBBackups | Should -Be 0
        (Get-MongoBackupRule cmgo-p8vnipr5 @common).BackupSaveTime | Should -Be 30
    }
}
