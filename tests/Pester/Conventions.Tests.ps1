#Requires -Version 7.2
# The conventions a PowerShell user expects of every exported cmdlet: approved verbs and singular nouns, [OutputType]
# matching what the cmdlet writes, ShouldProcess where state changes (ConfirmImpact High on deletes and restores),
# nothing written to the host directly, an enum for every numbered API value, and pipeline-by-property-name
# parameters that match the module's own output objects.

BeforeDiscovery {
    $manifest = "$PSScriptRoot/../../out/MongoBackup/MongoBackup.psd1"
    $module = Import-Module $manifest -Force -PassThru
    $script:cmdletCases = @(Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    $script:module = Import-Module "$PSScriptRoot/../../out/MongoBackup/MongoBackup.psd1" -Force -PassThru
    $script:assembly = [MongoBackup.Backup].Assembly
    $script:src = (Resolve-Path "$PSScriptRoot/../../src/MongoBackup").Path
    # Verbs that change state (on the service, on disk or in the session the next commands use).
    $script:changing = @('New', 'Set', 'Remove', 'Restore', 'Save', 'Start', 'Stop', 'Update', 'Clear', 'Reset', 'Add')
    # The public output types: every class of the module's root namespace.
    $script:outputTypes = @($assembly.GetExportedTypes() | Where-Object { $_.Namespace -eq 'MongoBackup' -and $_.IsClass -and -not $_.IsAbstract -and -not ($_.IsSealed -and $_.IsAbstract) })
}

Describe 'Cmdlet <Name>' -ForEach $cmdletCases {
    BeforeAll {
        $command = Get-Command $Name -Module $module.Name
        $attribute = [System.Attribute]::GetCustomAttribute($command.ImplementingType, [System.Management.Automation.CmdletAttribute])
    }

    It 'uses an approved verb' {
        (Get-Verb).Verb | Should -Contain $command.Verb
    }

    It 'has a singular noun' {
        # Nouns are singular in PowerShell; the only words of ours that end in s are not plurals.
        $command.Noun | Should -Not -Match '(?<!Statu|Alia)s$'
    }

    It 'declares [OutputType]' {
        @($command.OutputType).Count | Should -BeGreaterThan 0
        foreach ($type in $command.OutputType) { $type.Type | Should -Not -BeNullOrEmpty -Because "$($type.Name) must be a real type" }
    }

    It 'supports ShouldProcess when its verb changes state, with ConfirmImpact High for deletes and restores' {
        if ($command.Verb -in $changing) {
            $attribute.SupportsShouldProcess | Should -BeTrue
            if ($command.Verb -in 'Remove', 'Restore') { $attribute.ConfirmImpact | Should -Be 'High' }
        }
        else { $attribute.SupportsShouldProcess | Should -BeFalse -Because 'a command that changes nothing has no -WhatIf' }
    }

    It 'takes pipeline input by property name only for names the module''s own objects have' {
        $names = @($outputTypes | ForEach-Object { $_.GetProperties().Name }) + @('InstanceId', 'BackupName') | Sort-Object -Unique
        foreach ($p in $command.Parameters.Values) {
            $byName = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.ValueFromPipelineByPropertyName })
            if (-not $byName) { continue }
            $candidates = @($p.Name) + @($p.Aliases)
            @($candidates | Where-Object { $_ -in $names }).Count | Should -BeGreaterThan 0 -Because "-$($p.Name) binds by property name, so some output object must have a property $($candidates -join ' or ')"
        }
    }
}

