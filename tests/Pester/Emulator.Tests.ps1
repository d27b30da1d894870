#Requires -Version 7.2
# The emulator is the test bed: its protocol checks are tested here with the harness's own signer (Invoke-EmulatorApi),
# independent of the module's client.

BeforeAll {
    Import-Module "$PSScriptRoot/Emulator.psm1" -Force
    $script:emu = Start-TestEmulator -ArgumentList '--rate-limit', '0'
    $script:ok = @{ InstanceId = 'cmgo-dygv1rnp' }
}

AfterAll {
    if ($script:emu) { Stop-TestEmulator $script:emu }
}

Describe 'The emulator''s TC3 checks and errors' {
    It 'answers a correctly signed request in the service''s shape' {
        $r = Invoke-EmulatorApi $emu DescribeBackupDownloadTask $ok
        $r.TotalCount | Should -Be 1
        $r.RequestId | Should -Match '^[0-9a-f-]{36}$'
        $r.Tasks[0].BackupName | Should -Be 'cmgo-dygv1rnp_2021-03-26 10:44'
    }

    It 'accepts the host signed with or without its port' {
        $hostOnly = ([uri]$emu.Endpoint).Host
        (Invoke-EmulatorApi $emu DescribeBackupDownloadTask $ok -SignedHost $hostOnly).TotalCount | Should -Be 1
        (Invoke-EmulatorApi $emu DescribeBackupDownloadTask $ok -SignedHost ([uri]$emu.Endpoint).Authority).TotalCount | Should -Be 1
    }

    It 'answers <Code> for <Name>' -TestCases @(
        @{ Name = 'an unknown SecretId'; Code = 'AuthFailure.SecretIdNotFound'; Splat = @{ SecretId = 'AKIDnobody000000000000000000000000000' } }
        @{ Name = 'a wrong key'; Code = 'AuthFailure.SignatureFailure'; Splat = @{ SecretKey = 'wrong' } }
        @{ Name = 'a signature for another host'; Code = 'AuthFailure.SignatureFailure'; Splat = @{ SignedHost = 'example.com' } }
        @{ Name = 'a signature for another service'; Code = 'AuthFailure.SignatureFailure'; Splat = @{ Service = 'cvm' } }
        # Times taken when the test runs, not at discovery (a long suite runs this minutes later).
        @{ Name = 'a timestamp 6 minutes old'; Code = 'AuthFailure.SignatureExpire'; Splat = @{ Timestamp = { [DateTimeOffset]::UtcNow.AddMinutes(-6).ToUnixTimeSeconds() } } }
        @{ Name = 'a timestamp 6 minutes ahead'; Code = 'AuthFailure.SignatureExpire'; Splat = @{ Timestamp = { [DateTimeOffset]::UtcNow.AddMinutes(6).ToUnixTimeSeconds() } } }
        @{ Name = 'no X-TC-Action'; Code = 'MissingParameter'; Splat = @{ Headers = @{ 'X-TC-Action' = $null } } }
        @{ Name = 'no X-TC-Timestamp'; Code = 'MissingParameter'; Splat = @{ Headers = @{ 'X-TC-Timestamp' = $null } } }
        @{ Name = 'no Authorization'; Code = 'MissingParameter'; Splat = @{ Headers = @{ 'Authorization' = $null } } }
        @{ Name = 'SignedHeaders without host'; Code = 'AuthFailure.SignatureFailure'; Splat = @{ Headers = @{ 'Authorization' = 'TC3-HMAC-SHA256 Credential=AKIDMongoBackupEmulator0000000000000/2026-01-01/mongodb/tc3_request, SignedHeaders=content-type, Signature=00' } } }
        @{ Name = 'a wrong version'; Code = 'NoSuchVersion'; Splat = @{ Version = '2017-03-12' } }
        @{ Name = 'a temporary key without its token'; Code = 'AuthFailure.TokenFailure'; Splat = @{ SecretId = 'AKIDMongoBackupEmulatorTemp00000000000'; SecretKey = 'MongoBackupEmulatorTempSecretKey00000' } }
        @{ Name = 'a temporary key with a wrong token'; Code = 'AuthFailure.TokenFailure'; Splat = @{ Temporary = $true; Token = 'expired' } }
        @{ Name = 'an unknown region'; Code = 'UnsupportedRegion'; Splat = @{ Region = 'ap-nowhere' } }
    ) {
        param($Name, $Code, $Splat)
        if ($Splat.Timestamp -is [scriptblock]) { $Splat = $Splat.Clone(); $Splat.Timestamp = & $Splat.Timestamp }
        (Invoke-EmulatorApi $emu DescribeBackupDownloadTask $ok @Splat).Error.Code | Should -Be $Code
    }

    It 'answers InvalidAction for an unknown action, InvalidParameter for a body that is not JSON' {
        (Invoke-EmulatorApi $emu DescribeNothing $ok).Error.Code | Should -Be 'InvalidAction'
        (Invoke-EmulatorApi $emu DescribeBackupDownloadTask '{"InstanceId": ').Error.Code | Should -Be 'InvalidParameter'
    }

    It 'validates DescribeBackupDownloadTask''s parameters: <Name>' -TestCases @(
        @{ Name = 'no InstanceId'; Body = @{}; Code = 'MissingParameter' }
        @{ Name = 'an unknown instance'; Body = @{ InstanceId = 'cmgo-zzzzzzzz' }; Code = 'InvalidParameterValue.NotFoundInstance' }
        @{ Name = 'Limit 0'; Body = @{ InstanceId = 'cmgo-dygv1rnp'; Limit = 0 }; Code = 'InvalidParameterValue' }
        @{ Name = 'Limit 101'; Body = @{ InstanceId = 'cmgo-dygv1rnp'; Limit = 101 }; Code = 'InvalidParameterValue' }
        @{ Name = 'Status 9'; Body = @{ InstanceId = 'cmgo-dygv1rnp'; Status = @(9) }; Code = 'InvalidParameterValue' }
        @{ Name = 'a malformed StartTime'; Body = @{ InstanceId = 'cmgo-dygv1rnp'; StartTime = 'yesterday' }; Code = 'InvalidParameterValue' }
        @{ Name = 'an unknown field'; Body = @{ InstanceId = 'cmgo-dygv1rnp'; Colour = 'red' }; Code = 'UnknownParameter' }
    ) {
        param($Name, $Body, $Code)
        (Invoke-EmulatorApi $emu DescribeBackupDownloadTask $Body).Error.Code | Should -Be $Code
    }

    It 'the region scopes the instances' {
        (Invoke-EmulatorApi $emu DescribeBackupDownloadTask @{ InstanceId = 'cmgo-9d0p6umb'; Limit = 1 } -Region ap-shanghai).TotalCount | Should -Be 450
        (Invoke-EmulatorApi $emu DescribeBackupDownloadTask @{ InstanceId = 'cmgo-9d0p6umb'; Limit = 1 } -Region ap-guangzhou).Error.Code | Should -Be 'InvalidParameterValue.NotFoundInstance'
        (Invoke-EmulatorApi $emu DescribeDBBackups @{ InstanceId = 'cmgo-9d0p6umb' } -Region ap-beijing).Error.Code | Should -Be 'InvalidParameterValue.NotFoundInstance'
        # The harness's default region is ap-guangzhou.
        (Invoke-EmulatorApi $emu DescribeBackupDownloadTask @{ InstanceId = 'cmgo-9d0p6umb' }).Error.Code | Should -Be 'InvalidParameterValue.NotFoundInstance'
    }

    It 'DescribeDBInstances lists only the instances of the request''s region' {
        $seen = @{}
        foreach ($region in 'ap-guangzhou', 'ap-shanghai', 'ap-beijing') {
            $r = Invoke-EmulatorApi $emu DescribeDBInstances @{ Limit = 100 } -Region $region
            $r.TotalCount | Should -BeGreaterThan 0
            @($r.InstanceDetails).Count | Should -Be $r.TotalCount
            @($r.InstanceDetails | Where-Object Region -ne $region).Count | Should -Be 0
            foreach ($i in $r.InstanceDetails) { $seen[$i.InstanceId] = $region }
        }
        $seen['cmgo-dygv1rnp'] | Should -Be 'ap-guangzhou'
        $seen['cmgo-9d0p6umb'] | Should -Be 'ap-shanghai'
        (Invoke-EmulatorApi $emu DescribeDBInstances @{ Limit = 100 } -Region ap-singapore).TotalCount | Should -Be 0
    }
}

