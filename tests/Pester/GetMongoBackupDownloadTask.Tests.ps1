#Requires -Version 7.2
# Get-MongoBackupDownloadTask end to end: the built module (out/MongoBackup) against the emulator over loopback HTTP.

BeforeAll {
    Import-Module "$PSScriptRoot/Emulator.psm1" -Force
    Import-Module "$PSScriptRoot/../../out/MongoBackup/MongoBackup.psd1" -Force
    . "$PSScriptRoot/TestIsolation.ps1"
    Enter-IsolatedCredentialEnvironment
    $script:emu = Start-TestEmulator -ArgumentList '--rate-limit', '0'
    $script:common = @{ Endpoint = $emu.Endpoint; Credential = $emu.Credential; Region = 'ap-guangzhou' }
    $script:anyRegion = @{ Endpoint = $emu.Endpoint; Credential = $emu.Credential }

    function Get-ApiCount([string] $Action = 'DescribeBackupDownloadTask') {
        $stats = Get-EmulatorStats $emu
        $value = $stats.Requests.PSObject.Properties[$Action]
        if ($value) { [int]$value.Value } else { 0 }
    }
}

AfterAll {
    if ($script:emu) { Stop-TestEmulator $script:emu }
    Exit-IsolatedCredentialEnvironment
}