Describe 'What the cmdlets write' {
    BeforeAll {
        Import-Module "$PSScriptRoot/Emulator.psm1" -Force
        . "$PSScriptRoot/TestIsolation.ps1"
        Enter-IsolatedCredentialEnvironment
        $script:emu = Start-TestEmulator -ArgumentList '--rate-limit', '0', '--task-seconds', '1', '--backup-seconds', '1', '--restore-seconds', '1'
        Connect-TencentCloud -Credential $emu.Credential -Endpoint $emu.Endpoint -Region ap-guangzhou
        $script:dest = Join-Path $TestDrive 'saved'
    }
    AfterAll {
        Disconnect-TencentCloud
        if ($script:emu) { Stop-TestEmulator $script:emu }
        Exit-IsolatedCredentialEnvironment
    }

    # Each cmdlet in a representative call; what it writes must be of a type its [OutputType] declares.
    It '<Name> writes only what its [OutputType] declares' -ForEach @(
        @{ Name = 'Get-TencentCloudContext'; Call = { Get-TencentCloudContext } }
        @{ Name = 'Connect-TencentCloud'; Call = { Connect-TencentCloud -Region ap-guangzhou -PassThru } }
        @{ Name = 'Get-MongoInstance'; Call = { Get-MongoInstance -First 3 } }
        @{ Name = 'Get-MongoBackup'; Call = { Get-MongoBackup cmgo-p8vnipr5 } }
        @{ Name = 'Get-MongoBackupDownloadTask'; Call = { Get-MongoBackupDownloadTask cmgo-p8vnipr5 -First 3 } }
        @{ Name = 'New-MongoBackupDownloadTask'; Call = {
                Get-MongoBackup cmgo-p8vnipr5 | Where-Object { $_.Status -eq 'Succeeded' -and $_.BackupSize -lt 1MB -and $_.BackupDesc -notmatch 'fail' } |
                    Select-Object -First 1 | New-MongoBackupDownloadTask } }
        @{ Name = 'Wait-MongoBackupDownloadTask'; Call = {
                Get-MongoBackup cmgo-p8vnipr5 | Where-Object { $_.Status -eq 'Succeeded' -and $_.BackupSize -lt 1MB -and $_.BackupDesc -notmatch 'fail' } |
                    Select-Object -First 1 | New-MongoBackupDownloadTask | Wait-MongoBackupDownloadTask -PollInterval 0.2 -Timeout 30 } }
        @{ Name = 'New-MongoBackup'; Call = { New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical -Confirm:$false } }
        @{ Name = 'New-MongoBackup -Wait'; Call = { New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical -BackupRemark conventions -Wait -PollInterval 0.2 -Timeout 30 -Confirm:$false } }
        @{ Name = 'Get-MongoAsyncRequest'; Call = { New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical -Confirm:$false | Get-MongoAsyncRequest } }
        @{ Name = 'Wait-MongoAsyncRequest'; Call = { New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical -Confirm:$false | Wait-MongoAsyncRequest -PollInterval 0.2 -Timeout 30 } }
        @{ Name = 'Get-MongoBackupRule'; Call = { Get-MongoBackupRule cmgo-p8vnipr5 } }
        @{ Name = 'Set-MongoBackupRule'; Call = { Set-MongoBackupRule cmgo-p8vnipr5 -BackupTime 4 -PassThru -Confirm:$false } }
        @{ Name = 'Set-MongoBackupExpiration'; Call = {
                Get-MongoBackup cmgo-p8vnipr5 | Where-Object BackupType -eq Manual | Select-Object -First 1 |
                    Set-MongoBackupExpiration -ExpireTime (Get-Date).AddDays(30) -PassThru -Confirm:$false } }
        @{ Name = 'Get-MongoDatabase'; Call = { Get-MongoDatabase cmgo-p8vnipr5 } }
        @{ Name = 'Restore-MongoInstance'; Call = { Restore-MongoInstance cmgo-p8vnipr5 -RestoreTime ([DateTimeOffset]::UtcNow.AddMinutes(-20)) -Database orders -Force } }
        @{ Name = 'Save-MongoBackupFile'; Call = {
                Get-MongoBackup cmgo-p8vnipr5 | Where-Object { $_.Status -eq 'Succeeded' -and $_.BackupSize -lt 1MB -and $_.BackupDesc -notmatch 'fail' } |
                    Select-Object -First 1 | New-MongoBackupDownloadTask | Wait-MongoBackupDownloadTask -PollInterval 0.2 -Timeout 30 |
                    Save-MongoBackupFile -Destination $dest -SkipExisting } }
    ) {
        $declared = @((Get-Command ($Name -split ' ')[0]).OutputType.Type)
        $written = @(& $Call)
        $written.Count | Should -BeGreaterThan 0 -Because 'the call must write something for the check to mean anything'
        foreach ($o in $written) {
            $type = $o.GetType()
            @($declared | Where-Object { $_.IsAssignableFrom($type) }).Count | Should -BeGreaterThan 0 -Because "$Name wrote a $($type.FullName), declared: $($declared.FullName -join ', ')"
        }
    }

    It 'the commands that write nothing declare [OutputType([void])] and write nothing' -ForEach @(
        @{ Name = 'Disconnect-TencentCloud'; Call = { Disconnect-TencentCloud; Connect-TencentCloud -Credential $emu.Credential -Endpoint $emu.Endpoint -Region ap-guangzhou } }
        @{ Name = 'Remove-MongoBackup'; Call = {
                New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical -BackupRemark doomed -Wait -PollInterval 0.2 -Timeout 30 -Confirm:$false | Out-Null
                Get-MongoBackup cmgo-p8vnipr5 | Where-Object BackupDesc -eq doomed | Remove-MongoBackup -Force } }
    ) {
        @((Get-Command $Name).OutputType.Type) | Should -Be @([void])
        @(& $Call).Count | Should -Be 0
    }

    It 'completes -<Parameter> on every cmdlet that has it' -ForEach @(
        @{ Parameter = 'InstanceId'; Line = '{0} -InstanceId cmgo-p8v'; Expected = 'cmgo-p8vnipr5' }
        @{ Parameter = 'BackupName'; Line = '{0} -InstanceId cmgo-p8vnipr5 -BackupName cmgo-p8vnipr5_'; Expected = 'cmgo-p8vnipr5_' }
        @{ Parameter = 'Region'; Line = '{0} -Region ap-shang'; Expected = 'ap-shanghai' }
    ) {
        $commands = @(Get-Command -Module MongoBackup -CommandType Cmdlet | Where-Object { $_.Parameters.ContainsKey($Parameter) })
        $commands.Count | Should -BeGreaterThan 2
        foreach ($c in $commands) {
            $line = $Line -f $c.Name
            $matches = @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText)
            @($matches | Where-Object { $_ -match [regex]::Escape($Expected) }).Count | Should -BeGreaterThan 0 -Because "$($c.Name) -$Parameter must complete ('$line' gave: $($matches -join ', '))"
        }
    }

    It 'every exported cmdlet is in a table above' {
        # A new cmdlet must be added to a representative call here.
        $covered = @('Get-TencentCloudContext', 'Connect-TencentCloud', 'Get-MongoInstance', 'Get-MongoBackup', 'Get-MongoBackupDownloadTask',
            'New-MongoBackupDownloadTask', 'Wait-MongoBackupDownloadTask', 'Save-MongoBackupFile', 'Disconnect-TencentCloud',
            'New-MongoBackup', 'Get-MongoAsyncRequest', 'Wait-MongoAsyncRequest', 'Get-MongoBackupRule', 'Set-MongoBackupRule',
            'Set-MongoBackupExpiration', 'Get-MongoDatabase', 'Restore-MongoInstance', 'Remove-MongoBackup')
        foreach ($c in Get-Command -Module MongoBackup -CommandType Cmdlet) { $c.Name | Should -BeIn $covered }
    }
}