Describe 'Region is required on every action' {
    It '<Action> without X-TC-Region answers MissingParameter with the service''s message' -TestCases @(
        @{ Action = 'DescribeBackupDownloadTask'; Body = @{ InstanceId = 'cmgo-dygv1rnp' } }
        @{ Action = 'DescribeDBBackups'; Body = @{ InstanceId = 'cmgo-dygv1rnp' } }
        @{ Action = 'DescribeDBInstances'; Body = @{} }
        @{ Action = 'CreateBackupDownloadTask'; Body = @{ InstanceId = 'cmgo-dygv1rnp'; BackupName = 'x'; BackupSets = @(@{ ReplicaSetId = 'cmgo-dygv1rnp_0' }) } }
    ) {
        param($Action, $Body)
        $r = Invoke-EmulatorApi $emu $Action $Body -NoRegion
        $r.Error.Code | Should -BeExactly 'MissingParameter'
        $r.Error.Message | Should -BeExactly 'The request is missing a required parameter `Region`.'
        $r.RequestId | Should -Match '^[0-9a-f-]{36}$'
    }

    It 'an empty X-TC-Region is missing too' {
        $r = Invoke-EmulatorApi $emu DescribeBackupDownloadTask $ok -Region ''
        $r.Error.Code | Should -BeExactly 'MissingParameter'
        $r.Error.Message | Should -BeExactly 'The request is missing a required parameter `Region`.'
    }

    It 'the region is checked after the signature, so a bad signature without region is still a SignatureFailure' {
        (Invoke-EmulatorApi $emu DescribeBackupDownloadTask $ok -NoRegion -SecretKey 'wrong').Error.Code | Should -Be 'AuthFailure.SignatureFailure'
    }

    It 'an unknown region is still UnsupportedRegion, and the same request with a known region succeeds' {
        (Invoke-EmulatorApi $emu DescribeDBInstances @{} -Region 'ap-nowhere').Error.Code | Should -Be 'UnsupportedRegion'
        (Invoke-EmulatorApi $emu DescribeDBInstances @{} -Region 'ap-guangzhou').Error | Should -BeNullOrEmpty
    }
}

