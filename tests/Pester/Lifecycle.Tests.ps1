#Requires -Version 7.2
# The rest of the backup life cycle against the emulator: start backups and follow them, rules, retention, restore,
# namespaces, -WhatIf and -Confirm (through a recording host), validation before any request, and the completers.

BeforeAll {
    Import-Module "$PSScriptRoot/Emulator.psm1" -Force
    $script:modulePath = (Resolve-Path "$PSScriptRoot/../../out/MongoBackup/MongoBackup.psd1").Path
    Import-Module $modulePath -Force
    . "$PSScriptRoot/TestIsolation.ps1"
    . "$PSScriptRoot/RecordingHost.ps1"
    Enter-IsolatedCredentialEnvironment
    # Manual backups take 1.5 s, restores 1 s; the backup list lags 1 s behind the requests; cmgo-n0tasks0's backups fail.
    $script:emu = Start-TestEmulator -ArgumentList '--rate-limit', '0', '--backup-seconds', '1.5', '--restore-seconds', '1',
        '--task-seconds', '1', '--backup-list-lag-seconds', '1', '--fail-backups-of', 'cmgo-n0tasks0'
    $script:common = @{ Endpoint = $emu.Endpoint; Credential = $emu.Credential; Region = 'ap-guangzhou' }
    $script:anyRegion = @{ Endpoint = $emu.Endpoint; Credential = $emu.Credential }
    $script:shanghai = @{ Endpoint = $emu.Endpoint; Credential = $emu.Credential; Region = 'ap-shanghai' }
    $script:fast = @{ PollInterval = 0.2; Timeout = 30 }
    $script:beijing = [TimeSpan]::FromHours(8)

    function Get-ApiCount([string] $Action) {
        $stats = Get-EmulatorStats $emu
        if ($Action -eq 'Total') { return [int]$stats.Total }
        $value = $stats.Requests.PSObject.Properties[$Action]
        if ($value) { [int]$value.Value } else { 0 }
    }
    function Get-RawBackups([string] $InstanceId, [string] $Region = 'ap-guangzhou') {
        @((Invoke-EmulatorApi $emu DescribeDBBackups @{ InstanceId = $InstanceId } -Region $Region).BackupList)
    }
    function Get-RawRule([string] $InstanceId, [string] $Region = 'ap-guangzhou') {
        Invoke-EmulatorApi $emu DescribeBackupRules @{ InstanceId = $InstanceId } -Region $Region
    }
    function Get-RawCollections([string] $InstanceId, [string] $Db) {
        @((Invoke-EmulatorApi $emu DescribeDBInstanceNamespace @{ InstanceId = $InstanceId; DbName = $Db }).Collections)
    }
    # Runs a command with errors collected: { Output; Errors }.
    function Invoke-Collect([scriptblock] $Block) {
        $ErrorActionPreference = 'Continue'
        $out = [System.Collections.Generic.List[object]]::new()
        $errs = [System.Collections.Generic.List[object]]::new()
        foreach ($item in (& $Block 2>&1)) {
            if ($item -is [System.Management.Automation.ErrorRecord]) { $errs.Add($item) } else { $out.Add($item) }
        }
        [pscustomobject]@{ Output = $out.ToArray(); Errors = $errs.ToArray() }
    }
    function Clear-CompletionCache {
        $type = [MongoBackup.Backup].Assembly.GetType('MongoBackup.Cmdlets.CompletionCache', $true)
        $flags = [Reflection.BindingFlags]'Static, Public, NonPublic'
        $shared = $type.GetProperty('Shared', $flags).GetValue($null)
        $type.GetMethod('Clear', [Reflection.BindingFlags]'Instance, Public, NonPublic').Invoke($shared, @()) | Out-Null
    }
    $script:session = New-RecordingSession $modulePath
}

AfterAll {
    Close-RecordingSession $script:session
    if ($script:emu) { Stop-TestEmulator $script:emu }
    Exit-IsolatedCredentialEnvironment
}

