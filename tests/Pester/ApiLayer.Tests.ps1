#Requires -Version 7.2
# The API layer as the service is documented today: every request names its region, listings are complete whichever way
# the service reads DescribeBackupDownloadTask's Offset (the emulator's --offset-mode pages | items), -Region * lists
# every region, and a listing that ends short of its TotalCount is an error.

BeforeAll {
    Import-Module "$PSScriptRoot/Emulator.psm1" -Force
    Import-Module "$PSScriptRoot/../../out/MongoBackup/MongoBackup.psd1" -Force
    . "$PSScriptRoot/TestIsolation.ps1"
    Enter-IsolatedCredentialEnvironment
    $script:pages = Start-TestEmulator -ArgumentList '--rate-limit', '0'
    $script:items = Start-TestEmulator -ArgumentList '--rate-limit', '0', '--offset-mode', 'items'
    $script:emulators = @{ pages = $pages; items = $items }

    function Get-Splat([string] $Mode, [string] $Region = 'ap-guangzhou') {
        $emu = $emulators[$Mode]
        $splat = @{ Endpoint = $emu.Endpoint; Credential = $emu.Credential }
        if ($Region) { $splat.Region = $Region }
        $splat
    }
    function Get-ApiCount($Emu, [string] $Action) {
        $stats = Get-EmulatorStats $Emu
        if ($Action -eq 'Total') { return [int]$stats.Total }
        $value = $stats.Requests.PSObject.Properties[$Action]
        if ($value) { [int]$value.Value } else { 0 }
    }
    function Get-TaskKey($Task) { "$($Task.ReplicaSetId)|$($Task.BackupName)|$($Task.CreateTime.ToString('o'))|$($Task.BackupSize)" }
    # The reference listing: every task, read raw (Limit 100) with the offsets the emulator's mode means.
    function Get-RawTasks($Emu, [string] $InstanceId, [string] $Mode) {
        $all = [System.Collections.Generic.List[object]]::new()
        for ($page = 0; ; $page++) {
            $offset = if ($Mode -eq 'pages') { $page } else { $page * 100 }
            $r = Invoke-EmulatorApi $Emu DescribeBackupDownloadTask @{ InstanceId = $InstanceId; Limit = 100; Offset = $offset; OrderByType = 'asc' }
            foreach ($t in $r.Tasks) { $all.Add("$($t.ReplicaSetId)|$($t.BackupName)") }
            if ($all.Count -ge $r.TotalCount -or $r.Tasks.Count -eq 0) { return , $all.ToArray() }
        }
    }
}

AfterAll {
    foreach ($emu in $pages, $items) { if ($emu) { Stop-TestEmulator $emu } }
    Exit-IsolatedCredentialEnvironment
}