Describe 'DescribeBackupDownloadTask''s Offset: a page index (default) or an item offset (--offset-mode items)' {
    BeforeAll {
        $script:items = Start-TestEmulator -ArgumentList '--rate-limit', '0', '--offset-mode', 'items', '--backup-order-seed', '7'
        function Get-TaskKeys($Answer) { @($Answer.Tasks | ForEach-Object { "$($_.CreateTime)|$($_.BackupName)|$($_.ReplicaSetId)" }) }
        $all = @{ InstanceId = 'cmgo-p8vnipr5'; Limit = 100 }
        # The whole ordered listing of 250 tasks, read with item offsets from the items emulator.
        $script:full = foreach ($o in 0, 100, 200) { Get-TaskKeys (Invoke-EmulatorApi $items DescribeBackupDownloadTask ($all + @{ Offset = $o })) }
    }
    AfterAll { if ($items) { Stop-TestEmulator $items } }

    It 'the modes are shown in /_emulator/stats' {
        (Get-EmulatorStats $emu).Options.OffsetMode | Should -BeExactly 'pages'
        (Get-EmulatorStats $items).Options.OffsetMode | Should -BeExactly 'items'
    }

    It 'both emulators hold the same 250 distinct tasks in the same order' {
        $full.Count | Should -Be 250
        @($full | Select-Object -Unique).Count | Should -Be 250
        $first = Get-TaskKeys (Invoke-EmulatorApi $emu DescribeBackupDownloadTask @{ InstanceId = 'cmgo-p8vnipr5'; Limit = 100 })
        $first | Should -Be $full[0..99]
    }

    It 'pages mode: Offset N, Limit L answers tasks N*L … N*L+L-1' -TestCases @(
        @{ Offset = 1; Limit = 10 }
        @{ Offset = 7; Limit = 13 }
        @{ Offset = 2; Limit = 100 }
        @{ Offset = 24; Limit = 10 }
    ) {
        param($Offset, $Limit)
        $r = Invoke-EmulatorApi $emu DescribeBackupDownloadTask @{ InstanceId = 'cmgo-p8vnipr5'; Offset = $Offset; Limit = $Limit }
        $r.TotalCount | Should -Be 250
        $last = [Math]::Min($Offset * $Limit + $Limit, 250) - 1
        Get-TaskKeys $r | Should -Be $full[($Offset * $Limit)..$last]
    }

    It 'items mode: Offset N answers tasks N … N+L-1' -TestCases @(
        @{ Offset = 1; Limit = 10 }
        @{ Offset = 7; Limit = 13 }
        @{ Offset = 249; Limit = 20 }
    ) {
        param($Offset, $Limit)
        $r = Invoke-EmulatorApi $items DescribeBackupDownloadTask @{ InstanceId = 'cmgo-p8vnipr5'; Offset = $Offset; Limit = $Limit }
        $r.TotalCount | Should -Be 250
        Get-TaskKeys $r | Should -Be $full[$Offset..([Math]::Min($Offset + $Limit, 250) - 1)]
    }

    It 'the same request answers differently under the two modes' {
        $body = @{ InstanceId = 'cmgo-p8vnipr5'; Offset = 3; Limit = 20 }
        $pages = Get-TaskKeys (Invoke-EmulatorApi $emu DescribeBackupDownloadTask $body)
        $itemsPage = Get-TaskKeys (Invoke-EmulatorApi $items DescribeBackupDownloadTask $body)
        $pages | Should -Be $full[60..79]
        $itemsPage | Should -Be $full[3..22]
    }

    It 'pages mode: a page past the end is empty, with the full TotalCount' {
        $r = Invoke-EmulatorApi $emu DescribeBackupDownloadTask @{ InstanceId = 'cmgo-p8vnipr5'; Offset = 13; Limit = 20 }
        $r.TotalCount | Should -Be 250
        @($r.Tasks).Count | Should -Be 0
        $r = Invoke-EmulatorApi $emu DescribeBackupDownloadTask @{ InstanceId = 'cmgo-p8vnipr5'; Offset = 2147483647; Limit = 100 }
        @($r.Tasks).Count | Should -Be 0
    }

    It 'DescribeDBBackups'' order follows --backup-order-seed: the same backups, another order' {
        (Get-EmulatorStats $items).Options.BackupOrderSeed | Should -Be 7
        $default = @((Invoke-EmulatorApi $emu DescribeDBBackups @{ InstanceId = 'cmgo-p8vnipr5' }).BackupList.BackId)
        $seven = @((Invoke-EmulatorApi $items DescribeDBBackups @{ InstanceId = 'cmgo-p8vnipr5' }).BackupList.BackId)
        $seven.Count | Should -Be 7
        @($seven | Sort-Object) | Should -Be @($default | Sort-Object)
        ($seven -join ',') | Should -Not -Be ($default -join ',')
    }

    It 'DescribeDBBackups and DescribeDBInstances keep item offsets in pages mode' {
        $backups = @((Invoke-EmulatorApi $emu DescribeDBBackups @{ InstanceId = 'cmgo-p8vnipr5' }).BackupList.BackId)
        $backups.Count | Should -Be 7
        @((Invoke-EmulatorApi $emu DescribeDBBackups @{ InstanceId = 'cmgo-p8vnipr5'; Offset = 2; Limit = 2 }).BackupList.BackId) | Should -Be $backups[2..3]
        $instances = @((Invoke-EmulatorApi $emu DescribeDBInstances @{ Limit = 100 }).InstanceDetails.InstanceId)
        $instances.Count | Should -BeGreaterThan 8
        @((Invoke-EmulatorApi $emu DescribeDBInstances @{ Offset = 3; Limit = 4 }).InstanceDetails.InstanceId) | Should -Be $instances[3..6]
    }
}

