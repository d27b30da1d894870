#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Independent checks with the official Tencent Cloud Node SDK (tests/node): the SDK's own signer and
# client must be accepted by the emulator, and must see the same data the module returns.

BeforeAll {
    Import-Module "$PSScriptRoot/Emulator.psm1" -Force
    $modulePath = "$PSScriptRoot/../../out/MongoBackup/MongoBackup.psd1"
    if (Test-Path $modulePath) { Import-Module $modulePath -Force }

    $script:NodeDir = (Resolve-Path "$PSScriptRoot/../node").Path
    $script:SdkScript = Join-Path $script:NodeDir 'sdk-describe.js'

    # Returns $null when node and the pinned SDK are usable, else the reason they are not.
    function Get-SdkUnavailableReason {
        if (-not (Get-Command node -CommandType Application -ErrorAction SilentlyContinue)) { return 'node is not on PATH' }
        $sdk = Join-Path $script:NodeDir 'node_modules/tencentcloud-sdk-nodejs-mongodb/package.json'
        if (Test-Path $sdk) { return $null }
        if (-not (Get-Command npm -CommandType Application -ErrorAction SilentlyContinue)) { return 'npm is not on PATH' }
        Push-Location $script:NodeDir
        try { $log = & npm ci --no-audit --no-fund 2>&1 | ForEach-Object { "$_" } }
        finally { Pop-Location }
        if ($LASTEXITCODE -ne 0 -or -not (Test-Path $sdk)) {
            # npm prints the code, then the cause, then a stack: keep the first few lines that are not frames.
            $lines = @($log | ForEach-Object { ($_ -replace '^npm (error|ERR!)\s*', '').Trim() } |
                Where-Object { $_ -and $_ -notmatch '^at ' }) | Select-Object -First 4
            return "npm ci exited with $LASTEXITCODE ($($lines -join '; '))"
        }
        return $null
    }

    # Runs tests/node/sdk-describe.js; returns @{ ExitCode; Body } where Body is the parsed JSON output.
    function Invoke-NodeSdk {
        param(
            [Parameter(Mandatory)] [System.Collections.IDictionary] $Request,
            [string] $Action = 'DescribeBackupDownloadTask',
            [Parameter(Mandatory)] [string] $SecretId,
            [Parameter(Mandatory)] [string] $SecretKey,
            [string] $Token
        )
        $names = 'MB_ENDPOINT', 'MB_SECRET_ID', 'MB_SECRET_KEY', 'MB_TOKEN', 'MB_REGION'
        $saved = @{}
        foreach ($n in $names) { $saved[$n] = [Environment]::GetEnvironmentVariable($n) }
        try {
            $env:MB_ENDPOINT = $script:Emu.Endpoint
            $env:MB_SECRET_ID = $SecretId
            $env:MB_SECRET_KEY = $SecretKey
            $env:MB_TOKEN = if ($Token) { $Token } else { $null }
            $env:MB_REGION = 'ap-guangzhou'
            $json = $Request | ConvertTo-Json -Compress -Depth 10
            $out = & node $script:SdkScript $json $Action
            $code = $LASTEXITCODE
        }
        finally {
            foreach ($n in $names) { [Environment]::SetEnvironmentVariable($n, $saved[$n]) }
        }
        $text = ($out -join "`n").Trim()
        $body = if ($text) { $text | ConvertFrom-Json } else { $null }
        @{ ExitCode = $code; Body = $body }
    }

    function Invoke-SdkAsLongTerm([System.Collections.IDictionary] $Request) {
        Invoke-NodeSdk -Request $Request -SecretId $script:Emu.SecretId -SecretKey $script:Emu.SecretKey
    }

    # Error text for a failed SDK call; the SDK's error carries no secret (Code, Message, RequestId only).
    function Format-SdkError($Result) {
        if ($Result.Body.Error) { "$($Result.Body.Error.Code): $($Result.Body.Error.Message)" } else { "exit $($Result.ExitCode)" }
    }

    # A presigned Url without its query (the signature); '' for an empty Url.
    function Get-UnsignedUrl([string] $Url) {
        if (-not $Url) { return '' }
        ([Uri]$Url).GetLeftPart([UriPartial]::Path)
    }

    # Lists field differences between a module task object and an SDK task; Url values are never printed.
    function Compare-DownloadTask($ModuleTask, $SdkTask, [int] $Index, [string] $InstanceId) {
        $diffs = [System.Collections.Generic.List[string]]::new()
        $pairs = [ordered]@{
            BackupName   = $ModuleTask.BackupName, $SdkTask.BackupName
            ReplicaSetId = $ModuleTask.ReplicaSetId, $SdkTask.ReplicaSetId
            BackupSize   = $ModuleTask.BackupSize, $SdkTask.BackupSize
            Status       = [int]$ModuleTask.Status, $SdkTask.Status
            Percent      = $ModuleTask.Percent, $SdkTask.Percent
            TimeSpend    = $ModuleTask.TimeSpend, $SdkTask.TimeSpend
            BackupMethod = $(if ($null -ne $ModuleTask.BackupMethod) { [int]$ModuleTask.BackupMethod }), $SdkTask.BackupMethod
            BackupDesc   = [string]$ModuleTask.BackupDesc, [string]$SdkTask.BackupDesc
            Region       = [string]$ModuleTask.Region, [string]$SdkTask.Region
            Bucket       = [string]$ModuleTask.Bucket, [string]$SdkTask.Bucket
            CreateTime   = $ModuleTask.CreateTime.ToString('yyyy-MM-dd HH:mm:ss'), $SdkTask.CreateTime
            InstanceId   = $ModuleTask.InstanceId, $InstanceId
        }
        foreach ($name in $pairs.Keys) {
            $m, $s = $pairs[$name]
            if ($m -cne $s) { $diffs.Add("task[$Index].${name}: module '$m' vs SDK '$s'") }
        }
        if ($ModuleTask.BackupSize -isnot [long]) { $diffs.Add("task[$Index].BackupSize is $($ModuleTask.BackupSize.GetType().Name), not Int64") }
        if ($ModuleTask.Status -isnot [enum]) { $diffs.Add("task[$Index].Status is not an enum") }
        if ($ModuleTask.CreateTime -isnot [DateTimeOffset]) { $diffs.Add("task[$Index].CreateTime is not a DateTimeOffset") }
        elseif ($ModuleTask.CreateTime.Offset -ne [TimeSpan]::FromHours(8)) { $diffs.Add("task[$Index].CreateTime offset is $($ModuleTask.CreateTime.Offset)") }
        # The emulator presigns each Url afresh per answer, so two calls may differ in the signature only:
        # compare the object address, and that both carry a signature. Values are never printed.
        if ((Get-UnsignedUrl $ModuleTask.Url) -cne (Get-UnsignedUrl $SdkTask.Url)) { $diffs.Add("task[$Index].Url address differs (values withheld: presigned)") }
        elseif ([bool]([string]$ModuleTask.Url).Contains('?') -ne [bool]([string]$SdkTask.Url).Contains('?')) { $diffs.Add("task[$Index].Url signature present in only one") }
        $diffs
    }

    $script:SdkUnavailable = Get-SdkUnavailableReason
    # Manual backups and restores of the life-cycle tests below end in a second.
    $script:Emu = Start-TestEmulator -ArgumentList '--backup-seconds', '1', '--restore-seconds', '1', '--rate-limit', '0'
}