Describe 'Listings under either reading of Offset (<Mode>)' -ForEach @(@{ Mode = 'pages' }, @{ Mode = 'items' }) {
    BeforeAll {
        $script:emu = $emulators[$Mode]
        $script:splat = Get-Splat $Mode
    }
    BeforeEach { Reset-Emulator $emu }

    It 'lists all <Count> tasks of <InstanceId>, each once, in at most ceil(n/<Limit>)+1 requests' -ForEach @(
        @{ InstanceId = 'cmgo-p8vnipr5'; Count = 250; Limit = 100 }
        @{ InstanceId = 'cmgo-p8vnipr5'; Count = 250; Limit = 30 }
        @{ InstanceId = 'cmgo-bulk5000'; Count = 5000; Limit = 100 }
    ) {
        $tasks = @(Get-MongoBackupDownloadTask $InstanceId -OrderByType Asc -Limit $Limit @splat -ErrorVariable errs)
        $errs.Count | Should -Be 0
        $tasks.Count | Should -Be $Count
        @($tasks | ForEach-Object { Get-TaskKey $_ } | Sort-Object -Unique).Count | Should -Be $Count
        Get-ApiCount $emu DescribeBackupDownloadTask | Should -BeLessOrEqual ([Math]::Ceiling($Count / $Limit) + 1)
        # The same tasks in the same order as the emulator's own pages.
        $raw = Get-RawTasks $emu $InstanceId $Mode
        ($tasks | ForEach-Object { "$($_.ReplicaSetId)|$($_.BackupName)" }) -join "`n" | Should -BeExactly ($raw -join "`n")
    }

    It '-Offset <Offset> -Skip <Skip> -First <First> -Limit <Limit> gives exactly that slice' -ForEach @(
        @{ Offset = 0; Skip = 0; First = 7; Limit = 100 }
        @{ Offset = 10; Skip = 15; First = 7; Limit = 100 }
        @{ Offset = 0; Skip = 0; First = 130; Limit = 100 }
        @{ Offset = 95; Skip = 0; First = 10; Limit = 100 }
        @{ Offset = 100; Skip = 0; First = 100; Limit = 100 }
        @{ Offset = 150; Skip = 50; First = 1000; Limit = 100 }
        @{ Offset = 0; Skip = 240; First = 20; Limit = 30 }
        @{ Offset = 249; Skip = 0; First = 5; Limit = 100 }
        @{ Offset = 250; Skip = 0; First = 5; Limit = 100 }
        @{ Offset = 31; Skip = 30; First = 65; Limit = 30 }
    ) {
        $all = @(Get-MongoBackupDownloadTask cmgo-p8vnipr5 -OrderByType Asc @splat | ForEach-Object { Get-TaskKey $_ })
        $slice = @(Get-MongoBackupDownloadTask cmgo-p8vnipr5 -OrderByType Asc -Offset $Offset -Skip $Skip -First $First -Limit $Limit @splat -ErrorVariable errs |
                ForEach-Object { Get-TaskKey $_ })
        $errs.Count | Should -Be 0
        $start = $Offset + $Skip
        $expected = if ($start -ge $all.Count) { @() } else { $all[$start..([Math]::Min($all.Count, $start + $First) - 1)] }
        $slice -join "`n" | Should -BeExactly ($expected -join "`n")
    }

    It 'a TotalCount that promises more than the pages deliver is an IncompleteListing error after the tasks that came' {
        $tasks = 1..3 | ForEach-Object { @{ ReplicaSetId = 'cmgo-p8vnipr5_0'; BackupName = "b$_"; CreateTime = "2026-01-0$_ 00:00:00"; Status = 2 } }
        Set-EmulatorAnswer $emu DescribeBackupDownloadTask -Response @{ TotalCount = 9; Tasks = @($tasks) } -Count 1 | Out-Null
        Set-EmulatorAnswer $emu DescribeBackupDownloadTask -Response @{ TotalCount = 9; Tasks = @() } | Out-Null
        try {
            $r = @(Get-MongoBackupDownloadTask cmgo-p8vnipr5 -Limit 3 @splat -ErrorVariable errs -ErrorAction SilentlyContinue)
        } finally { Clear-EmulatorAnswer $emu }
        $r.BackupName | Should -Be @('b1', 'b2', 'b3')
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'IncompleteListing,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $errs[0].TargetObject | Should -Be 'cmgo-p8vnipr5'
        (Get-ErrorText $errs[0]) | Should -Match '\b9 items \(TotalCount\)'
        (Get-ErrorText $errs[0]) | Should -Match '\b3\b'
    }

    It 'backups and instances, whose Offset counts items, are listed whole too' {
        $backups = @(Get-MongoBackup cmgo-p8vnipr5 -Limit 2 @splat)
        $raw = Invoke-EmulatorApi $emu DescribeDBBackups @{ InstanceId = 'cmgo-p8vnipr5'; Limit = 100 }
        $backups.Count | Should -Be $raw.TotalCount
        ($backups.BackId | Sort-Object -Unique).Count | Should -Be $raw.TotalCount
        $instances = @(Get-MongoInstance -Limit 7 @splat)
        $total = (Invoke-EmulatorApi $emu DescribeDBInstances @{ Limit = 2 }).TotalCount
        $instances.Count | Should -Be $total
        ($instances.InstanceId | Sort-Object -Unique).Count | Should -Be $total
    }
}