Describe 'DescribeDBBackups answers in a seeded shuffled order, stable across calls' {
    BeforeAll {
        $script:backupsAll = @((Invoke-EmulatorApi $emu DescribeDBBackups @{ InstanceId = 'cmgo-p8vnipr5' }).BackupList)
    }

    It 'lists the 7 recent backups of cmgo-p8vnipr5, not sorted by StartTime either way' {
        $backupsAll.Count | Should -Be 7
        $times = @($backupsAll.StartTime)
        ($times -join '|') | Should -Not -Be ((@($times | Sort-Object) -join '|'))
        ($times -join '|') | Should -Not -Be ((@($times | Sort-Object -Descending) -join '|'))
        # Not by BackId either.
        $ids = @($backupsAll.BackId)
        ($ids -join ',') | Should -Not -Be ((@($ids | Sort-Object) -join ','))
        ($ids -join ',') | Should -Not -Be ((@($ids | Sort-Object -Descending) -join ','))
    }

    It 'answers the same order on every call' {
        foreach ($n in 1..3) {
            @((Invoke-EmulatorApi $emu DescribeDBBackups @{ InstanceId = 'cmgo-p8vnipr5' }).BackupList.BackId) | Should -Be @($backupsAll.BackId)
        }
    }

    It 'pages of Limit <Limit> partition that order exactly' -TestCases @(@{ Limit = 1 }, @{ Limit = 2 }, @{ Limit = 3 }, @{ Limit = 6 }, @{ Limit = 7 }) {
        param($Limit)
        $pages = for ($offset = 0; $offset -lt 7; $offset += $Limit) {
            $r = Invoke-EmulatorApi $emu DescribeDBBackups @{ InstanceId = 'cmgo-p8vnipr5'; Offset = $offset; Limit = $Limit }
            $r.TotalCount | Should -Be 7
            @($r.BackupList).Count | Should -Be ([Math]::Min($Limit, 7 - $offset))
            @($r.BackupList.BackId)
        }
        @($pages).Count | Should -Be 7
        @($pages | Select-Object -Unique).Count | Should -Be 7
        @($pages) | Should -Be @($backupsAll.BackId)
        @((Invoke-EmulatorApi $emu DescribeDBBackups @{ InstanceId = 'cmgo-p8vnipr5'; Offset = 7; Limit = $Limit }).BackupList).Count | Should -Be 0
    }

    It 'filtering by BackupMethod <Method> keeps the others'' relative order (so adding or removing a backup moves no other)' -TestCases @(@{ Method = 0 }, @{ Method = 1 }) {
        param($Method)
        $filtered = @((Invoke-EmulatorApi $emu DescribeDBBackups @{ InstanceId = 'cmgo-p8vnipr5'; BackupMethod = $Method }).BackupList.BackId)
        $expected = @($backupsAll | Where-Object BackupMethod -eq $Method | ForEach-Object BackId)
        $expected.Count | Should -BeGreaterThan 1
        $filtered | Should -Be $expected
    }

    It 'the order is a shuffle for the sharded instance too' {
        $list = @((Invoke-EmulatorApi $emu DescribeDBBackups @{ InstanceId = 'cmgo-9d0p6umb' } -Region ap-shanghai).BackupList)
        $list.Count | Should -Be 5
        $times = @($list.StartTime)
        ($times -join '|') | Should -Not -Be ((@($times | Sort-Object -Descending) -join '|'))
    }
}