Describe 'Get-MongoBackupDownloadTask' {
    BeforeEach { Reset-Emulator $emu }

    Context 'the seed example' {
        It 'returns the documented task, field by field, typed' {
            $tasks = @(Get-MongoBackupDownloadTask -InstanceId cmgo-dygv1rnp -Status Downloaded @common)
            $tasks.Count | Should -Be 1
            $t = $tasks[0]
            $t.PSObject.TypeNames[0] | Should -Be 'MongoBackup.BackupDownloadTask'
            $t.InstanceId | Should -Be 'cmgo-dygv1rnp'
            $t.BackupName | Should -Be 'cmgo-dygv1rnp_2021-03-26 10:44'
            $t.BackupSize | Should -Be 844
            $t.BackupSize | Should -BeOfType [long]
            $t.CreateTime | Should -BeOfType [DateTimeOffset]
            $t.CreateTime | Should -Be ([DateTimeOffset]::new(2021, 3, 26, 10, 47, 37, [TimeSpan]::FromHours(8)))
            $t.CreateTime.Offset | Should -Be ([TimeSpan]::FromHours(8))
            $t.Percent | Should -Be 100
            $t.ReplicaSetId | Should -Be 'cmgo-dygv1rnp_0'
            $t.Status | Should -Be ([MongoBackup.BackupDownloadTaskStatus]::Downloaded)
            [int]$t.Status | Should -Be 2
            $t.TimeSpend | Should -Be 0
            $t.BackupMethod | Should -Be ([MongoBackup.BackupMethod]::Logical)
            $t.Url | Should -Match '^https://[^/]+\.cos\.ap-guangzhou\.myqcloud\.com/'
            $t.Region | Should -Be 'ap-guangzhou'
        }

        It 'accepts the status as the API number too' {
            @(Get-MongoBackupDownloadTask cmgo-dygv1rnp -Status 2 @common).Count | Should -Be 1
            @(Get-MongoBackupDownloadTask cmgo-dygv1rnp -Status 3 @common).Count | Should -Be 0
        }

        It 'returns nothing (and no error) for an instance without tasks' {
            $r = @(Get-MongoBackupDownloadTask cmgo-n0tasks0 @common -ErrorVariable errs)
            $r.Count | Should -Be 0
            $errs.Count | Should -Be 0
        }
    }

    Context 'paging' {
        It 'fetches all pages of the large instance with the minimum number of requests' {
            $all = @(Get-MongoBackupDownloadTask cmgo-p8vnipr5 @common)
            $all.Count | Should -Be 250
            Get-ApiCount | Should -Be 3   # 100 + 100 + 50
            ($all | Select-Object ReplicaSetId, BackupName, CreateTime, Status -Unique).Count | Should -Be 250
        }

        It 'uses -Limit as the page size' {
            @(Get-MongoBackupDownloadTask cmgo-p8vnipr5 -Limit 30 @common).Count | Should -Be 250
            Get-ApiCount | Should -Be 9   # ceil(250 / 30)
        }

        It 'writes each page as it arrives (the first object arrives before the last page is asked for)' {
            $seen = [System.Collections.Generic.List[int]]::new()
            Get-MongoBackupDownloadTask cmgo-p8vnipr5 -Limit 50 @common | Select-Object -First 1 | ForEach-Object { $seen.Add((Get-ApiCount)) }
            $seen[0] | Should -Be 1
        }

        It '-First stops after n and asks for no more than it needs' {
            $r = @(Get-MongoBackupDownloadTask cmgo-p8vnipr5 -First 130 @common)
            $r.Count | Should -Be 130
            Get-ApiCount | Should -Be 2
        }

        It '-Skip and -Offset add up, in the same order as a full listing' {
            $all = @(Get-MongoBackupDownloadTask cmgo-p8vnipr5 -OrderByType Asc @common)
            $page = @(Get-MongoBackupDownloadTask cmgo-p8vnipr5 -OrderByType Asc -Offset 10 -Skip 15 -First 7 @common)
            $page.Count | Should -Be 7
            for ($i = 0; $i -lt 7; $i++) {
                $page[$i].CreateTime | Should -Be $all[25 + $i].CreateTime
                $page[$i].ReplicaSetId | Should -Be $all[25 + $i].ReplicaSetId
            }
        }

        It '-IncludeTotalCount reports TotalCount' {
            $r = @(Get-MongoBackupDownloadTask cmgo-p8vnipr5 -Status Failed -IncludeTotalCount -First 3 @common)
            $r.Count | Should -Be 4
            $r[0].ToString() | Should -Match 'Total count: 50'
            @($r | Where-Object { $_ -is [MongoBackup.BackupDownloadTask] }).Count | Should -Be 3
        }

        It '-IncludeTotalCount -First 0 asks only for the count' {
            $r = @(Get-MongoBackupDownloadTask cmgo-p8vnipr5 -IncludeTotalCount -First 0 @common)
            $r.Count | Should -Be 1
            $r[0].ToString() | Should -Match 'Total count: 250'
        }

        It 'the sharded instance has every status and its tasks in every shard' {
            $all = @(Get-MongoBackupDownloadTask cmgo-9d0p6umb -Region * @anyRegion)
            $all.Count | Should -Be 450
            ($all | Group-Object Status).Count | Should -Be 5
            ($all | Group-Object Status | ForEach-Object Count | Sort-Object -Unique) | Should -Be 90
            ($all.ReplicaSetId | Sort-Object -Unique) | Should -Be @('cmgo-9d0p6umb_0', 'cmgo-9d0p6umb_1', 'cmgo-9d0p6umb_2')
            @($all | Where-Object BackupSize -gt 4GB).Count | Should -BeGreaterThan 0
        }
    }

    Context 'filters and sorting' {
        It 'filters by several statuses, given by name' {
            $r = @(Get-MongoBackupDownloadTask cmgo-p8vnipr5 -Status Downloaded, Failed @common)
            $r.Count | Should -Be 100
            ($r.Status | Sort-Object -Unique) | Should -Be @([MongoBackup.BackupDownloadTaskStatus]::Downloaded, [MongoBackup.BackupDownloadTaskStatus]::Failed)
        }

        It 'filters by backup name' {
            $name = (Get-MongoBackupDownloadTask cmgo-p8vnipr5 -First 1 @common).BackupName
            $r = @(Get-MongoBackupDownloadTask cmgo-p8vnipr5 -BackupName $name @common)
            $r.Count | Should -BeGreaterThan 0
            $r.BackupName | Sort-Object -Unique | Should -Be $name
        }

        It 'sorts by creation time, newest first by default, or ascending' {
            $desc = @(Get-MongoBackupDownloadTask cmgo-p8vnipr5 @common)
            $asc = @(Get-MongoBackupDownloadTask cmgo-p8vnipr5 -OrderBy CreateTime -OrderByType Asc @common)
            for ($i = 1; $i -lt $desc.Count; $i++) { $desc[$i - 1].CreateTime | Should -BeGreaterOrEqual $desc[$i].CreateTime }
            for ($i = 1; $i -lt $asc.Count; $i++) { $asc[$i - 1].CreateTime | Should -BeLessOrEqual $asc[$i].CreateTime }
        }

        It 'sorts by finish time (CreateTime + TimeSpend)' {
            $r = @(Get-MongoBackupDownloadTask cmgo-p8vnipr5 -OrderBy FinishTime -OrderByType Asc @common)
            $finish = $r | ForEach-Object { $_.CreateTime.AddSeconds($_.TimeSpend) }
            for ($i = 1; $i -lt $finish.Count; $i++) { $finish[$i - 1] | Should -BeLessOrEqual $finish[$i] }
        }

        It 'sends the time window as Beijing time, from UTC, local and offset times alike' {
            $t = Get-MongoBackupDownloadTask cmgo-p8vnipr5 -Status Downloaded -First 1 @common
            $start = $t.CreateTime
            $end = $t.CreateTime.AddSeconds($t.TimeSpend)
            $utcStart = [DateTime]::SpecifyKind($start.UtcDateTime, 'Utc')
            $localEnd = $end.LocalDateTime   # kind Local
            $unspecifiedEnd = [DateTime]::SpecifyKind($end.LocalDateTime, 'Unspecified')
            $match = { param($r) @($r | Where-Object { $_.ReplicaSetId -eq $t.ReplicaSetId -and $_.CreateTime -eq $t.CreateTime -and $_.BackupName -eq $t.BackupName }).Count }

            & $match (Get-MongoBackupDownloadTask cmgo-p8vnipr5 -StartTime $utcStart -EndTime $localEnd @common) | Should -Be 1
            & $match (Get-MongoBackupDownloadTask cmgo-p8vnipr5 -StartTime $start -EndTime $unspecifiedEnd @common) | Should -Be 1
            & $match (Get-MongoBackupDownloadTask cmgo-p8vnipr5 -StartTime $start.ToOffset([TimeSpan]::FromHours(-5)) -EndTime $end @common) | Should -Be 1
            # One second later and the task starts before the window.
            & $match (Get-MongoBackupDownloadTask cmgo-p8vnipr5 -StartTime $start.AddSeconds(1) -EndTime $end.AddDays(1) @common) | Should -Be 0
            # Only a start, or only an end.
            & $match (Get-MongoBackupDownloadTask cmgo-p8vnipr5 -StartTime $utcStart @common) | Should -Be 1
            & $match (Get-MongoBackupDownloadTask cmgo-p8vnipr5 -EndTime $end.AddSeconds(-1) @common) | Should -Be 0
        }
    }

    Context 'the pipeline' {
        It 'takes instance IDs by value' {
            $r = @('cmgo-dygv1rnp', 'cmgo-n0tasks0', 'cmgo-p8vnipr5' | Get-MongoBackupDownloadTask -Status Downloaded @common)
            $r.Count | Should -Be 51
            ($r.InstanceId | Sort-Object -Unique) | Should -Be @('cmgo-dygv1rnp', 'cmgo-p8vnipr5')
        }

        It 'takes InstanceId (and BackupName) by property name' {
            $r = @([pscustomobject]@{ InstanceId = 'cmgo-dygv1rnp' } | Get-MongoBackupDownloadTask @common)
            $r.Count | Should -Be 1
            $again = @($r | Get-MongoBackupDownloadTask @common)
            $again.Count | Should -Be 1
            $again[0].BackupName | Should -Be $r[0].BackupName
        }

        It 'round-trips through Export-Csv and Import-Csv with clean rows' {
            $file = Join-Path $TestDrive 'tasks.csv'
            $tasks = @(Get-MongoBackupDownloadTask cmgo-p8vnipr5 -Status Downloaded, Failed @common | Where-Object BackupSize -gt 1GB | Sort-Object CreateTime)
            $tasks.Count | Should -BeGreaterThan 0
            $tasks | Export-Csv -Path $file
            $rows = @(Import-Csv $file)
            $rows.Count | Should -Be $tasks.Count
            $header = (Get-Content $file -TotalCount 1)
            $header | Should -Be '"InstanceId","ReplicaSetId","BackupName","Status","Percent","BackupSize","CreateTime","TimeSpend","Url","BackupMethod","BackupDesc","Region","Bucket","RequestRegion"'
            for ($i = 0; $i -lt $rows.Count; $i++) {
                [long]$rows[$i].BackupSize | Should -Be $tasks[$i].BackupSize
                $rows[$i].Status | Should -Be $tasks[$i].Status.ToString()
                [DateTimeOffset]::Parse($rows[$i].CreateTime, [cultureinfo]::CurrentCulture) | Should -Be $tasks[$i].CreateTime
            }
        }

        It 'round-trips through ConvertTo-Json' {
            $t = Get-MongoBackupDownloadTask cmgo-dygv1rnp @common
            $json = $t | ConvertTo-Json
            $back = $json | ConvertFrom-Json -DateKind Offset
            $back.BackupSize | Should -Be 844
            $back.Status | Should -Be 2
            $back.InstanceId | Should -Be 'cmgo-dygv1rnp'
            $back.CreateTime | Should -Be $t.CreateTime
            ($t | ConvertTo-Json -EnumsAsStrings | ConvertFrom-Json).Status | Should -Be 'Downloaded'
        }
    }

    Context 'views' {
        It 'renders the table view with a readable size, and the Wide view with the Beijing time' {
            $text = Get-MongoBackupDownloadTask cmgo-dygv1rnp @common | Format-Table | Out-String -Width 200
            $text | Should -Match 'ReplicaSetId\s+BackupName\s+Status\s+%\s+Size'
            $text | Should -Match 'cmgo-dygv1rnp_0\s+cmgo-dygv1rnp_2021-03-26 10:44\s+Downloaded\s+100\s+844 B'
            $wide = Get-MongoBackupDownloadTask cmgo-dygv1rnp @common | Format-Table -View Wide | Out-String -Width 200
            $wide | Should -Match 'cmgo-dygv1rnp_0\s+cmgo-dygv1rnp_2021-03-26 10:44\s+Downloaded\s+100\s+844 B\s+Logical\s+2021-03-26 10:47\s+0 s\s+ap-guangzhou'
        }

        It 'renders sizes over 4 GiB in GB' {
            $big = Get-MongoBackupDownloadTask cmgo-p8vnipr5 @common | Where-Object BackupSize -gt 4GB | Select-Object -First 1
            $text = $big | Format-Table | Out-String -Width 200
            $text | Should -Match ('\s{0} GB\s' -f [regex]::Escape(([MongoBackup.DisplayFormat]::Bytes($big.BackupSize) -replace ' GB$')))
        }

        It 'renders the list view with every field' {
            $text = Get-MongoBackupDownloadTask cmgo-dygv1rnp @common | Format-List | Out-String -Width 300
            foreach ($name in 'InstanceId', 'ReplicaSetId', 'BackupName', 'BackupDesc', 'BackupMethod', 'Status', 'Percent', 'BackupSize', 'CreateTime', 'TimeSpend', 'Region', 'Bucket', 'Url') {
                $text | Should -Match "(?m)^$name\s+:"
            }
            $text | Should -Match 'BackupSize\s+: 844 bytes \(844 B\)'
        }
    }

    Context 'errors' {
        It 'an unknown instance is a non-terminating error and the other inputs still run' {
            $r = @('cmgo-zzzzzzzz', 'cmgo-dygv1rnp' | Get-MongoBackupDownloadTask @common -ErrorVariable errs -ErrorAction SilentlyContinue)
            $r.Count | Should -Be 1
            $errs.Count | Should -Be 1
            $e = $errs[0]
            $e.FullyQualifiedErrorId | Should -BeLike 'InvalidParameterValue.NotFoundInstance,*'
            $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $e.TargetObject | Should -Be 'cmgo-zzzzzzzz'
            $e.Exception.RequestId | Should -Not -BeNullOrEmpty
            (Get-ErrorText $e) | Should -Match 'RequestId'
            (Get-ErrorText $e) | Should -Match 'Get-MongoInstance'
        }

        It 'a malformed instance ID is refused before any request, saying what an ID looks like' {
            { Get-MongoBackupDownloadTask -InstanceId 'mongo-1' @common -ErrorAction Stop } | Should -Throw -ExpectedMessage "*cmgo-p8vnipr5*"
            Get-ApiCount | Should -Be 0
        }

        It 'refuses <Name>' -TestCases @(
            @{ Name = 'Limit 0'; Splat = @{ Limit = 0 }; Id = 'ParameterArgumentValidationError*' }
            @{ Name = 'Limit 101'; Splat = @{ Limit = 101 }; Id = 'ParameterArgumentValidationError*' }
            @{ Name = 'Offset -1'; Splat = @{ Offset = -1 }; Id = 'ParameterArgumentValidationError*' }
            @{ Name = 'Status 9'; Splat = @{ Status = 9 }; Id = 'CannotConvertArgumentNoMessage*' }
            @{ Name = 'an empty BackupName'; Splat = @{ BackupName = '' }; Id = 'ParameterArgumentValidationError*' }
            @{ Name = 'OrderBy Size'; Splat = @{ OrderBy = 'Size' }; Id = 'CannotConvertArgumentNoMessage*' }
        ) {
            param($Name, $Splat, $Id)
            $err = $null
            try { Get-MongoBackupDownloadTask cmgo-dygv1rnp @Splat @common -ErrorAction Stop } catch { $err = $_ }
            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -BeLike $Id
            Get-ApiCount | Should -Be 0
        }

        It 'StartTime after EndTime is an argument error that says what to do' {
            $err = $null
            try { Get-MongoBackupDownloadTask cmgo-dygv1rnp -StartTime '2025-02-01' -EndTime '2025-01-01' @common } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike 'StartTimeAfterEndTime,*'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            (Get-ErrorText $err) | Should -Match 'before the end'
            Get-ApiCount | Should -Be 0
        }

        It 'a wrong key is AuthFailure.SignatureFailure, an authentication error' {
            $bad = [pscredential]::new($emu.SecretId, (ConvertTo-SecureString 'not-the-key' -AsPlainText -Force))
            Get-MongoBackupDownloadTask cmgo-dygv1rnp -Endpoint $emu.Endpoint -Credential $bad -Region ap-guangzhou -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'AuthFailure.SignatureFailure,*'
            $errs[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
            (Get-ErrorText $errs[0]) | Should -Match 'SecretKey'
        }

        It 'an unknown SecretId is AuthFailure.SecretIdNotFound' {
            $bad = [pscredential]::new('AKIDunknown0000000000000000000000000', (ConvertTo-SecureString 'whatever' -AsPlainText -Force))
            Get-MongoBackupDownloadTask cmgo-dygv1rnp -Endpoint $emu.Endpoint -Credential $bad -Region ap-guangzhou -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'AuthFailure.SecretIdNotFound,*'
        }

        It 'plain http to another machine is refused before anything is sent' {
            $err = $null
            try { Get-MongoBackupDownloadTask cmgo-dygv1rnp -Endpoint 'http://mongodb.tencentcloudapi.com' -Credential $emu.Credential } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike 'InvalidEndpoint,*'
            (Get-ErrorText $err) | Should -Match 'Use https'
        }

        It 'a closed port is a connection error per input' {
            $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
            Get-MongoBackupDownloadTask cmgo-dygv1rnp, cmgo-p8vnipr5 -Endpoint "http://127.0.0.1:$port" -Credential $emu.Credential -Region ap-guangzhou -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs.Count | Should -Be 2
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'ConnectionFailure,*'
            $errs[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        }

        It 'no credentials anywhere is a terminating error listing the ways to give them' {
            $err = $null
            try { Get-MongoBackupDownloadTask cmgo-dygv1rnp -Endpoint $emu.Endpoint } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike 'MissingCredential,*'
            $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
            (Get-ErrorText $err) | Should -Match 'Connect-TencentCloud'
            (Get-ErrorText $err) | Should -Match 'TENCENTCLOUD_SECRET_ID'
        }
    }

    Context 'verbose output and secrets' {
        It '-Verbose shows each request with action, offset, elapsed ms and RequestId' {
            $verbose = Get-MongoBackupDownloadTask cmgo-p8vnipr5 -Limit 100 @common -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
            $lines = @($verbose | Where-Object Message -Match '^DescribeBackupDownloadTask')
            $lines.Count | Should -Be 3
            # The emulator reads Offset as a page index (its default, as the docs now say): the second page is Offset 1.
            $lines[1].Message | Should -Match 'offset 1, limit 100: 100 tasks of 250 in \d+ ms \(RequestId [0-9a-f-]{36}\)'
        }

        It 'no secret, token, signature or presigned-URL signature reaches any stream' {
            $temp = [pscredential]::new($emu.TempSecretId, (ConvertTo-SecureString $emu.TempSecretKey -AsPlainText -Force))
            $all = & {
                $DebugPreference = 'Continue'
                Get-MongoBackupDownloadTask cmgo-dygv1rnp @common -Verbose -Debug
                Get-MongoBackupDownloadTask cmgo-zzzzzzzz @common -Verbose -Debug -ErrorAction Continue
                $bad = [pscredential]::new($emu.SecretId, (ConvertTo-SecureString 'wrong-key-123' -AsPlainText -Force))
                Get-MongoBackupDownloadTask cmgo-dygv1rnp -Endpoint $emu.Endpoint -Credential $bad -Region ap-guangzhou -Verbose -Debug -ErrorAction Continue
                Connect-TencentCloud -SecretId $emu.TempSecretId -SecretKey $temp.Password -SessionToken (ConvertTo-SecureString $emu.Token -AsPlainText -Force) -Endpoint $emu.Endpoint -Region ap-guangzhou -Verbose
                Get-MongoBackupDownloadTask cmgo-dygv1rnp -Verbose -Debug
                Get-TencentCloudContext | Format-List | Out-String
                Disconnect-TencentCloud
            } *>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.ToString(); $_.Exception.ToString() } else { $_ | Out-String } }
            $text = $all -join "`n"
            $text | Should -Match 'DescribeBackupDownloadTask'   # something was written
            foreach ($secret in @($emu.SecretKey, $emu.TempSecretKey, $emu.Token, 'wrong-key-123', 'TC3-HMAC-SHA256', 'Signature=', 'q-signature')) {
                $text | Should -Not -Match ([regex]::Escape($secret))
            }
        }
    }
}