Describe 'Regions' {
    BeforeAll {
        $script:emu = $pages
        $script:anyRegion = Get-Splat pages -Region $null
        $script:catalog = @([MongoBackup.Cmdlets.RegionCompleter]::new().CompleteArgument('Get-MongoInstance', 'Region', '', $null, @{}) | ForEach-Object CompletionText)
    }
    BeforeEach { Reset-Emulator $emu }

    It 'with no region anywhere, every command fails with MissingRegion and sends nothing' -ForEach @(
        @{ Command = 'Get-MongoInstance @anyRegion' }
        @{ Command = 'Get-MongoBackup cmgo-p8vnipr5 @anyRegion' }
        @{ Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 @anyRegion' }
        @{ Command = 'New-MongoBackupDownloadTask cmgo-p8vnipr5 x @anyRegion' }
        @{ Command = 'New-MongoBackupDownloadTask cmgo-p8vnipr5 x -ReplicaSetId cmgo-p8vnipr5_0 @anyRegion' }
        @{ Command = 'Wait-MongoBackupDownloadTask cmgo-p8vnipr5 x -Timeout 5 @anyRegion' }
    ) {
        $errs = @(try { & ([scriptblock]::Create($Command)) 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } } catch { $_ })
        $errs.Count | Should -BeGreaterThan 0
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'MissingRegion,*'
        (Get-ErrorText $errs[0]) | Should -Match 'TENCENTCLOUD_REGION'
        Get-ApiCount $emu Total | Should -Be 0
    }

    It '-Region * lists the instances of every region, in parallel, each once' {
        $expected = foreach ($region in $catalog) {
            $r = Invoke-EmulatorApi $emu DescribeDBInstances @{ Limit = 100 } -Region $region
            $r.InstanceDetails.InstanceId
        }
        Reset-Emulator $emu
        $all = @(Get-MongoInstance -Region * @anyRegion -ErrorVariable errs)
        $errs.Count | Should -Be 0
        ($all.InstanceId | Sort-Object) -join ',' | Should -Be (($expected | Sort-Object) -join ',')
        ($all.RequestRegion | Sort-Object -Unique) | Should -Contain 'ap-shanghai'
        @($all | Where-Object { $_.RequestRegion -ne $_.Region }).Count | Should -Be 0
        Get-ApiCount $emu DescribeDBInstances | Should -BeGreaterOrEqual $catalog.Count
        $catalog.Count | Should -BeGreaterOrEqual 17
    }

    It 'several regions are listed together' {
        $two = @(Get-MongoInstance -Region ap-guangzhou, ap-shanghai @anyRegion)
        $one = @(Get-MongoInstance -Region ap-guangzhou @anyRegion) + @(Get-MongoInstance -Region ap-shanghai @anyRegion)
        ($two.InstanceId | Sort-Object) -join ',' | Should -Be (($one.InstanceId | Sort-Object) -join ',')
    }

    It 'an instance ID with -Region * is looked up once per region, then remembered for the process' {
        $tasks = @(Get-MongoBackupDownloadTask cmgo-9d0p6umb -Region * -First 5 @anyRegion)
        $tasks.Count | Should -Be 5
        ($tasks.RequestRegion | Sort-Object -Unique) | Should -Be 'ap-shanghai'
        Get-ApiCount $emu DescribeDBInstances | Should -Be $catalog.Count
        Reset-Emulator $emu
        @(Get-MongoBackup cmgo-9d0p6umb -Region * @anyRegion).Count | Should -BeGreaterThan 0
        Get-ApiCount $emu DescribeDBInstances | Should -Be 0
    }

    It 'the objects record the region they were read from, and a session in another region does not change where follow-ups go' {
        Connect-TencentCloud -Region ap-guangzhou
        try {
            $backup = Get-MongoBackup cmgo-9d0p6umb -Region ap-shanghai @anyRegion | Where-Object Status -eq Succeeded | Select-Object -First 1
            $backup.RequestRegion | Should -Be 'ap-shanghai'
            $tasks = @($backup | New-MongoBackupDownloadTask -WhatIf:$false @anyRegion)
            $tasks.Count | Should -Be 3
            $tasks.RequestRegion | Sort-Object -Unique | Should -Be 'ap-shanghai'
            @($tasks | Wait-MongoBackupDownloadTask -Timeout 0 @anyRegion -ErrorAction SilentlyContinue -ErrorVariable errs).Count | Should -Be 0
            $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'WaitTimeout,*' }
        } finally { Disconnect-TencentCloud }
    }
}

Describe 'No request leaves the module without X-TC-Region' {
    It 'a broad session of every cmdlet leaves no MissingParameter in the emulator log' {
        $emu = Start-TestEmulator -ArgumentList '--rate-limit', '0', '--task-seconds', '1'
        $dest = Join-Path $TestDrive 'saved'
        try {
            $splat = @{ Endpoint = $emu.Endpoint; Credential = $emu.Credential }
            Connect-TencentCloud @splat -Region ap-guangzhou
            Get-TencentCloudContext | Out-Null
            Get-MongoInstance | Out-Null
            Get-MongoInstance -Region * -First 1 | Out-Null
            Get-MongoInstance cmgo-9d0p6umb -Region ap-shanghai | Get-MongoBackup | Out-Null
            Get-MongoBackupDownloadTask cmgo-9d0p6umb -Region * -First 3 | Out-Null
            'cmgo-dygv1rnp', 'cmgo-p8vnipr5' | Get-MongoBackupDownloadTask -First 2 | Out-Null
            $ready = Get-MongoBackup cmgo-p8vnipr5 | Where-Object { $_.Status -eq 'Succeeded' -and $_.BackupDesc -notmatch 'fail' -and $_.BackupSize -lt 1MB } |
                Select-Object -First 1 | New-MongoBackupDownloadTask | Wait-MongoBackupDownloadTask -PollInterval 0.2 -Timeout 30
            Set-EmulatorObjectStore $emu -ExpireAll | Out-Null
            $saved = @($ready | Save-MongoBackupFile -Destination $dest)   # refreshes its expired link through the API
            $saved.Count | Should -Be 1
            Disconnect-TencentCloud
            Get-MongoInstance @splat -ErrorAction SilentlyContinue | Out-Null   # no region: refused before sending
        } finally {
            Disconnect-TencentCloud
            Stop-TestEmulator $emu
        }
        $apiLines = @($emu.Output -split "`n" | Where-Object { $_ -match ' POST / (Describe|Create)\w+ ' })
        $apiLines.Count | Should -BeGreaterThan 30
        @($apiLines | Where-Object { $_ -match 'MissingParameter' }).Count | Should -Be 0
        @($emu.Output -split "`n" | Where-Object { $_ -match ' POST / DescribeBackupDownloadTask OK' }).Count | Should -BeGreaterThan 3
    }
}