Describe 'DescribeDBInstances: Limit in (1,100], InstanceType filter, field types' {
    BeforeAll {
        $script:regions = 'ap-guangzhou', 'ap-shanghai', 'ap-beijing'
        $script:details = foreach ($region in $regions) { (Invoke-EmulatorApi $emu DescribeDBInstances @{ Limit = 100 } -Region $region).InstanceDetails }
    }

    It 'refuses Limit <Limit> with InvalidParameterValue naming Limit' -TestCases @(@{ Limit = 1 }, @{ Limit = 0 }, @{ Limit = -5 }, @{ Limit = 101 }, @{ Limit = 4294967298 }) {
        param($Limit)
        $r = Invoke-EmulatorApi $emu DescribeDBInstances @{ Limit = $Limit }
        $r.Error.Code | Should -BeExactly 'InvalidParameterValue'
        $r.Error.Message | Should -Match 'parameter `Limit`'
    }

    It 'accepts Limit 2 and 100; the default is 20' {
        $total = (Invoke-EmulatorApi $emu DescribeDBInstances @{ Limit = 100 }).TotalCount
        $total | Should -BeGreaterThan 20
        @((Invoke-EmulatorApi $emu DescribeDBInstances @{ Limit = 2 }).InstanceDetails).Count | Should -Be 2
        @((Invoke-EmulatorApi $emu DescribeDBInstances @{ Limit = 100 }).InstanceDetails).Count | Should -Be $total
        @((Invoke-EmulatorApi $emu DescribeDBInstances @{}).InstanceDetails).Count | Should -Be 20
    }

    It 'answers InstanceType, RealInstanceId, UsedVolume and RealReplicaSetId with the SDK models'' types' {
        @($details).Count | Should -BeGreaterThan 40
        foreach ($i in $details) {
            $i.InstanceType | Should -BeOfType [long]
            $i.UsedVolume | Should -BeOfType [long]
            $i.RealInstanceId | Should -BeOfType [string]
            $i.RealInstanceId | Should -Be $i.InstanceId
            @($i.ReplicaSets).Count | Should -Be $i.ReplicationSetNum
            foreach ($r in $i.ReplicaSets) {
                $r.RealReplicaSetId | Should -BeOfType [string]
                $r.RealReplicaSetId | Should -Match "^$($i.InstanceId)_\d+$"
                $r.UsedVolume | Should -BeOfType [long]
            }
        }
    }

    It 'the seed has regular (1), temporary (2) and read-only (3) instances; the named ones are regular' {
        $byType = $details | Group-Object InstanceType -AsHashTable
        $byType[[long]1].Count | Should -BeGreaterThan 10
        $byType[[long]2].Count | Should -BeGreaterOrEqual 1
        $byType[[long]3].Count | Should -BeGreaterOrEqual 1
        foreach ($id in 'cmgo-dygv1rnp', 'cmgo-p8vnipr5', 'cmgo-9d0p6umb', 'cmgo-n0tasks0', 'cmgo-bulk5000', 'cmgo-large001') {
            @($details | Where-Object InstanceId -eq $id).InstanceType | Should -Be 1 -Because $id
        }
    }

    It 'InstanceType <Type> selects <What>' -TestCases @(
        @{ Type = 0; What = 'every instance'; Expected = { param($t) $true } }
        @{ Type = 1; What = 'the regular ones'; Expected = { param($t) $t -eq 1 } }
        @{ Type = 2; What = 'the temporary ones'; Expected = { param($t) $t -eq 2 } }
        @{ Type = 3; What = 'the read-only ones'; Expected = { param($t) $t -eq 3 } }
        @{ Type = -1; What = 'regular, read-only and disaster-recovery ones, not temporary ones'; Expected = { param($t) $t -ne 2 } }
    ) {
        param($Type, $What, $Expected)
        foreach ($region in $regions) {
            $r = Invoke-EmulatorApi $emu DescribeDBInstances @{ Limit = 100; InstanceType = $Type } -Region $region
            $want = @($details | Where-Object { $_.Region -eq $region -and (& $Expected $_.InstanceType) } | ForEach-Object InstanceId | Sort-Object)
            $r.TotalCount | Should -Be $want.Count -Because $region
            @($r.InstanceDetails.InstanceId | Sort-Object) | Should -Be $want
        }
    }

    It 'refuses an InstanceType that is not documented' {
        (Invoke-EmulatorApi $emu DescribeDBInstances @{ InstanceType = 4 }).Error.Code | Should -Be 'InvalidParameterValue'
    }
}

Describe 'DescribeBackupDownloadTask: BackupFileNotFound for a name no backup of the instance has' {
    It 'answers InvalidParameterValue.BackupFileNotFound for <Name>' -TestCases @(
        @{ Name = 'a name no backup has'; Body = @{ InstanceId = 'cmgo-p8vnipr5'; BackupName = 'cmgo-p8vnipr5_1999-01-01 00:00' } }
        @{ Name = 'another instance''s backup'; Body = @{ InstanceId = 'cmgo-p8vnipr5'; BackupName = 'cmgo-dygv1rnp_2021-03-26 10:44' } }
        @{ Name = 'a name with Status and time filters too'; Body = @{ InstanceId = 'cmgo-dygv1rnp'; BackupName = 'cmgo-dygv1rnp_2021-03-26 10:45'; Status = @(2) } }
    ) {
        param($Name, $Body)
        $r = Invoke-EmulatorApi $emu DescribeBackupDownloadTask $Body
        $r.Error.Code | Should -BeExactly 'InvalidParameterValue.BackupFileNotFound'
        $r.Error.Message | Should -Match ([regex]::Escape($Body.BackupName))
    }

    It 'finds the reference example''s task by its backup name, a backup outside DescribeDBBackups'' 7 days' {
        $r = Invoke-EmulatorApi $emu DescribeBackupDownloadTask @{ InstanceId = 'cmgo-dygv1rnp'; BackupName = 'cmgo-dygv1rnp_2021-03-26 10:44'; Status = @(2) }
        $r.TotalCount | Should -Be 1
        $r.Tasks[0].CreateTime | Should -Be '2021-03-26 10:47:37'
        @((Invoke-EmulatorApi $emu DescribeDBBackups @{ InstanceId = 'cmgo-dygv1rnp' }).BackupList.BackupName) | Should -Not -Contain 'cmgo-dygv1rnp_2021-03-26 10:44'
    }

    It 'a recent backup without download tasks is found: no tasks, no error' {
        $recent = @((Invoke-EmulatorApi $emu DescribeDBBackups @{ InstanceId = 'cmgo-n0tasks0' }).BackupList)[0].BackupName
        $r = Invoke-EmulatorApi $emu DescribeBackupDownloadTask @{ InstanceId = 'cmgo-n0tasks0'; BackupName = $recent }
        $r.Error | Should -BeNullOrEmpty
        $r.TotalCount | Should -Be 0
    }

    It 'filtering <Instance>''s seeded tasks by each of their own backup names finds exactly those tasks' -TestCases @(
        @{ Instance = 'cmgo-p8vnipr5'; Region = 'ap-guangzhou'; Total = 250; Names = 40 }
        @{ Instance = 'cmgo-9d0p6umb'; Region = 'ap-shanghai'; Total = 450; Names = 50 }
        @{ Instance = 'cmgo-bulk5000'; Region = 'ap-guangzhou'; Total = 5000; Names = 100 }
    ) {
        param($Instance, $Region, $Total, $Names)
        $tasks = for ($page = 0; $page * 100 -lt $Total; $page++) {
            (Invoke-EmulatorApi $emu DescribeBackupDownloadTask @{ InstanceId = $Instance; Limit = 100; Offset = $page } -Region $Region).Tasks
        }
        @($tasks).Count | Should -Be $Total
        $groups = @($tasks | Group-Object BackupName)
        $groups.Count | Should -Be $Names
        foreach ($g in $groups) {
            $r = Invoke-EmulatorApi $emu DescribeBackupDownloadTask @{ InstanceId = $Instance; BackupName = $g.Name; Limit = 1 } -Region $Region
            $r.Error | Should -BeNullOrEmpty -Because $g.Name
            $r.TotalCount | Should -Be $g.Count -Because $g.Name
        }
    }
}