Describe 'Connect-TencentCloud, Get-TencentCloudContext, Disconnect-TencentCloud' {
    AfterEach { Disconnect-TencentCloud }

    It 'Connect sets the session defaults that the other cmdlets use' {
        Connect-TencentCloud -Credential $emu.Credential -Endpoint $emu.Endpoint -Region ap-guangzhou
        @(Get-MongoBackupDownloadTask cmgo-dygv1rnp).Count | Should -Be 1
        $c = Get-TencentCloudContext
        $c.CredentialSource | Should -Be 'Session'
        $c.SecretId | Should -Be ('AKID' + ('*' * ($emu.SecretId.Length - 8)) + $emu.SecretId.Substring($emu.SecretId.Length - 4))
        $c.Region | Should -Be 'ap-guangzhou'
        $c.RegionSource | Should -Be 'Session'
        $c.Endpoint | Should -Be ([uri]"$($emu.Endpoint)/")
        $c.EndpointSource | Should -Be 'Session'
    }

    It 'Connect takes -SecretId and a SecureString -SecretKey, and temporary credentials with -SessionToken' {
        Connect-TencentCloud -SecretId $emu.TempSecretId -SecretKey (ConvertTo-SecureString $emu.TempSecretKey -AsPlainText -Force) `
            -SessionToken (ConvertTo-SecureString $emu.Token -AsPlainText -Force) -Endpoint $emu.Endpoint -Region ap-guangzhou
        (Get-TencentCloudContext).IsTemporary | Should -BeTrue
        @(Get-MongoBackupDownloadTask cmgo-dygv1rnp).Count | Should -Be 1
    }

    It 'a temporary key without its token is refused by the service (AuthFailure.TokenFailure)' {
        Connect-TencentCloud -SecretId $emu.TempSecretId -SecretKey (ConvertTo-SecureString $emu.TempSecretKey -AsPlainText -Force) -Endpoint $emu.Endpoint -Region ap-guangzhou
        Get-MongoBackupDownloadTask cmgo-dygv1rnp -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AuthFailure.TokenFailure,*'
    }

    It 'parameters override the session' {
        $bad = [pscredential]::new($emu.SecretId, (ConvertTo-SecureString 'nope' -AsPlainText -Force))
        Connect-TencentCloud -Credential $bad -Endpoint $emu.Endpoint -Region ap-guangzhou
        @(Get-MongoBackupDownloadTask cmgo-dygv1rnp -Credential $emu.Credential).Count | Should -Be 1
    }

    It '-PassThru returns the context; without it Connect writes nothing' {
        @(Connect-TencentCloud -Credential $emu.Credential -Endpoint $emu.Endpoint).Count | Should -Be 0
        (Connect-TencentCloud -Credential $emu.Credential -Endpoint $emu.Endpoint -PassThru).PSObject.TypeNames[0] | Should -Be 'MongoBackup.TencentCloudContext'
    }

    It 'Disconnect clears the session: the environment is used again' {
        Connect-TencentCloud -Credential $emu.Credential -Endpoint $emu.Endpoint
        Disconnect-TencentCloud
        $env:TENCENTCLOUD_SECRET_ID = $emu.SecretId
        $env:TENCENTCLOUD_SECRET_KEY = $emu.SecretKey
        $env:TENCENTCLOUD_REGION = 'ap-guangzhou'
        try {
            $c = Get-TencentCloudContext
            $c.CredentialSource | Should -Be 'Environment'
            $c.CredentialOrigin | Should -Be 'TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY'
            $c.Region | Should -Be 'ap-guangzhou'
            $c.EndpointSource | Should -Be 'Default'
            @(Get-MongoBackupDownloadTask cmgo-dygv1rnp -Endpoint $emu.Endpoint).Count | Should -Be 1
        } finally {
            Remove-Item Env:TENCENTCLOUD_SECRET_ID, Env:TENCENTCLOUD_SECRET_KEY, Env:TENCENTCLOUD_REGION -ErrorAction Ignore
        }
    }

    It 'reads the SDK credentials file, then tccli, and -ProfileName picks a profile' {
        $h = $env:HOME
        New-Item -ItemType Directory -Path "$h/.tencentcloud", "$h/.tccli" -Force | Out-Null
        Set-Content "$h/.tccli/default.credential" (@{ secretId = $emu.SecretId; secretKey = $emu.SecretKey } | ConvertTo-Json)
        Set-Content "$h/.tccli/default.configure" (@{ _sys_param = @{ region = 'ap-guangzhou'; output = 'json' } } | ConvertTo-Json)
        try {
            $c = Get-TencentCloudContext
            $c.CredentialSource | Should -Be 'TccliProfile'
            $c.Region | Should -Be 'ap-guangzhou'
            $c.RegionSource | Should -Be 'TccliProfile'
            @(Get-MongoBackupDownloadTask cmgo-dygv1rnp -Endpoint $emu.Endpoint).Count | Should -Be 1

            Set-Content "$h/.tencentcloud/credentials" "[default]`nsecret_id = AKIDnot-this-one`nsecret_key = x`n[ops]`nsecret_id = $($emu.SecretId)`nsecret_key = $($emu.SecretKey)`n"
            (Get-TencentCloudContext).CredentialSource | Should -Be 'CredentialsFile'
            $ops = Get-TencentCloudContext -ProfileName ops
            $ops.ProfileName | Should -Be 'ops'
            $ops.CredentialOrigin | Should -Match '\[ops\]$'
            @(Get-MongoBackupDownloadTask cmgo-dygv1rnp -Endpoint $emu.Endpoint -ProfileName ops -Region ap-guangzhou).Count | Should -Be 1
            Connect-TencentCloud -ProfileName ops -Endpoint $emu.Endpoint -Region ap-guangzhou
            @(Get-MongoBackupDownloadTask cmgo-dygv1rnp).Count | Should -Be 1
        } finally {
            Remove-Item "$h/.tencentcloud", "$h/.tccli" -Recurse -Force -ErrorAction Ignore
        }
    }

    It 'Connect without a key sets just what it names, and keeps the rest (no prompt)' {
        $env:TENCENTCLOUD_SECRET_ID = $emu.SecretId
        $env:TENCENTCLOUD_SECRET_KEY = $emu.SecretKey
        try {
            $c = Connect-TencentCloud -Region ap-shanghai -PassThru
            $c.Region | Should -Be 'ap-shanghai'
            $c.RegionSource | Should -Be 'Session'
            $c.CredentialSource | Should -Be 'Environment'
            $c = Connect-TencentCloud -Endpoint $emu.Endpoint -PassThru
            $c.Region | Should -Be 'ap-shanghai'
            $c.EndpointSource | Should -Be 'Session'
            @(Get-MongoBackupDownloadTask cmgo-9d0p6umb -First 2).Count | Should -Be 2
            Connect-TencentCloud -Credential $emu.Credential
            (Get-TencentCloudContext).Region | Should -Be 'ap-shanghai'
            (Get-TencentCloudContext).CredentialSource | Should -Be 'Session'
        } finally {
            Remove-Item Env:TENCENTCLOUD_SECRET_ID, Env:TENCENTCLOUD_SECRET_KEY -ErrorAction Ignore
        }
    }

    It 'Connect without a key and with no key anywhere still sets the region, and says so' {
        $c = Connect-TencentCloud -Region ap-guangzhou -PassThru -Verbose 4>&1
        ($c | Where-Object { $_ -is [MongoBackup.TencentCloudContext] }).Region | Should -Be 'ap-guangzhou'
        ($c | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Match 'No key is set yet'
    }

    It 'Connect with a profile that holds no key fails at once' {
        { Connect-TencentCloud -ProfileName nosuchprofile -ErrorAction Stop } | Should -Throw -ErrorId 'MissingCredential,*'
    }

    It 'with no credential the context says so instead of failing' {
        $c = Get-TencentCloudContext
        $c.CredentialSource | Should -Be 'None'
        $c.SecretId | Should -BeNullOrEmpty
        $c.Endpoint | Should -Be ([uri]'https://mongodb.tencentcloudapi.com/')
    }
}