Describe 'New-MongoBackup' {
    BeforeEach { Reset-Emulator $emu }

    It 'starts a backup and writes its async request (AsyncRequestId, InstanceId, Region)' {
        $r = New-MongoBackup -InstanceId cmgo-p8vnipr5 -BackupMethod Physical -BackupRemark 'started by Pester' @common
        $r.PSObject.TypeNames[0] | Should -Be 'MongoBackup.AsyncRequest'
        $r.AsyncRequestId | Should -Match '^\d+$'
        $r.InstanceId | Should -Be 'cmgo-p8vnipr5'
        $r.Region | Should -Be 'ap-guangzhou'
        $r.RequestRegion | Should -Be 'ap-guangzhou'
        Get-ApiCount CreateBackupDBInstance | Should -Be 1
        Get-ApiCount DescribeDBBackups | Should -Be 0 -Because 'without -Wait nothing is listed'
        (Invoke-EmulatorApi $emu DescribeAsyncRequestInfo @{ AsyncRequestId = $r.AsyncRequestId }).Status | Should -BeIn 'initial', 'running'
        $done = $r | Wait-MongoAsyncRequest @common @fast
        $done.Status | Should -Be ([MongoBackup.AsyncRequestStatus]::Success)
        $new = Get-RawBackups cmgo-p8vnipr5 | Where-Object BackupDesc -eq 'started by Pester'
        $new.BackupType | Should -Be 1
        $new.BackupMethod | Should -Be 1
    }

    It 'takes instances from the pipeline, each in its own region' {
        $requests = @(Get-MongoInstance cmgo-9d0p6umb @shanghai | New-MongoBackup -BackupMethod Logical @anyRegion)
        $requests.Count | Should -Be 1
        $requests[0].Region | Should -Be 'ap-shanghai'
        (Invoke-EmulatorApi $emu DescribeAsyncRequestInfo @{ AsyncRequestId = $requests[0].AsyncRequestId } -Region ap-shanghai).Status | Should -Not -BeNullOrEmpty
    }

    It '-Wait writes the new backup: the manual backup that was not listed before, with the remark' {
        $before = Get-RawBackups cmgo-p8vnipr5
        $b = @(New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical -BackupRemark 'nightly-check' -Wait @common @fast)
        $b.Count | Should -Be 1
        $b[0].PSObject.TypeNames[0] | Should -Be 'MongoBackup.Backup'
        $b[0].BackId | Should -Not -BeIn $before.BackId
        $b[0].BackupType | Should -Be 'Manual'
        $b[0].BackupMethod | Should -Be 'Logical'
        $b[0].BackupDesc | Should -Be 'nightly-check'
        $b[0].Status | Should -Be 'Succeeded'
        $b[0].RequestRegion | Should -Be 'ap-guangzhou'
        # The list lags the request by 1 s: the command listed again until the backup was there.
        Get-ApiCount DescribeDBBackups | Should -BeGreaterOrEqual 3
    }

    It '-BackupRetentionDays sets how long the backup is kept (-2: for ever, N: N days)' {
        $forever = New-MongoBackup cmgo-dygv1rnp -BackupMethod Logical -BackupRetentionDays -2 -BackupRemark forever -Wait @common @fast
        $forever.DeleteTime | Should -BeNullOrEmpty
        $thirty = New-MongoBackup cmgo-dygv1rnp -BackupMethod Logical -BackupRetentionDays 30 -BackupRemark thirty -Wait @common @fast
        $thirty.DeleteTime | Should -Be $thirty.StartTime.AddDays(30)
        $rule = New-MongoBackup cmgo-dygv1rnp -BackupMethod Logical -BackupRetentionDays 0 -BackupRemark rule -Wait @common @fast
        $rule.DeleteTime | Should -Be $rule.StartTime.AddDays((Get-RawRule cmgo-dygv1rnp).BackupSaveTime)
    }

    It 'New-MongoBackup -Wait | New-MongoBackupDownloadTask | Wait-MongoBackupDownloadTask | Save-MongoBackupFile works' {
        $dest = Join-Path $TestDrive 'new-backup'
        $files = @(New-MongoBackup -InstanceId cmgo-9d0p6umb -BackupMethod Physical -Wait @shanghai @fast |
            New-MongoBackupDownloadTask @anyRegion | Wait-MongoBackupDownloadTask @anyRegion @fast | Save-MongoBackupFile -Destination $dest -Hash @anyRegion)
        $files.Count | Should -Be 3
        $files.Name | Should -Match '^cmgo-9d0p6umb_\d\.xb$'
        foreach ($f in $files) { $f.Hash | Should -Be (Get-FileHash $f.FullName).Hash }
    }

    It 'a backup request that fails is an AsyncRequestFailed error carrying the status, and writes no backup' {
        $run = Invoke-Collect { New-MongoBackup cmgo-n0tasks0 -BackupMethod Logical -Wait @common @fast }
        $run.Output.Count | Should -Be 0
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'AsyncRequestFailed,*'
        (Get-ErrorText $run.Errors[0]) | Should -Match "status 'failed'"
        $run.Errors[0].TargetObject.Status | Should -Be 'Failed'
        $run.Errors[0].TargetObject.InstanceId | Should -Be 'cmgo-n0tasks0'
    }

    It 'several new backups matching one request are NewBackupAmbiguous (give each -BackupRemark its own text)' {
        $null = New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical -BackupRemark same @common
        $run = Invoke-Collect { New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical -BackupRemark same -Wait @common @fast }
        $run.Output.Count | Should -Be 0
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'NewBackupAmbiguous,*'
        (Get-ErrorText $run.Errors[0]) | Should -Match '2 new manual Logical backups'
    }

    It 'a backup that never shows in the list is NewBackupNotListed once -Timeout passes' {
        Set-EmulatorAnswer $emu DescribeDBBackups -Response @{ TotalCount = 0; BackupList = @() } | Out-Null
        try {
            $run = Invoke-Collect { New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical -Wait -PollInterval 0.2 -Timeout 3 @common }
        }
        finally { Clear-EmulatorAnswer $emu }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'NewBackupNotListed,*'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
    }

    It '-Wait with a short -Timeout is a WaitTimeout error naming the request' {
        $run = Invoke-Collect { New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical -Wait -PollInterval 0.2 -Timeout 0 @common }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'WaitTimeout,*'
        (Get-ErrorText $run.Errors[0]) | Should -Match 'backup request \d+ of cmgo-p8vnipr5 is still (initial|running)'
    }

    It 'a snapshot backup of a general-purpose instance is the service''s error for that input' {
        $run = Invoke-Collect { 'cmgo-p8vnipr5', 'cmgo-dygv1rnp' | New-MongoBackup -BackupMethod Snapshot @common -MaxRetries 0 }
        $run.Errors.Count | Should -Be 2
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameterValue,*'
        $run.Errors.TargetObject | Should -Be @('cmgo-p8vnipr5', 'cmgo-dygv1rnp')
    }

    It 'an instance that is not running is InvalidParameterValue.IllegalInstanceStatus' {
        $idle = Get-MongoInstance -Region * @anyRegion | Where-Object { $_.Status -ne 'Running' } | Select-Object -First 1
        $idle | Should -Not -BeNullOrEmpty
        $run = Invoke-Collect { New-MongoBackup $idle.InstanceId -BackupMethod Logical -Region $idle.Region @anyRegion }
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameterValue.IllegalInstanceStatus,*'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
    }
}