Describe '--scale-tasks N: cmgo-scale001 with exactly N computed tasks' {
    BeforeAll {
        $script:scale = Start-TestEmulator -ArgumentList '--rate-limit', '0', '--scale-tasks', '100000'
        $script:base = [datetime]'2023-01-01 00:00:00'
        # The layout the README documents: task k is created at 2023-01-01 00:10:00 + 30 k s, with Status k mod 5.
        function Get-ScaleCreateTime([long] $k) { $base.AddSeconds(600 + 30 * $k).ToString('yyyy-MM-dd HH:mm:ss') }
        function Invoke-Scale($Body) { Invoke-EmulatorApi $scale DescribeBackupDownloadTask (@{ InstanceId = 'cmgo-scale001' } + $Body) }
    }
    AfterAll { if ($scale -and $scale.Process) { Stop-TestEmulator $scale } }

    It 'is an instance of ap-guangzhou, project 9001, with 100,000 tasks' {
        (Get-EmulatorStats $scale).Options.ScaleTasks | Should -Be 100000
        $i = (Invoke-EmulatorApi $scale DescribeDBInstances @{ InstanceIds = @('cmgo-scale001') }).InstanceDetails
        @($i).Count | Should -Be 1
        $i.ProjectId | Should -Be 9001
        (Invoke-Scale @{ Limit = 1 }).TotalCount | Should -Be 100000
        (Invoke-EmulatorApi $scale DescribeBackupDownloadTask @{ InstanceId = 'cmgo-scale001' } -Region ap-shanghai).Error.Code | Should -Be 'InvalidParameterValue.NotFoundInstance'
        (Invoke-EmulatorApi $emu DescribeBackupDownloadTask @{ InstanceId = 'cmgo-scale001' }).Error.Code | Should -Be 'InvalidParameterValue.NotFoundInstance'
    }

    It 'page <Page> (newest first, Limit 100) holds tasks <First> down to <Last>' -TestCases @(
        @{ Page = 0; First = 99999; Last = 99900 }
        @{ Page = 1; First = 99899; Last = 99800 }
        @{ Page = 537; First = 46299; Last = 46200 }
        @{ Page = 999; First = 99; Last = 0 }
    ) {
        param($Page, $First, $Last)
        $r = Invoke-Scale @{ Limit = 100; Offset = $Page }
        $r.TotalCount | Should -Be 100000
        @($r.Tasks.CreateTime) | Should -Be @($First..$Last | ForEach-Object { Get-ScaleCreateTime $_ })
        @($r.Tasks.Status) | Should -Be @($First..$Last | ForEach-Object { $_ % 5 })
        @($r.Tasks | Where-Object { $_.BackupName -ne "cmgo-scale001_$($base.AddSeconds(3000 * [Math]::Floor($First / 100)).ToString('yyyy-MM-dd HH:mm'))" }).Count | Should -Be 0
        @((Invoke-Scale @{ Limit = 100; Offset = 1000 }).Tasks).Count | Should -Be 0
    }

    It 'the oldest-first orders (createTime and finishTime) are the reverse' {
        $asc = Invoke-Scale @{ Limit = 5; OrderByType = 'asc' }
        @($asc.Tasks.CreateTime) | Should -Be @(0..4 | ForEach-Object { Get-ScaleCreateTime $_ })
        $finish = Invoke-Scale @{ Limit = 5; Offset = 19999; OrderBy = 'finishTime'; OrderByType = 'asc' }
        @($finish.Tasks.CreateTime) | Should -Be @(99995..99999 | ForEach-Object { Get-ScaleCreateTime $_ })
    }

    It 'filters by Status: <Status> → <Count> tasks' -TestCases @(
        @{ Status = @(0); Count = 20000 }
        @{ Status = @(1, 3); Count = 40000 }
        @{ Status = @(4, 4, 2); Count = 40000 }
        @{ Status = @(0, 1, 2, 3, 4); Count = 100000 }
    ) {
        param($Status, $Count)
        $r = Invoke-Scale @{ Status = $Status; Limit = 100; Offset = 7 }
        $r.TotalCount | Should -Be $Count
        @($r.Tasks).Count | Should -Be 100
        @($r.Tasks | Where-Object { $_.Status -notin $Status }).Count | Should -Be 0
        @($r.Tasks.CreateTime | Select-Object -Unique).Count | Should -Be 100
    }

    It 'filters by BackupName: each backup holds 100 tasks, and the names are store backups' {
        $name = (Invoke-Scale @{ Limit = 1; Offset = 12345 }).Tasks[0].BackupName
        $r = Invoke-Scale @{ BackupName = $name; Limit = 100 }
        $r.TotalCount | Should -Be 100
        @($r.Tasks | Where-Object BackupName -ne $name).Count | Should -Be 0
        (Invoke-Scale @{ BackupName = $name; Status = @(2) }).TotalCount | Should -Be 20
        (Invoke-Scale @{ BackupName = 'cmgo-scale001_2023-01-01 00:01' }).Error.Code | Should -Be 'InvalidParameterValue.BackupFileNotFound'
    }

    It 'filters by StartTime/EndTime: creation and finish both inside' {
        $r = Invoke-Scale @{ StartTime = (Get-ScaleCreateTime 1000); EndTime = $base.AddSeconds(600 + 30 * 1150 - 1).ToString('yyyy-MM-dd HH:mm:ss'); Limit = 100; OrderByType = 'asc' }
        $r.TotalCount | Should -Be 150
        $r.Tasks[0].CreateTime | Should -Be (Get-ScaleCreateTime 1000)
        $page2 = Invoke-Scale @{ StartTime = (Get-ScaleCreateTime 1000); EndTime = $base.AddSeconds(600 + 30 * 1150 - 1).ToString('yyyy-MM-dd HH:mm:ss'); Limit = 100; Offset = 1; OrderByType = 'asc' }
        $last = @($page2.Tasks)[-1]
        $last.CreateTime | Should -Be (Get-ScaleCreateTime 1149)
        # EndTime = task 1149's creation: it is listed only if it took no time.
        $r = Invoke-Scale @{ StartTime = (Get-ScaleCreateTime 1000); EndTime = (Get-ScaleCreateTime 1149) }
        $r.TotalCount | Should -Be (149 + [int]($last.TimeSpend -eq 0))
    }

    It 'serves the file of a ready task, of the task''s size' {
        $task = @((Invoke-Scale @{ Status = @(2); Limit = 1; Offset = 321 }).Tasks)[0]
        $task.Url | Should -Match '/cos/mongodb-backup-gz-1258344699/cmgo-scale001/'
        (Get-EmulatorObjectHash $scale $task.Url).Size | Should -Be $task.BackupSize
    }

    It 'a task created at run time joins the listing: first newest-first, last oldest-first' {
        $recent = @((Invoke-EmulatorApi $scale DescribeDBBackups @{ InstanceId = 'cmgo-scale001' }).BackupList | Where-Object Status -eq 2)[0]
        $recent | Should -Not -BeNullOrEmpty
        (Invoke-EmulatorApi $scale CreateBackupDownloadTask @{ InstanceId = 'cmgo-scale001'; BackupName = $recent.BackupName; BackupSets = @(@{ ReplicaSetId = 'cmgo-scale001_0' }) }).Tasks.Count | Should -Be 1
        $desc = Invoke-Scale @{ Limit = 2 }
        $desc.TotalCount | Should -Be 100001
        $desc.Tasks[0].BackupName | Should -Be $recent.BackupName
        $desc.Tasks[1].CreateTime | Should -Be (Get-ScaleCreateTime 99999)
        $asc = Invoke-Scale @{ Limit = 100; Offset = 1000; OrderByType = 'asc' }
        @($asc.Tasks).Count | Should -Be 1
        $asc.Tasks[0].BackupName | Should -Be $recent.BackupName
        (Invoke-Scale @{ Limit = 100; Offset = 999; OrderByType = 'asc' }).Tasks[0].CreateTime | Should -Be (Get-ScaleCreateTime 99900)
        Reset-Emulator $scale
        (Invoke-Scale @{ Limit = 1 }).TotalCount | Should -Be 100000
    }

    It 'starts with the maximum, 1,000,000 tasks' {
        $max = Start-TestEmulator -ArgumentList '--rate-limit', '0', '--scale-tasks', '1000000'
        try {
            $r = Invoke-EmulatorApi $max DescribeBackupDownloadTask @{ InstanceId = 'cmgo-scale001'; Limit = 3; Offset = 333332; OrderByType = 'asc' }
            $r.TotalCount | Should -Be 1000000
            @($r.Tasks.CreateTime) | Should -Be @(999996..999998 | ForEach-Object { Get-ScaleCreateTime $_ })
        } finally { Stop-TestEmulator $max }
    }
}