Describe 'The source' {
    It 'writes nothing to the host directly (no Host.UI, Console or Write-Host)' {
        $hits = Get-ChildItem $src -Recurse -Filter *.cs | Where-Object FullName -notmatch '[\\/](obj|bin)[\\/]' |
            Select-String -Pattern 'Host\.UI|\bConsole\.(Write|Out|Error)|WriteHost\(|Write-Host'
        @($hits | ForEach-Object { "$($_.Path):$($_.LineNumber): $($_.Line.Trim())" }) | Should -BeNullOrEmpty
    }

    It 'gives every numbered API value an enum: whole-number properties of the output types are quantities or ids' {
        # Sizes, counts, ids, ports and durations are numbers; codes (status, method, type, mode…) must be enums.
        $quantities = @('BackupSize', 'Percent', 'TimeSpend', 'BackId', 'ProjectId', 'Memory', 'Volume', 'UsedVolume', 'CpuNum',
            'ReplicationSetNum', 'SecondaryNum', 'Vport', 'OplogSize', 'Length', 'Count', 'TotalCount', 'MaxRetries', 'FlowId',
            'SnapshotSize', 'FreeQuota', 'BackupSaveTime', 'BackupTime', 'BackupFrequency', 'LongTermActiveDays', 'LongTermExpiredDays',
            'OplogExpiredDays', 'AlertThreshold', 'BackupRetentionPeriod', 'RequestsPerSecond', 'DurationSeconds')
        $numeric = [type[]]@([int], [long], [short], [byte], [uint32], [uint64], [Nullable[int]], [Nullable[long]])
        $offenders = foreach ($t in $outputTypes) {
            foreach ($p in $t.GetProperties()) {
                if ($p.PropertyType -in $numeric -and $p.Name -notin $quantities) { "$($t.Name).$($p.Name)" }
            }
        }
        @($offenders) | Should -BeNullOrEmpty -Because 'a numbered code needs an enum in Models/Enums.cs (or, for a true quantity, a place in the list above)'
    }
}