Describe 'Get-MongoAsyncRequest and Wait-MongoAsyncRequest' {
    BeforeEach { Reset-Emulator $emu }

    It 'Get-MongoAsyncRequest shows a request''s typed state, by id or piped' {
        $r = New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical @common
        $byId = Get-MongoAsyncRequest -AsyncRequestId $r.AsyncRequestId @common
        $byId.Status | Should -BeOfType [MongoBackup.AsyncRequestStatus]
        $byId.StartTime.Offset | Should -Be $beijing
        $piped = $r | Get-MongoAsyncRequest @anyRegion
        $piped.InstanceId | Should -Be 'cmgo-p8vnipr5'
        $piped.AsyncRequestId | Should -Be $r.AsyncRequestId
    }

    It 'an unknown id is the service''s error for that id' {
        $run = Invoke-Collect { Get-MongoAsyncRequest 999, 998 @common -MaxRetries 0 }
        $run.Errors.Count | Should -Be 2
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameterValue,*'
        $run.Errors.TargetObject | Should -Be @('999', '998')
    }

    It 'Wait takes requests from the pipeline, writes each on success, and asks each request''s own region' {
        $requests = @(
            New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical @common
            New-MongoBackup cmgo-9d0p6umb -BackupMethod Logical @shanghai
        )
        Connect-TencentCloud -Region ap-beijing
        try { $done = @($requests | Wait-MongoAsyncRequest @anyRegion @fast) } finally { Disconnect-TencentCloud }
        $done.Count | Should -Be 2
        $done.Status | Sort-Object -Unique | Should -Be 'Success'
        $done.EndTime | ForEach-Object { $_ | Should -Not -BeNullOrEmpty }
        ($done | Where-Object InstanceId -eq cmgo-9d0p6umb).RequestRegion | Should -Be 'ap-shanghai'
    }

    It 'Wait takes -AsyncRequestId with -Region, and shows progress' {
        $r = New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical @common
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($ModulePath, $Id, $Endpoint, $Credential)
                    Import-Module $ModulePath
                    Wait-MongoAsyncRequest -AsyncRequestId $Id -Region ap-guangzhou -Endpoint $Endpoint -Credential $Credential -PollInterval 0.2 -Timeout 30
                }).AddParameters(@{ ModulePath = $modulePath; Id = $r.AsyncRequestId; Endpoint = $emu.Endpoint; Credential = $emu.Credential })
            $out = @($ps.Invoke())
            $out.Count | Should -Be 1
            $out[0].Status | Should -Be 'Success'
            $progress = @($ps.Streams.Progress)
            @($progress | Where-Object { $_.StatusDescription -match 'initial|running' }).Count | Should -BeGreaterThan 0
            $progress[-1].RecordType | Should -Be 'Completed'
        }
        finally { $ps.Dispose() }
    }

    It 'a request that ends <Status> is the error <ErrorId>, carrying the service''s status' -ForEach @(
        @{ Status = 'paused'; ErrorId = 'AsyncRequestPaused'; Enum = 'Paused' }
        @{ Status = 'undoed'; ErrorId = 'AsyncRequestUndoed'; Enum = 'Undoed' }
        @{ Status = 'failed'; ErrorId = 'AsyncRequestFailed'; Enum = 'Failed' }
    ) {
        Set-EmulatorAnswer $emu DescribeAsyncRequestInfo -Response @{ Status = $Status; StartTime = '2026-01-01 03:00:00'; EndTime = '2026-01-01 03:05:00' } | Out-Null
        try { $run = Invoke-Collect { Wait-MongoAsyncRequest -AsyncRequestId 123 -InstanceId cmgo-p8vnipr5 @common @fast } }
        finally { Clear-EmulatorAnswer $emu }
        $run.Output.Count | Should -Be 0
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        (Get-ErrorText $run.Errors[0]) | Should -Match "request 123 of cmgo-p8vnipr5 ended with the status '$Status'"
        $run.Errors[0].TargetObject.Status | Should -Be $Enum
        $run.Errors[0].TargetObject.EndTime | Should -Be ([DateTimeOffset]::new(2026, 1, 1, 3, 5, 0, $beijing))
    }

    It 'a status the module does not know is an InvalidResponse error, not a hang' {
        Set-EmulatorAnswer $emu DescribeAsyncRequestInfo -Response @{ Status = 'frozen' } | Out-Null
        try { $run = Invoke-Collect { Wait-MongoAsyncRequest -AsyncRequestId 123 @common @fast -MaxRetries 0 } }
        finally { Clear-EmulatorAnswer $emu }
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidResponse,*'
        (Get-ErrorText $run.Errors[0]) | Should -Match 'frozen'
    }

    It 'on timeout one WaitTimeout error names each request still pending' {
        $requests = @('cmgo-p8vnipr5', 'cmgo-dygv1rnp' | New-MongoBackup -BackupMethod Logical @common)
        $run = Invoke-Collect { $requests | Wait-MongoAsyncRequest @common -PollInterval 0.2 -Timeout 0 }
        $run.Output.Count | Should -Be 0
        $run.Errors.Count | Should -Be 2
        $run.Errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'WaitTimeout,*' }
        ($run.Errors | ForEach-Object ToString) -join "`n" | Should -Match 'cmgo-dygv1rnp'
    }

    It 'refuses a poll interval out of range before any request' {
        { Wait-MongoAsyncRequest -AsyncRequestId 1 -PollInterval 7200 @common -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidPollInterval,*'
        Get-ApiCount Total | Should -Be 0
    }
}