AfterAll {
    if ($script:Emu) { Stop-TestEmulator $script:Emu }
}

Describe 'Official Tencent Cloud Node SDK against the emulator' {
    BeforeEach {
        # Set-ItResult in BeforeEach stops the It body and reports the reason.
        if ($script:SdkUnavailable) {
            Set-ItResult -Skipped -Because "npm could not install the official SDK: $($script:SdkUnavailable)"
        }
    }

    It 'accepts the SDK-signed seed request and returns the reference task' {
        $r = Invoke-SdkAsLongTerm ([ordered]@{ InstanceId = 'cmgo-dygv1rnp'; Status = @(2) })
        $r.ExitCode | Should -Be 0 -Because (Format-SdkError $r)
        $r.Body.Error | Should -BeNullOrEmpty
        $r.Body.RequestId | Should -Not -BeNullOrEmpty
        $r.Body.TotalCount | Should -Be 1
        $tasks = @($r.Body.Tasks)
        $tasks.Count | Should -Be 1
        $t = $tasks[0]
        $t.BackupName | Should -BeExactly 'cmgo-dygv1rnp_2021-03-26 10:44'
        $t.BackupSize | Should -Be 844
        $t.CreateTime | Should -BeExactly '2021-03-26 10:47:37'
        $t.Percent | Should -Be 100
        $t.ReplicaSetId | Should -BeExactly 'cmgo-dygv1rnp_0'
        $t.Status | Should -Be 2
        $t.TimeSpend | Should -Be 0
        $t.Url | Should -Not -BeNullOrEmpty
        ([Uri]$t.Url).Host | Should -BeLike '*.cos.ap-guangzhou.myqcloud.com'
    }

    It 'returns the same tasks to the SDK and to Get-MongoBackupDownloadTask (<Label>)' -ForEach @(
        @{ Label = 'Limit 100 Offset 0'; Status = $null }
        @{ Label = 'Status 2,3'; Status = @(2, 3) }
    ) {
        Get-Command Get-MongoBackupDownloadTask -ErrorAction Stop | Out-Null

        $request = [ordered]@{ InstanceId = 'cmgo-p8vnipr5'; Limit = 100; Offset = 0 }
        if ($Status) { $request.Status = $Status }
        $r = Invoke-SdkAsLongTerm $request
        $r.ExitCode | Should -Be 0 -Because (Format-SdkError $r)
        $sdkTasks = @($r.Body.Tasks)
        $sdkTasks.Count | Should -BeGreaterThan 0 -Because 'the seed data must give this instance tasks to compare'
        $sdkTasks.Count | Should -Be ([Math]::Min(100, $r.Body.TotalCount))
        if ($Status) { $sdkTasks | ForEach-Object { $_.Status | Should -BeIn $Status } }

        $params = @{
            InstanceId = 'cmgo-p8vnipr5'; Limit = 100; First = 100; IncludeTotalCount = $true
            Endpoint = $script:Emu.Endpoint; Credential = $script:Emu.Credential; Region = 'ap-guangzhou'
        }
        if ($Status) { $params.Status = $Status }
        $output = @(Get-MongoBackupDownloadTask @params -ErrorAction Stop)
        # -IncludeTotalCount writes the total as a UInt64 before the tasks.
        $totals = @($output | Where-Object { $_ -is [uint64] })
        $moduleTasks = @($output | Where-Object { $_ -isnot [uint64] })

        $totals.Count | Should -Be 1
        $totals[0] | Should -Be $r.Body.TotalCount
        $moduleTasks.Count | Should -Be $sdkTasks.Count
        $diffs = for ($i = 0; $i -lt $sdkTasks.Count; $i++) {
            Compare-DownloadTask $moduleTasks[$i] $sdkTasks[$i] $i 'cmgo-p8vnipr5'
        }
        $diffs | Should -BeNullOrEmpty
    }

    It 'accepts temporary credentials with their token' {
        $r = Invoke-NodeSdk -Request ([ordered]@{ InstanceId = 'cmgo-dygv1rnp'; Status = @(2) }) `
            -SecretId $script:Emu.TempSecretId -SecretKey $script:Emu.TempSecretKey -Token $script:Emu.Token
        $r.ExitCode | Should -Be 0 -Because (Format-SdkError $r)
        $r.Body.TotalCount | Should -Be 1
        @($r.Body.Tasks)[0].BackupName | Should -BeExactly 'cmgo-dygv1rnp_2021-03-26 10:44'
    }

    It 'rejects temporary credentials sent without their token' {
        $r = Invoke-NodeSdk -Request ([ordered]@{ InstanceId = 'cmgo-dygv1rnp' }) `
            -SecretId $script:Emu.TempSecretId -SecretKey $script:Emu.TempSecretKey
        $r.ExitCode | Should -Be 2
        $r.Body.Error.Code | Should -BeLike 'AuthFailure.*'
    }

    It 'reports AuthFailure.SignatureFailure to the SDK for a wrong secret key' {
        $wrongKey = $script:Emu.SecretKey + 'x'
        $r = Invoke-NodeSdk -Request ([ordered]@{ InstanceId = 'cmgo-dygv1rnp' }) `
            -SecretId $script:Emu.SecretId -SecretKey $wrongKey
        $r.ExitCode | Should -Be 2
        $r.Body.Error.Code | Should -BeExactly 'AuthFailure.SignatureFailure'
        $r.Body.Error.RequestId | Should -Not -BeNullOrEmpty
    }
}

Describe 'The life-cycle actions through the official SDK, compared with the module' {
    BeforeAll {
        $script:mb = @{ Endpoint = $script:Emu.Endpoint; Credential = $script:Emu.Credential; Region = 'ap-guangzhou' }
        function Invoke-Sdk([string] $Action, [System.Collections.IDictionary] $Request) {
            $r = Invoke-NodeSdk -Action $Action -Request $Request -SecretId $script:Emu.SecretId -SecretKey $script:Emu.SecretKey
            $r.ExitCode | Should -Be 0 -Because (Format-SdkError $r)
            $r.Body
        }
        $script:beijing = [TimeSpan]::FromHours(8)
    }
    BeforeEach {
        if ($script:SdkUnavailable) {
            Set-ItResult -Skipped -Because "npm could not install the official SDK: $($script:SdkUnavailable)"
        }
        Reset-Emulator $script:Emu
    }

    It 'DescribeBackupRules: the SDK''s answer and Get-MongoBackupRule agree field by field' {
        $sdk = Invoke-Sdk DescribeBackupRules ([ordered]@{ InstanceId = 'cmgo-p8vnipr5' })
        $rule = Get-MongoBackupRule cmgo-p8vnipr5 @mb
        $rule.BackupSaveTime | Should -Be $sdk.BackupSaveTime
        $rule.BackupFrequency | Should -Be $sdk.BackupFrequency
        $rule.BackupTime | Should -Be $sdk.BackupTime
        [int]$rule.BackupMethod | Should -Be $sdk.BackupMethod
        (($rule.ActiveWeekdays | ForEach-Object { [int]$_ }) -join ',') | Should -Be $sdk.ActiveWeekdays
        $rule.LongTermInterval.ToString().ToLowerInvariant() | Should -Be $sdk.LongTermInterval
        ($rule.LongTermActiveDays -join ',') | Should -Be $sdk.LongTermActiveDays
        $rule.LongTermExpiredDays | Should -Be $sdk.LongTermExpiredDays
        $rule.OplogExpiredDays | Should -Be $sdk.OplogExpiredDays
        [int]$rule.BackupVersion | Should -Be $sdk.BackupVersion
        $rule.AlertThreshold | Should -Be $sdk.AlertThreshold
        $rule.BackupTotalSize.SnapshotSize | Should -Be $sdk.BackupTotalSize.SnapshotSize
        $rule.BackupTotalSize.OplogSize | Should -Be $sdk.BackupTotalSize.OplogSize
        $rule.BackupTotalSize.FreeQuota | Should -Be $sdk.BackupTotalSize.FreeQuota
    }

    It 'SetBackupRules: what the SDK sets, the module reads; what the module sets, the SDK reads' {
        $null = Invoke-Sdk SetBackupRules ([ordered]@{ InstanceId = 'cmgo-p8vnipr5'; BackupMethod = 1; BackupTime = 6; BackupFrequency = 12; BackupRetentionPeriod = 40; ActiveWeekdays = '2,4'; LongTermInterval = 'weekly'; LongTermActiveDays = '0'; LongTermExpiredDays = 100; OplogExpiredDays = 20; BackupVersion = 1; AlertThreshold = 120; Notify = $true })
        $rule = Get-MongoBackupRule cmgo-p8vnipr5 @mb
        $rule.BackupTime | Should -Be 6
        $rule.BackupSaveTime | Should -Be 40
        $rule.ActiveWeekdays | Should -Be @([DayOfWeek]::Tuesday, [DayOfWeek]::Thursday)
        $rule.LongTermInterval | Should -Be 'Weekly'
        Set-MongoBackupRule cmgo-p8vnipr5 -BackupTime 8 -LongTermInterval None @mb
        $sdk = Invoke-Sdk DescribeBackupRules ([ordered]@{ InstanceId = 'cmgo-p8vnipr5' })
        $sdk.BackupTime | Should -Be 8
        $sdk.LongTermInterval | Should -Be ''
        $sdk.BackupSaveTime | Should -Be 40 -Because 'the module sent the whole rule, so nothing else reverted to its default'
        $sdk.ActiveWeekdays | Should -Be '2,4'
        $sdk.BackupFrequency | Should -Be 12
        $sdk.AlertThreshold | Should -Be 120
    }

    It 'CreateBackupDBInstance and DescribeAsyncRequestInfo: the SDK''s request is followed by the module, and the other way round' {
        $sdkStart = Invoke-Sdk CreateBackupDBInstance ([ordered]@{ InstanceId = 'cmgo-p8vnipr5'; BackupMethod = 0; BackupRemark = 'sdk backup' })
        $sdkStart.AsyncRequestId | Should -Not -BeNullOrEmpty
        $done = Wait-MongoAsyncRequest -AsyncRequestId $sdkStart.AsyncRequestId -PollInterval 0.2 -Timeout 30 @mb
        $done.Status | Should -Be 'Success'
        $sdkInfo = Invoke-Sdk DescribeAsyncRequestInfo ([ordered]@{ AsyncRequestId = $sdkStart.AsyncRequestId })
        $sdkInfo.Status | Should -Be 'success'
        $done.StartTime.ToString('yyyy-MM-dd HH:mm:ss') | Should -Be $sdkInfo.StartTime
        $done.EndTime.ToString('yyyy-MM-dd HH:mm:ss') | Should -Be $sdkInfo.EndTime

        $moduleStart = New-MongoBackup cmgo-p8vnipr5 -BackupMethod Physical @mb
        $info = Invoke-Sdk DescribeAsyncRequestInfo ([ordered]@{ AsyncRequestId = $moduleStart.AsyncRequestId })
        $info.Status | Should -BeIn 'initial', 'running', 'success'
        (Get-MongoAsyncRequest $moduleStart.AsyncRequestId @mb).StartTime.ToString('yyyy-MM-dd HH:mm:ss') | Should -Be $info.StartTime
    }

    It 'DescribeDBInstanceNamespace: the SDK''s databases and collections are Get-MongoDatabase''s' {
        $sdk = Invoke-Sdk DescribeDBInstanceNamespace ([ordered]@{ InstanceId = 'cmgo-p8vnipr5' })
        (Get-MongoDatabase cmgo-p8vnipr5 @mb).Name | Should -Be @($sdk.Databases)
        $sdkOrders = Invoke-Sdk DescribeDBInstanceNamespace ([ordered]@{ InstanceId = 'cmgo-p8vnipr5'; DbName = 'orders' })
        (Get-MongoDatabase cmgo-p8vnipr5 -Name orders @mb).Collections | Should -Be @($sdkOrders.Collections)
    }

    It 'RestoreDBInstance: the SDK''s FlowId is followed by Wait-MongoAsyncRequest, and a module restore shows to the SDK' {
        $time = [DateTimeOffset]::UtcNow.AddMinutes(-10).ToOffset($beijing).ToString('yyyy-MM-dd HH:mm:ss')
        $flow = Invoke-Sdk RestoreDBInstance ([ordered]@{ InstanceId = 'cmgo-p8vnipr5'; RestoreTime = $time; Databases = @(@{ Db = 'audit'; Collections = @(@{ OldCollection = 'events'; NewCollection = 'events_sdk' }) }) })
        $flow.FlowId | Should -BeOfType [long]
        (Wait-MongoAsyncRequest -AsyncRequestId "$($flow.FlowId)" -PollInterval 0.2 -Timeout 30 @mb).Status | Should -Be 'Success'
        (Get-MongoDatabase cmgo-p8vnipr5 -Name audit @mb).Collections | Should -Contain 'events_sdk'

        $mine = Restore-MongoInstance cmgo-p8vnipr5 ([DateTimeOffset]::UtcNow.AddMinutes(-3)) -Database audit -Force @mb
        (Invoke-Sdk DescribeAsyncRequestInfo ([ordered]@{ AsyncRequestId = $mine.AsyncRequestId })).Status | Should -BeIn 'initial', 'running', 'success'
    }

    It 'ModifyBackupExpireTime and DeleteDBBackups: what the SDK changes, Get-MongoBackup shows; FailedBackups are the module''s errors' {
        $backups = @(Get-MongoBackup cmgo-dygv1rnp @mb | Sort-Object BackId)
        $expire = [DateTimeOffset]::UtcNow.AddDays(4).ToOffset($beijing).ToString('yyyy-MM-dd HH:mm:ss')
        $sdk = Invoke-Sdk ModifyBackupExpireTime ([ordered]@{ InstanceId = 'cmgo-dygv1rnp'; ExpireTime = $expire; BackupIds = @($backups[0].BackId, 4242) })
        @($sdk.FailedBackups) | Should -Be @(4242)
        (Get-MongoBackup cmgo-dygv1rnp @mb | Where-Object BackId -eq $backups[0].BackId).DeleteTime.ToString('yyyy-MM-dd HH:mm:ss') | Should -Be $expire
        Set-MongoBackupExpiration cmgo-dygv1rnp -BackId $backups[0].BackId, 4242 -ExpireTime ([DateTimeOffset]::UtcNow.AddDays(5)) @mb -ErrorVariable errs -ErrorAction SilentlyContinue
        @($errs).Count | Should -Be 1
        $errs[0].TargetObject | Should -Be 4242

        $null = Invoke-Sdk DeleteDBBackups ([ordered]@{ InstanceId = 'cmgo-dygv1rnp'; BackupIds = @($backups[1].BackId) })
        (Get-MongoBackup cmgo-dygv1rnp @mb).BackId | Should -Not -Contain $backups[1].BackId
        $backups[2] | Remove-MongoBackup -Force @mb
        $left = Invoke-Sdk DescribeDBBackups ([ordered]@{ InstanceId = 'cmgo-dygv1rnp' })
        @($left.BackupList).BackId | Should -Be @($backups[0].BackId)
    }
}