Describe 'The documented rate limits, per action (default options)' {
    BeforeAll {
        $script:limited = Start-TestEmulator
        # A burst's answers that were throttled by the emulator.
        function Get-ThrottledCount($Answers) { @($Answers | Where-Object { $_.Error -and $_.Error.Code -eq 'RequestLimitExceeded' }).Count }
        # Sends -Concurrent N identical requests at once; fails (rather than passing vacuously) if the burst did not fit in one window.
        function Invoke-Burst([string] $Action, $Body, [int] $Count) {
            Reset-Emulator $limited
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $answers = Invoke-EmulatorApi $limited $Action $Body -Concurrent $Count
            $watch.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 1 -Because 'the burst must fit in one 1-second window to say anything about the limit'
            @($answers).Count | Should -Be $Count
            , @($answers)
        }
    }
    AfterAll { if ($limited) { Stop-TestEmulator $limited } }

    It 'shows the documented limits and the default options in /_emulator/stats' {
        $options = (Get-EmulatorStats $limited).Options
        $options.RateLimits.DescribeDBBackups | Should -Be 150
        $options.RateLimits.DescribeBackupDownloadTask | Should -Be 20
        $options.RateLimits.CreateBackupDownloadTask | Should -Be 20
        $options.RateLimits.DescribeDBInstances | Should -Be 20
        $options.OffsetMode | Should -BeExactly 'pages'
        $options.BackupOrderSeed | Should -Be 20190725
        $options.ScaleTasks | Should -Be 0
    }

    It 'accepts a burst of 25 DescribeDBBackups (150/s)' {
        $answers = Invoke-Burst DescribeDBBackups @{ InstanceId = 'cmgo-dygv1rnp' } 25
        Get-ThrottledCount $answers | Should -Be 0
        @($answers | Where-Object { $_.TotalCount -eq 3 }).Count | Should -Be 25
        (Get-EmulatorStats $limited).Throttled | Should -Be 0
    }

    It 'throttles exactly the 5 requests beyond 20 of a burst of 25 DescribeBackupDownloadTask' {
        $answers = Invoke-Burst DescribeBackupDownloadTask @{ InstanceId = 'cmgo-dygv1rnp' } 25
        Get-ThrottledCount $answers | Should -Be 5
        @($answers | Where-Object { $_.TotalCount -eq 1 }).Count | Should -Be 20
        (Get-EmulatorStats $limited).Throttled | Should -Be 5
        @($answers | Where-Object { $_.Error })[0].Error.Message | Should -Match 'the limit is 20 requests per second'
    }

    It 'throttles exactly the 10 requests beyond 150 of a burst of 160 DescribeDBBackups' {
        $answers = Invoke-Burst DescribeDBBackups @{ InstanceId = 'cmgo-dygv1rnp' } 160
        Get-ThrottledCount $answers | Should -Be 10
        (Get-EmulatorStats $limited).Throttled | Should -Be 10
    }

    It 'counts each action in its own window' {
        $answers = Invoke-Burst DescribeBackupDownloadTask @{ InstanceId = 'cmgo-dygv1rnp' } 25
        Get-ThrottledCount $answers | Should -Be 5
        # The same second: DescribeBackupDownloadTask's window is full, DescribeDBInstances' is not.
        (Invoke-EmulatorApi $limited DescribeBackupDownloadTask @{ InstanceId = 'cmgo-dygv1rnp' }).Error.Code | Should -Be 'RequestLimitExceeded'
        (Invoke-EmulatorApi $limited DescribeDBInstances @{}).TotalCount | Should -BeGreaterThan 0
    }
}