Describe 'Get-MongoBackupRule and Set-MongoBackupRule' {
    BeforeEach { Reset-Emulator $emu }

    It 'Get-MongoBackupRule types every field' {
        $raw = Get-RawRule cmgo-p8vnipr5
        $rule = Get-MongoBackupRule cmgo-p8vnipr5 @common
        $rule.PSObject.TypeNames[0] | Should -Be 'MongoBackup.BackupRule'
        $rule.InstanceId | Should -Be 'cmgo-p8vnipr5'
        $rule.BackupSaveTime | Should -Be $raw.BackupSaveTime
        $rule.BackupFrequency | Should -Be $raw.BackupFrequency
        $rule.BackupTime | Should -Be $raw.BackupTime
        $rule.BackupMethod | Should -Be ([MongoBackup.BackupMethod]$raw.BackupMethod)
        $rule.ActiveWeekdays | Should -BeOfType [DayOfWeek]
        ($rule.ActiveWeekdays | ForEach-Object { [int]$_ }) -join ',' | Should -Be $raw.ActiveWeekdays
        $rule.LongTermInterval | Should -Be ([MongoBackup.LongTermInterval]::Monthly)
        $rule.LongTermActiveDays | Should -Be @(1, 15)
        $rule.LongTermExpiredDays | Should -Be $raw.LongTermExpiredDays
        $rule.OplogExpiredDays | Should -Be $raw.OplogExpiredDays
        $rule.BackupVersion | Should -Be ([MongoBackup.BackupVersion]::Advanced)
        $rule.AlertThreshold | Should -Be $raw.AlertThreshold
        $rule.BackupTotalSize.SnapshotSize | Should -BeOfType [long]
        $rule.BackupTotalSize.SnapshotSize | Should -Be $raw.BackupTotalSize.SnapshotSize
        $rule.BackupTotalSize.OplogSize | Should -Be $raw.BackupTotalSize.OplogSize
        $rule.BackupTotalSize.FreeQuota | Should -Be $raw.BackupTotalSize.FreeQuota
        $rule.RequestRegion | Should -Be 'ap-guangzhou'
    }

    It 'has a list view' {
        $text = Get-MongoBackupRule cmgo-9d0p6umb @shanghai | Out-String -Width 200
        $text | Should -Match 'BackupTime\s+: 02:00 Beijing time'
        $text | Should -Match 'ActiveWeekdays\s+: Mon, Tue, Wed, Thu, Fri'
        $text | Should -Match 'LongTermInterval\s+: Weekly'
        $text | Should -Match 'SnapshotSize\s+: [\d,]+ bytes'
    }

    It 'takes instances from the pipeline; an unknown one is that input''s error' {
        $run = Invoke-Collect { 'cmgo-zzzzzzzz', 'cmgo-p8vnipr5' | Get-MongoBackupRule @common -MaxRetries 0 }
        $run.Output.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameterValue.NotFoundInstance,*'
        $run.Errors[0].TargetObject | Should -Be 'cmgo-zzzzzzzz'
    }

    It 'Get-MongoBackupRule x | Set-MongoBackupRule -BackupTime 3 changes only that (the whole rule is sent)' {
        Set-MongoBackupRule cmgo-9d0p6umb -BackupTime 7 @shanghai
        $before = Get-RawRule cmgo-9d0p6umb -Region ap-shanghai
        Get-MongoBackupRule cmgo-9d0p6umb @shanghai | Set-MongoBackupRule -BackupTime 3 @anyRegion
        $after = Get-RawRule cmgo-9d0p6umb -Region ap-shanghai
        $after.BackupTime | Should -Be 3
        foreach ($name in 'BackupSaveTime', 'BackupFrequency', 'BackupMethod', 'ActiveWeekdays', 'LongTermInterval', 'LongTermActiveDays', 'LongTermExpiredDays', 'OplogExpiredDays', 'BackupVersion', 'AlertThreshold') {
            $after.$name | Should -Be $before.$name -Because "$name was not given"
        }
    }

    It 'sets every parameter, and with all of them given reads nothing first' {
        $r = Set-MongoBackupRule cmgo-p8vnipr5 -BackupMethod Physical -BackupTime 1 -BackupFrequency 12 -Notify -BackupRetentionPeriod 30 `
            -ActiveWeekdays Monday, Friday -LongTermInterval Weekly -LongTermActiveDays 6, 0 -LongTermExpiredDays 90 -OplogExpiredDays 14 `
            -BackupVersion Classic -AlertThreshold 200 -PassThru @common
        Get-ApiCount DescribeBackupRules | Should -Be 1 -Because 'only -PassThru reads the rule'
        $r.BackupMethod | Should -Be 'Physical'
        $r.BackupTime | Should -Be 1
        $r.BackupFrequency | Should -Be 12
        $r.BackupSaveTime | Should -Be 30
        $r.ActiveWeekdays | Should -Be @([DayOfWeek]::Monday, [DayOfWeek]::Friday)
        $r.LongTermInterval | Should -Be 'Weekly'
        $r.LongTermActiveDays | Should -Be @(0, 6)
        $r.LongTermExpiredDays | Should -Be 90
        $r.OplogExpiredDays | Should -Be 14
        $r.BackupVersion | Should -Be 'Classic'
        $r.AlertThreshold | Should -Be 200
        (Get-RawRule cmgo-p8vnipr5).ActiveWeekdays | Should -Be '1,5'
    }

    It '-BackupSaveTime is the alias of -BackupRetentionPeriod; -LongTermInterval None turns long-term retention off' {
        $r = Set-MongoBackupRule cmgo-p8vnipr5 -BackupSaveTime 60 -LongTermInterval None -PassThru @common
        $r.BackupSaveTime | Should -Be 60
        $r.LongTermInterval | Should -Be 'None'
        $r.LongTermActiveDays.Count | Should -Be 0
    }

    It 'the WhatIf text lists each change as old -> new and nothing is set' {
        $run = Invoke-RecordingSession $session 'Set-MongoBackupRule cmgo-p8vnipr5 -BackupTime 5 -BackupRetentionPeriod 21 -ActiveWeekdays Sunday -Notify:$false -WhatIf @common' @{ common = $common }
        $run.Errors.Count | Should -Be 0
        $run.Lines | Should -Match 'What if: .*cmgo-p8vnipr5.*BackupTime 3 -> 5; BackupRetentionPeriod 7 -> 21; ActiveWeekdays Sunday,Monday,Tuesday,Wednesday,Thursday,Friday,Saturday -> Sunday; Notify \(cannot be read\) -> False'
        Get-ApiCount SetBackupRules | Should -Be 0
        Get-ApiCount Total | Should -Be 1 -Because 'the current rule is read to show the old values'
    }

    It 'a value that is already set sends nothing' {
        Set-MongoBackupRule cmgo-p8vnipr5 -BackupTime 3 @common
        Get-ApiCount SetBackupRules | Should -Be 0
    }

    It 'checks the rule as a whole before sending: <Name>' -ForEach @(
        @{ Name = 'monthly days for a weekly interval (current days)'; Splat = @{ LongTermInterval = 'Weekly' }; Match = 'does not fit Weekly.*give -LongTermActiveDays' }
        @{ Name = 'turning long-term on without its retention'; Instance = 'cmgo-dygv1rnp'; Splat = @{ LongTermInterval = 'Monthly'; LongTermActiveDays = 1 }; Match = 'give -LongTermExpiredDays' }
        @{ Name = 'turning long-term on without its days'; Instance = 'cmgo-dygv1rnp'; Splat = @{ LongTermInterval = 'Weekly'; LongTermExpiredDays = 60 }; Match = 'needs its days' }
    ) {
        $id = if ($Instance) { $Instance } else { 'cmgo-p8vnipr5' }
        $run = Invoke-Collect { Set-MongoBackupRule $id @Splat @common }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidBackupRule,*'
        (Get-ErrorText $run.Errors[0]) | Should -Match $Match
        Get-ApiCount SetBackupRules | Should -Be 0
    }

    It 'refuses days that do not fit the interval given, before any request' {
        { Set-MongoBackupRule cmgo-p8vnipr5 -LongTermInterval Weekly -LongTermActiveDays 7 @common -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidBackupRule,*'
        { Set-MongoBackupRule cmgo-p8vnipr5 @common -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidBackupRule,*'
        Get-ApiCount Total | Should -Be 0
    }
}

Describe 'Remove-MongoBackup' {
    BeforeEach { Reset-Emulator $emu }

    It 'deletes piped backups with one request per instance' {
        $victims = @(Get-MongoBackup cmgo-p8vnipr5 @common | Where-Object Status -eq Succeeded | Select-Object -First 2) +
            @(Get-MongoBackup cmgo-dygv1rnp @common | Select-Object -First 2)
        $victims | Remove-MongoBackup -Force @common
        Get-ApiCount DeleteDBBackups | Should -Be 2
        (Get-RawBackups cmgo-p8vnipr5).BackId | Should -Not -Contain $victims[0].BackId
        (Get-RawBackups cmgo-p8vnipr5).BackId | Should -Not -Contain $victims[1].BackId
        (Get-RawBackups cmgo-dygv1rnp).Count | Should -Be 1
    }

    It 'deletes by -InstanceId and -BackId' {
        $b = Get-MongoBackup cmgo-p8vnipr5 @common | Where-Object Status -eq Succeeded | Select-Object -First 1
        Remove-MongoBackup -InstanceId cmgo-p8vnipr5 -BackId $b.BackId -Confirm:$false @common
        (Get-RawBackups cmgo-p8vnipr5).BackId | Should -Not -Contain $b.BackId
    }

    It '-WhatIf sends nothing' {
        $all = @(Get-MongoBackup cmgo-p8vnipr5 @common | Where-Object Status -eq Succeeded)
        Reset-Emulator $emu
        $run = Invoke-RecordingSession $session '$all | Remove-MongoBackup -WhatIf @common' @{ all = $all; common = $common }
        $run.Lines | Should -Match "What if: Delete $($all.Count) backups of cmgo-p8vnipr5 in ap-guangzhou: '.*\(BackId \d+\)"
        Get-ApiCount Total | Should -Be 0
    }

    It '-Confirm follows ConfirmImpact High: <Name>' -ForEach @(
        @{ Name = 'the default ConfirmPreference asks; No deletes nothing'; Command = '$b | Remove-MongoBackup @common'; Answer = 2; Prompts = 1; Deletes = 0 }
        @{ Name = 'the default ConfirmPreference asks; Yes deletes'; Command = '$b | Remove-MongoBackup @common'; Answer = 0; Prompts = 1; Deletes = 1 }
        @{ Name = '-Force does not ask'; Command = '$b | Remove-MongoBackup -Force @common'; Answer = 2; Prompts = 0; Deletes = 1 }
        @{ Name = '-Force with -Confirm asks'; Command = '$b | Remove-MongoBackup -Force -Confirm @common'; Answer = 2; Prompts = 1; Deletes = 0 }
        @{ Name = '-Confirm:$false does not ask'; Command = '$b | Remove-MongoBackup -Confirm:$false @common'; Answer = 2; Prompts = 0; Deletes = 1 }
        @{ Name = 'ConfirmPreference None does not ask'; Command = '$ConfirmPreference = "None"; $b | Remove-MongoBackup @common'; Answer = 2; Prompts = 0; Deletes = 1 }
        @{ Name = '-Force with -WhatIf only describes'; Command = '$b | Remove-MongoBackup -Force -WhatIf @common'; Answer = 0; Prompts = 0; Deletes = 0 }
    ) {
        $b = Get-MongoBackup cmgo-p8vnipr5 @common | Where-Object Status -eq Succeeded | Select-Object -First 1
        $run = Invoke-RecordingSession $session ('$ConfirmPreference = "High"; ' + $Command) @{ b = $b; common = $common } -Answer $Answer
        $run.Errors.Count | Should -Be 0
        $run.Prompts.Count | Should -Be $Prompts
        if ($Prompts) { $run.Prompts[0] | Should -Match "Delete 1 backup of cmgo-p8vnipr5 in ap-guangzhou: '$([regex]::Escape($b.BackupName))' \(BackId $($b.BackId)\)\? A deleted backup cannot be recovered" }
        Get-ApiCount DeleteDBBackups | Should -Be $Deletes
    }

    It 'a running backup is refused before anything is sent; the others go on' {
        $all = @(Get-MongoBackup cmgo-p8vnipr5 @common)
        $running = $all | Where-Object Status -eq Running | Select-Object -First 1
        $good = $all | Where-Object Status -eq Succeeded | Select-Object -First 1
        $run = Invoke-Collect { $running, $good | Remove-MongoBackup -Force @common }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'BackupRunning,*'
        $run.Errors[0].TargetObject.BackId | Should -Be $running.BackId
        Get-ApiCount DeleteDBBackups | Should -Be 1
        (Get-RawBackups cmgo-p8vnipr5).BackId | Should -Contain $running.BackId
    }

    It 'an id the service refuses is the error of the whole request, whose target is its inputs' {
        $run = Invoke-Collect { Remove-MongoBackup cmgo-p8vnipr5 -BackId 1, 2 -Force @common }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameterValue,*'
        $run.Errors[0].TargetObject | Should -Be @(1, 2)
    }
}

Describe 'Set-MongoBackupExpiration' {
    BeforeEach { Reset-Emulator $emu }

    It 'changes the expiry of piped backups, one request per instance, and -PassThru shows it' {
        $backups = @(Get-MongoBackup cmgo-p8vnipr5 @common | Where-Object Status -eq Succeeded | Select-Object -First 2) +
            @(Get-MongoBackup cmgo-dygv1rnp @common | Select-Object -First 1)
        $when = [DateTime]::SpecifyKind([DateTime]::UtcNow.Date.AddDays(20).AddHours(1), 'Utc')
        $changed = @($backups | Set-MongoBackupExpiration -ExpireTime $when -PassThru @common)
        Get-ApiCount ModifyBackupExpireTime | Should -Be 2
        $changed.Count | Should -Be 3
        $changed.DeleteTime | Sort-Object -Unique | Should -Be ([DateTimeOffset]::new($when).ToOffset($beijing))
        $raw = Get-RawBackups cmgo-p8vnipr5 | Where-Object BackId -eq $backups[0].BackId
        $raw.DeleteTime | Should -Be ([DateTimeOffset]::new($when).ToOffset($beijing).ToString('yyyy-MM-dd HH:mm:ss'))
    }

    It 'each id in FailedBackups is an error naming it, and the others change' {
        $good = Get-MongoBackup cmgo-p8vnipr5 @common | Where-Object Status -eq Succeeded | Select-Object -First 1
        $run = Invoke-Collect { Set-MongoBackupExpiration -InstanceId cmgo-p8vnipr5 -BackId $good.BackId, 4242, 4343 -ExpireTime (Get-Date).AddDays(3) @common }
        $run.Errors.Count | Should -Be 2
        $run.Errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'BackupExpireTimeFailed,*' }
        $run.Errors.TargetObject | Should -Be @(4242, 4343)
        (Get-ErrorText $run.Errors[0]) | Should -Match 'BackId 4242'
        Get-ApiCount ModifyBackupExpireTime | Should -Be 1
    }

    It 'a time that has passed is refused before any request' {
        $b = Get-MongoBackup cmgo-p8vnipr5 @common | Select-Object -First 1
        Reset-Emulator $emu
        { $b | Set-MongoBackupExpiration -ExpireTime (Get-Date).AddMinutes(-1) @common -ErrorAction Stop } | Should -Throw -ErrorId 'ExpireTimeInPast,*'
        Get-ApiCount Total | Should -Be 0
    }

    It '-WhatIf sends nothing' {
        $b = @(Get-MongoBackup cmgo-p8vnipr5 @common)
        Reset-Emulator $emu
        $b | Set-MongoBackupExpiration -ExpireTime (Get-Date).AddDays(9) -WhatIf @common
        Get-ApiCount Total | Should -Be 0
    }
}

Describe 'Get-MongoDatabase and Restore-MongoInstance' {
    BeforeEach { Reset-Emulator $emu }

    It 'Get-MongoDatabase lists the databases, and with -Name their collections' {
        $dbs = @(Get-MongoDatabase cmgo-p8vnipr5 @common)
        $dbs.Name | Should -Be @('orders', 'customers', 'audit')
        $dbs[0].PSObject.TypeNames[0] | Should -Be 'MongoBackup.Database'
        $dbs[0].Collections | Should -BeNullOrEmpty
        $dbs[0].InstanceId | Should -Be 'cmgo-p8vnipr5'
        $named = @(Get-MongoDatabase cmgo-p8vnipr5 -Name orders, audit @common)
        $named[0].Collections | Should -Be @('orders', 'order_items', 'refunds')
        $named[1].Collections | Should -Be @('events')
        (Get-MongoDatabase cmgo-p8vnipr5 @common | Out-String) | Should -Match 'orders\s+\(not listed: use -Name\)'
    }

    It 'an unknown database name is that input''s error' {
        $run = Invoke-Collect { Get-MongoDatabase cmgo-p8vnipr5 -Name nosuch, orders @common -MaxRetries 0 }
        $run.Output.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter,*'
        $run.Errors[0].TargetObject | Should -Be 'nosuch'
    }

    It 'a database by name means all its collections, each under the documented name; -Wait follows the FlowId' {
        $time = [DateTimeOffset]::UtcNow.AddMinutes(-20)
        $stamp = $time.ToOffset($beijing).ToString('yyyyMMddHHmmss')
        $done = Restore-MongoInstance -InstanceId cmgo-p8vnipr5 -RestoreTime $time -Database orders -Force -Wait @common @fast
        $done.Status | Should -Be 'Success'
        $done.AsyncRequestId | Should -Match '^\d+$'
        Get-ApiCount RestoreDBInstance | Should -Be 1
        Get-RawCollections cmgo-p8vnipr5 orders | Should -Be @('orders', 'order_items', 'refunds', "orders_bak_$stamp", "order_items_bak_$stamp", "refunds_bak_$stamp")
    }

    It 'Get-MongoDatabase pipes into Restore-MongoInstance, one request for the instance; NewCollection names are kept' {
        $time = [DateTimeOffset]::UtcNow.AddMinutes(-5)
        $stamp = $time.ToOffset($beijing).ToString('yyyyMMddHHmmss')
        $flow = @(Get-MongoDatabase cmgo-p8vnipr5 -Name audit @common), @{ Db = 'customers'; Collections = @('profiles', @{ OldCollection = 'addresses'; NewCollection = 'addresses_before' }) } |
            ForEach-Object { $_ } | Restore-MongoInstance -InstanceId cmgo-p8vnipr5 -RestoreTime $time -Force @common
        @($flow).Count | Should -Be 1
        Get-ApiCount RestoreDBInstance | Should -Be 1
        $null = $flow | Wait-MongoAsyncRequest @common @fast
        Get-RawCollections cmgo-p8vnipr5 audit | Should -Contain "events_bak_$stamp"
        Get-RawCollections cmgo-p8vnipr5 customers | Should -Be @('profiles', 'addresses', "profiles_bak_$stamp", 'addresses_before')
    }

    It 'the WhatIf and confirm text name the instance, the time and every database and collection; -WhatIf restores nothing' {
        $time = [DateTimeOffset]::UtcNow.AddMinutes(-10)
        $when = $time.ToOffset($beijing).ToString('yyyy-MM-dd HH:mm:ss')
        $stamp = $time.ToOffset($beijing).ToString('yyyyMMddHHmmss')
        $vars = @{ common = $common; time = $time }
        $whatIf = Invoke-RecordingSession $session 'Restore-MongoInstance cmgo-p8vnipr5 $time -Database orders, audit -WhatIf @common' $vars
        $whatIf.Errors.Count | Should -Be 0
        $expected = "Roll cmgo-p8vnipr5 in ap-guangzhou back to $when Beijing time: orders: orders -> orders_bak_$stamp, order_items -> order_items_bak_$stamp, refunds -> refunds_bak_$stamp; audit: events -> events_bak_$stamp"
        $whatIf.Lines | Should -Match ([regex]::Escape("What if: $expected"))
        $confirm = Invoke-RecordingSession $session 'Restore-MongoInstance cmgo-p8vnipr5 $time -Database orders, audit @common' $vars -Answer 2
        $confirm.Prompts.Count | Should -Be 1
        $confirm.Prompts[0] | Should -Match ([regex]::Escape($expected))
        Get-ApiCount RestoreDBInstance | Should -Be 0
    }

    It 'a time in the future is refused before any request' {
        { Restore-MongoInstance cmgo-p8vnipr5 (Get-Date).AddMinutes(5) -Database orders -Force @common -ErrorAction Stop } | Should -Throw -ErrorId 'RestoreTimeOutOfRange,*'
        Get-ApiCount Total | Should -Be 0
    }

    It 'a time before the oldest backup (retention 7 days) is refused before the restore is sent' {
        $run = Invoke-Collect { Restore-MongoInstance cmgo-p8vnipr5 (Get-Date).AddDays(-6.9) -Database orders -Force @common }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'RestoreTimeOutOfRange,*'
        (Get-ErrorText $run.Errors[0]) | Should -Match 'earliest point cmgo-p8vnipr5 can be restored to \(the oldest succeeded backup'
        Get-ApiCount RestoreDBInstance | Should -Be 0
        Get-ApiCount DescribeDBBackups | Should -Be 1
        Get-ApiCount DescribeBackupRules | Should -Be 1
    }

    It 'a time outside a longer retention is refused; inside it the service decides (DescribeDBBackups cannot tell)' {
        $before = Invoke-Collect { Restore-MongoInstance cmgo-9d0p6umb (Get-Date).AddDays(-15) -Database analytics -Force @shanghai }
        $before.Errors[0].FullyQualifiedErrorId | Should -BeLike 'RestoreTimeOutOfRange,*'
        (Get-ErrorText $before.Errors[0]) | Should -Match 'keeps backups 14 days'
        $inside = Invoke-Collect { Restore-MongoInstance cmgo-9d0p6umb (Get-Date).AddDays(-10) -Database analytics -Force @shanghai -MaxRetries 0 }
        $inside.Errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.InvalidParameter,*'
        Get-ApiCount RestoreDBInstance | Should -Be 1
    }

    It 'a -Database it cannot use is refused before any request: <Name>' -ForEach @(
        @{ Name = 'a hashtable without Db'; Database = @{ Collections = @('x') }; Match = 'has no Db' }
        @{ Name = 'an empty name'; Database = ' '; Match = 'database name is empty' }
        @{ Name = 'a collection without OldCollection'; Database = @{ Db = 'orders'; Collections = @(@{ NewCollection = 'x' }) }; Match = 'has no OldCollection' }
    ) {
        { Restore-MongoInstance cmgo-p8vnipr5 (Get-Date).AddMinutes(-5) -Database $Database -Force @common -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentTransformationError,*' -ExpectedMessage "*$($Match -replace '\\', '')*"
        Get-ApiCount Total | Should -Be 0
    }
}

Describe 'Confirmation of New-MongoBackup (ConfirmImpact Medium)' {
    BeforeEach { Reset-Emulator $emu }

    It 'does not ask under the default ConfirmPreference, asks when it is Medium, and -WhatIf sends nothing' {
        $quiet = Invoke-RecordingSession $session '$ConfirmPreference = "High"; New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical @common' @{ common = $common }
        $quiet.Prompts.Count | Should -Be 0
        $asked = Invoke-RecordingSession $session '$ConfirmPreference = "Medium"; New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical -BackupRemark x -BackupRetentionDays 9 @common' @{ common = $common } -Answer 2
        $asked.Prompts.Count | Should -Be 1
        $asked.Prompts[0] | Should -Match "cmgo-p8vnipr5 in ap-guangzhou \(Logical backup, remark 'x', kept 9 days\)"
        Get-ApiCount CreateBackupDBInstance | Should -Be 1
        Reset-Emulator $emu
        New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical -Wait -WhatIf @common
        Get-ApiCount Total | Should -Be 0
    }
}

Describe 'Argument completion' {
    BeforeAll {
        Connect-TencentCloud -Credential $emu.Credential -Endpoint $emu.Endpoint -Region ap-guangzhou
        function Complete([string] $Line) { @((TabExpansion2 $Line $Line.Length).CompletionMatches) }
    }
    AfterAll { Disconnect-TencentCloud }
    BeforeEach {
        Reset-Emulator $emu
        Clear-CompletionCache
    }

    It 'completes -InstanceId with the instances of the region, in one request, then from the cache' {
        $expected = @(Get-MongoInstance @common | Where-Object InstanceId -like 'cmgo-p*' | ForEach-Object InstanceId | Sort-Object)
        Reset-Emulator $emu
        $matches1 = Complete 'Get-MongoBackupRule -InstanceId cmgo-p'
        $matches1.CompletionText | Should -Be $expected
        $matches1.CompletionText | Should -Contain 'cmgo-p8vnipr5'
        ($matches1 | Where-Object CompletionText -eq cmgo-p8vnipr5).ToolTip | Should -Match 'orders-prod'
        Get-ApiCount DescribeDBInstances | Should -Be 1
        $null = Complete 'New-MongoBackup -InstanceId cmgo-'
        $null = Complete 'Restore-MongoInstance -InstanceId '
        Get-ApiCount Total | Should -Be 1 -Because 'the answer is cached for a minute'
    }

    It 'completes -InstanceId in the region typed' {
        (Complete 'Get-MongoDatabase -Region ap-shanghai -InstanceId cmgo-9').CompletionText | Should -Contain 'cmgo-9d0p6umb'
        (Complete 'Get-MongoDatabase -InstanceId cmgo-9').CompletionText | Should -Not -Contain 'cmgo-9d0p6umb'
    }

    It 'completes -BackupName with the backups of the instance typed, quoted, newest first' {
        $names = @(Get-MongoBackup cmgo-p8vnipr5 @common | Sort-Object StartTime -Descending | ForEach-Object BackupName)
        Reset-Emulator $emu
        $m = Complete 'New-MongoBackupDownloadTask -InstanceId cmgo-p8vnipr5 -BackupName '
        $m.ListItemText | Should -Be $names
        $m[0].CompletionText | Should -Be "'$($names[0])'"
        Get-ApiCount DescribeDBBackups | Should -Be 1
        (Complete "Get-MongoBackupDownloadTask cmgo-p8vnipr5 -BackupName 'cmgo-p8vnipr5_").Count | Should -Be $names.Count
        Get-ApiCount Total | Should -Be 1
    }

    It 'completes -BackId with the ids of the instance typed' {
        $ids = @(Get-MongoBackup cmgo-dygv1rnp @common | ForEach-Object { "$($_.BackId)" } | Sort-Object)
        (Complete 'Remove-MongoBackup -InstanceId cmgo-dygv1rnp -BackId ').CompletionText | Sort-Object | Should -Be $ids
    }

    It 'offers no backup names without an instance, and sends nothing' {
        (Complete 'New-MongoBackupDownloadTask -BackupName ').Count | Should -Be 0
        Get-ApiCount Total | Should -Be 0
    }

    It 'is silent and fast without credentials' {
        Disconnect-TencentCloud
        try {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            (Complete 'Get-MongoBackupRule -Region ap-guangzhou -InstanceId cmgo-').Count | Should -Be 0
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
            Get-ApiCount Total | Should -Be 0
        }
        finally { Connect-TencentCloud -Credential $emu.Credential -Endpoint $emu.Endpoint -Region ap-guangzhou }
    }

    It 'is silent and fast when the service is unreachable, and does not ask again at once' {
        $listener = [System.Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $line = "Get-MongoBackupRule -Endpoint http://127.0.0.1:$port -InstanceId cmgo-"
        $watch = [Diagnostics.Stopwatch]::StartNew()
        (Complete $line).Count | Should -Be 0
        (Complete $line).Count | Should -Be 0
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 4
    }
}

Describe 'The emulator''s life cycle' {
    BeforeEach { Reset-Emulator $emu }

    It 'SetBackupRules checks the documented ranges with InvalidParameter: <Name>' -ForEach @(
        @{ Name = 'BackupTime 24'; Body = @{ BackupTime = 24 } }
        @{ Name = 'BackupFrequency 6'; Body = @{ BackupFrequency = 6 } }
        @{ Name = 'BackupRetentionPeriod 6'; Body = @{ BackupRetentionPeriod = 6 } }
        @{ Name = 'BackupRetentionPeriod 366'; Body = @{ BackupRetentionPeriod = 366 } }
        @{ Name = 'ActiveWeekdays 7'; Body = @{ ActiveWeekdays = '1,7' } }
        @{ Name = 'LongTermInterval daily'; Body = @{ LongTermInterval = 'daily' } }
        @{ Name = 'LongTermExpiredDays 29'; Body = @{ LongTermInterval = 'weekly'; LongTermActiveDays = '1'; LongTermExpiredDays = 29 } }
        @{ Name = 'monthly day 32'; Body = @{ LongTermInterval = 'monthly'; LongTermActiveDays = '32'; LongTermExpiredDays = 60 } }
        @{ Name = 'OplogExpiredDays 400'; Body = @{ OplogExpiredDays = 400 } }
        @{ Name = 'AlertThreshold 49'; Body = @{ AlertThreshold = 49 } }
        @{ Name = 'AlertThreshold and AlarmWaterLevel disagree'; Body = @{ AlertThreshold = 100; AlarmWaterLevel = 120 } }
        @{ Name = 'snapshot backups'; Body = @{ BackupMethod = 3 } }
    ) {
        $body = @{ InstanceId = 'cmgo-p8vnipr5' } + $Body
        (Invoke-EmulatorApi $emu SetBackupRules $body).Error.Code | Should -Be 'InvalidParameter'
    }

    It 'SetBackupRules gives omitted fields their documented defaults, keeps the others, and accepts the deprecated aliases' {
        $null = Invoke-EmulatorApi $emu SetBackupRules @{ InstanceId = 'cmgo-9d0p6umb'; BackupTime = 9; LongTermUnit = 'weekly'; LongTermActiveDays = '3'; LongTermExpiredDays = 40; AlarmWaterLevel = 70 } -Region ap-shanghai
        $r = Get-RawRule cmgo-9d0p6umb -Region ap-shanghai
        $r.BackupTime | Should -Be 9
        $r.BackupMethod | Should -Be 1 -Because 'kept'
        $r.BackupFrequency | Should -Be 24 -Because 'documented default'
        $r.BackupSaveTime | Should -Be 7 -Because 'documented default'
        $r.ActiveWeekdays | Should -Be '0,1,2,3,4,5,6'
        $r.LongTermInterval | Should -Be 'weekly'
        $r.AlertThreshold | Should -Be 70
        Reset-Emulator $emu
        (Get-RawRule cmgo-9d0p6umb -Region ap-shanghai).BackupTime | Should -Be 2 -Because 'a reset restores the seeded rule'
    }

    It 'an async request exists only in its region; a reset forgets requests, deletes and expiry changes' {
        $r = Invoke-EmulatorApi $emu CreateBackupDBInstance @{ InstanceId = 'cmgo-p8vnipr5'; BackupMethod = 0 }
        (Invoke-EmulatorApi $emu DescribeAsyncRequestInfo @{ AsyncRequestId = $r.AsyncRequestId } -Region ap-shanghai).Error.Code | Should -Be 'InvalidParameterValue'
        $b = (Get-RawBackups cmgo-dygv1rnp)[0]
        $null = Invoke-EmulatorApi $emu DeleteDBBackups @{ InstanceId = 'cmgo-dygv1rnp'; BackupIds = @($b.BackId) }
        (Get-RawBackups cmgo-dygv1rnp).BackId | Should -Not -Contain $b.BackId
        Reset-Emulator $emu
        (Invoke-EmulatorApi $emu DescribeAsyncRequestInfo @{ AsyncRequestId = $r.AsyncRequestId }).Error.Code | Should -Be 'InvalidParameterValue'
        (Get-RawBackups cmgo-dygv1rnp).BackId | Should -Contain $b.BackId
    }

    It 'a deleted backup shrinks BackupTotalSize.SnapshotSize' {
        $before = (Get-RawRule cmgo-dygv1rnp).BackupTotalSize.SnapshotSize
        $b = Get-MongoBackup cmgo-dygv1rnp @common | Sort-Object BackupSize -Descending | Select-Object -First 1
        $b | Remove-MongoBackup -Force @common
        (Get-RawRule cmgo-dygv1rnp).BackupTotalSize.SnapshotSize | Should -BeLessThan $before
    }

    It 'RestoreDBInstance checks its databases and collections: <Name>' -ForEach @(
        @{ Name = 'no Databases'; Databases = @(); Code = 'InvalidParameter.InvalidParameter' }
        @{ Name = 'an unknown Db'; Databases = @(@{ Db = 'nosuch'; Collections = @(@{ OldCollection = 'a'; NewCollection = 'b' }) }); Code = 'InvalidParameter.InvalidParameter' }
        @{ Name = 'no Collections'; Databases = @(@{ Db = 'orders'; Collections = @() }); Code = 'InvalidParameter.InvalidParameter' }
        @{ Name = 'an unknown OldCollection'; Databases = @(@{ Db = 'orders'; Collections = @(@{ OldCollection = 'nosuch'; NewCollection = 'b' }) }); Code = 'InvalidParameter.InvalidParameter' }
        @{ Name = 'no NewCollection'; Databases = @(@{ Db = 'orders'; Collections = @(@{ OldCollection = 'orders' }) }); Code = 'MissingParameter' }
    ) {
        $time = [DateTimeOffset]::UtcNow.ToOffset($beijing).AddMinutes(-5).ToString('yyyy-MM-dd HH:mm:ss')
        $body = [ordered]@{ InstanceId = 'cmgo-p8vnipr5'; RestoreTime = $time; Databases = $Databases }
        (Invoke-EmulatorApi $emu RestoreDBInstance $body).Error.Code | Should -Be $Code
    }
}