Describe 'Import-Module' {
    # Nothing at import does work that a first call could do: with every endpoint the module knows pointed at a live
    # emulator (the API by the session, the metadata service, STS, TKE's web identity) and a key in the environment, a
    # fresh pwsh that imports the module and lists its commands sends nothing and loads nothing of the module's but
    # its own assembly.
    BeforeAll {
        Import-Module "$PSScriptRoot/Emulator.psm1" -Force
        . "$PSScriptRoot/FreshPwsh.ps1"
        $script:emu = Start-TestEmulator -ArgumentList '--rate-limit', '0'
    }
    AfterAll { Stop-TestEmulator $script:emu }

    It 'sends no request and loads only the module assembly' {
        $manifest = (Resolve-Path "$PSScriptRoot/../../out/MongoBackup/MongoBackup.psd1").Path
        $token = Join-Path ([IO.Path]::GetTempPath()) "mb-import-token-$([guid]::NewGuid().ToString('N'))"
        Set-Content $token 'not-a-real-token'
        $variables = @{
            TENCENTCLOUD_SECRET_ID = $emu.SecretId; TENCENTCLOUD_SECRET_KEY = $emu.SecretKey; TENCENTCLOUD_REGION = 'ap-guangzhou'
            TENCENTCLOUD_METADATA_ENDPOINT = $emu.Endpoint; TENCENTCLOUD_STS_ENDPOINT = $emu.Endpoint
            TKE_REGION = 'ap-guangzhou'; TKE_PROVIDER_ID = 'provider'; TKE_WEB_IDENTITY_TOKEN_FILE = $token; TKE_ROLE_ARN = 'qcs::cam::uin/100000000001:roleName/backup'
        }
        try {
            Reset-Emulator $emu
            $child = Invoke-FreshPwsh -Environment $variables -Script ("Import-Module '$manifest'; `$null = Get-Command -Module MongoBackup; " +
                "[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -like 'MongoBackup*' } | ForEach-Object { `$_.GetName().Name }")
            $child.ExitCode | Should -Be 0 -Because $child.Error
            @($child.Output -split '\r?\n' | Where-Object { $_ }) | Should -Be @('MongoBackup')
            $stats = Get-EmulatorStats $emu
            $stats.Total | Should -Be 0 -Because 'no API or STS request is sent at import'
            $stats.PSObject.Properties.Name | Should -Contain 'Metadata'
            ($stats.Metadata.PSObject.Properties.Value | Measure-Object -Sum).Sum | Should -Be 0 -Because 'the metadata service is not asked at import'

            # The same child with one call does send: the counters above could have moved.
            $call = Invoke-FreshPwsh -Environment $variables -Script "Import-Module '$manifest'; `$null = Get-MongoInstance -Endpoint '$($emu.Endpoint)' -First 1"
            $call.ExitCode | Should -Be 0 -Because $call.Error
            (Get-EmulatorStats $emu).Total | Should -BeGreaterThan 0
        } finally {
            Remove-Item $token -ErrorAction Ignore
        }
    }
}