Describe 'The emulator''s options' {
    It '--rate-limit N sets every action''s limit to N' {
        $own = Start-TestEmulator -ArgumentList '--rate-limit', '7'
        try {
            $limits = (Get-EmulatorStats $own).Options.RateLimits
            foreach ($name in $limits.PSObject.Properties.Name) { $limits.$name | Should -Be 7 -Because $name }
            $answers = Invoke-EmulatorApi $own DescribeDBBackups @{ InstanceId = 'cmgo-dygv1rnp' } -Concurrent 10
            @($answers | Where-Object { $_.Error -and $_.Error.Code -eq 'RequestLimitExceeded' }).Count | Should -Be 3
        } finally { Stop-TestEmulator $own }
    }

    It '--rate-limit 0 turns limiting off' {
        $limits = (Get-EmulatorStats $emu).Options.RateLimits
        foreach ($name in $limits.PSObject.Properties.Name) { $limits.$name | Should -Be 0 -Because $name }
        Reset-Emulator $emu
        $answers = Invoke-EmulatorApi $emu DescribeBackupDownloadTask $ok -Concurrent 40
        @($answers | Where-Object { $_.TotalCount -eq 1 }).Count | Should -Be 40
        (Get-EmulatorStats $emu).Throttled | Should -Be 0
    }

    It 'refuses <Arguments> with exit code 2 and the usage' -TestCases @(
        @{ Arguments = @('--offset-mode', 'bogus') }
        @{ Arguments = @('--offset-mode', 'Pages') }
        @{ Arguments = @('--offset-mode') }
        @{ Arguments = @('--backup-order-seed', '-1') }
        @{ Arguments = @('--backup-order-seed', '1.5') }
        @{ Arguments = @('--scale-tasks', '1000001') }
        @{ Arguments = @('--scale-tasks', 'many') }
        @{ Arguments = @('--rate-limit', '-1') }
    ) {
        param($Arguments)
        $failure = { Start-TestEmulator -ArgumentList $Arguments -TimeoutSeconds 30 } | Should -Throw -PassThru
        $failure.Exception.Message | Should -Match 'exited before it was ready \(exit code 2\)'
        $failure.Exception.Message | Should -Match ([regex]::Escape($Arguments[0]))
        $failure.Exception.Message | Should -Match '--offset-mode pages\|items'
    }
}

Describe 'The emulator''s process' {
    It 'logs one line per request, without any secret, and exits 0 when stopped' {
        $own = Start-TestEmulator
        try {
            $null = Invoke-EmulatorApi $own DescribeBackupDownloadTask $ok
            $null = Invoke-EmulatorApi $own DescribeBackupDownloadTask $ok -SecretKey 'wrong-key-xyz'
        } finally { Stop-TestEmulator $own }
        $own.ExitCode | Should -Be 0
        $lines = @($own.Output -split "`n" | Where-Object { $_ -match ' POST / ' })
        $lines.Count | Should -Be 2
        $lines[0] | Should -Match 'DescribeBackupDownloadTask OK'
        $lines[1] | Should -Match 'AuthFailure.SignatureFailure'
        foreach ($secret in $own.SecretKey, 'wrong-key-xyz', 'Signature=', 'TC3-HMAC') { $own.Output | Should -Not -Match ([regex]::Escape($secret)) }
    }
}
