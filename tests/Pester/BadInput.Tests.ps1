#Requires -Version 7.2
# The bad-input table (tests/BadInput.cases.psd1): every row is one test, run against the emulator with the built module.
# Each asserts the exact ErrorId, category and advice of the error (or the result, for answers that must work), that no
# stack trace or secret shows in the error's display, and the row's no-harm checks (files, .partial, API requests).

BeforeDiscovery {
    # MONGOBACKUP_BADINPUT_CASES: another table, such as a mutated copy to check that every row can fail.
    $table = if ($env:MONGOBACKUP_BADINPUT_CASES) { $env:MONGOBACKUP_BADINPUT_CASES } else { "$PSScriptRoot/../BadInput.cases.psd1" }
    $script:cases = (Import-PowerShellDataFile $table).Cases
}

BeforeAll {
    Import-Module "$PSScriptRoot/Emulator.psm1" -Force
    Import-Module "$PSScriptRoot/../../out/MongoBackup/MongoBackup.psd1" -Force
    . "$PSScriptRoot/TestIsolation.ps1"
    $script:emu = Start-TestEmulator -ArgumentList '--rate-limit', '0', '--task-seconds', '600'
    $script:common = @{ Endpoint = $emu.Endpoint; Credential = $emu.Credential; Region = 'ap-guangzhou' }
    $script:anyRegion = @{ Endpoint = $emu.Endpoint; Credential = $emu.Credential }
    $script:noRetry = if ((Get-Command Get-MongoBackupDownloadTask).Parameters.ContainsKey('MaxRetries')) { @{ MaxRetries = 0 } } else { @{} }
    $script:secrets = @($emu.SecretKey, $emu.TempSecretKey, $emu.Token)

    # A small ready task and a waiting one, and where Save-MongoBackupFile puts the ready one (found by saving it once).
    Enter-IsolatedCredentialEnvironment
    $script:ready = Get-MongoBackupDownloadTask cmgo-p8vnipr5 -Status Downloaded @common | Sort-Object BackupSize | Select-Object -First 1
    $script:pending = Get-MongoBackupDownloadTask cmgo-p8vnipr5 -Status Waiting -First 1 @common
    $layout = Join-Path ([IO.Path]::GetTempPath()) "mb-badinput-layout-$([guid]::NewGuid().ToString('N'))"
    $saved = $ready | Save-MongoBackupFile -Destination $layout @common
    $script:finalRelative = [IO.Path]::GetRelativePath($layout, $saved.FullName)
    Remove-Item $layout -Recurse -Force
    Exit-IsolatedCredentialEnvironment

    function Expand-Placeholder([string] $Text) {
        $map = [ordered]@{
            '{Work}' = $work; '{Home}' = $env:HOME; '{Final}' = $final
            '{SecretId}' = $emu.SecretId; '{SecretKey}' = $emu.SecretKey
            '{TempSecretId}' = $emu.TempSecretId; '{TempSecretKey}' = $emu.TempSecretKey; '{Token}' = $emu.Token
        }
        foreach ($k in $map.Keys) { $Text = $Text.Replace($k, [string]$map[$k]) }
        $Text
    }

    function Get-ApiCount([string] $Action) {
        $stats = Get-EmulatorStats $emu
        if ($Action -eq 'Total') { return [int]$stats.Total }
        $value = $stats.Requests.PSObject.Properties[$Action]
        if ($value) { [int]$value.Value } else { 0 }
    }

    # Runs the row's command; returns the output objects and every error record (non-terminating or terminating).
    function Invoke-Row([string] $Command) {
        $ErrorActionPreference = 'Continue'
        $block = [scriptblock]::Create($Command)
        $output = [System.Collections.Generic.List[object]]::new()
        $errors = [System.Collections.Generic.List[System.Management.Automation.ErrorRecord]]::new()
        try {
            foreach ($item in (& $block 2>&1)) {
                if ($item -is [System.Management.Automation.ErrorRecord]) { $errors.Add($item) } else { $output.Add($item) }
            }
        }
        catch {
            $errors.Add($_)
        }
        [PSCustomObject]@{ Output = $output.ToArray(); Errors = $errors.ToArray() }
    }

    # Symbolic links (such as a .partial pointing at /dev/full) are unlinked before the folder is removed.
    function Remove-WorkFolder([string] $Path) {
        if (-not (Test-Path $Path)) { return }
        Get-ChildItem $Path -Recurse -Force | Where-Object LinkType | ForEach-Object { [IO.File]::Delete($_.FullName) }
        Remove-Item $Path -Recurse -Force
    }
}

AfterAll {
    if ($script:emu) { Stop-TestEmulator $script:emu }
}

Describe 'Bad input: <Area>' -ForEach @($cases | Group-Object { $_.Area } | ForEach-Object { @{ Area = $_.Name; Rows = $_.Group } }) {
    BeforeEach {
        Reset-Emulator $emu
        Enter-IsolatedCredentialEnvironment
        $work = Join-Path ([IO.Path]::GetTempPath()) "mb-badinput-$([guid]::NewGuid().ToString('N'))"
        New-Item -ItemType Directory $work | Out-Null
        $final = Join-Path "$work/dest" $finalRelative
    }

    AfterEach {
        Exit-IsolatedCredentialEnvironment
        Remove-WorkFolder $work
    }

    It '<Name>' -ForEach $Rows {
        $setup = if ($Setup) { $Setup } else { @{} }
        foreach ($answer in @($setup.Answers | Where-Object { $_ })) { Set-EmulatorAnswer $emu @answer | Out-Null }
        if ($setup.Fault) { $fault = $setup.Fault; Set-EmulatorFault $emu @fault | Out-Null }
        $written = @{}
        foreach ($key in @($setup.Files.Keys | Where-Object { $_ })) {
            $path = Expand-Placeholder $key
            New-Item -ItemType Directory -Force (Split-Path $path) | Out-Null
            $content = Expand-Placeholder $setup.Files[$key]
            [IO.File]::WriteAllText($path, $content)
            $written[$path] = $content
        }
        if ($setup.Script) { . ([scriptblock]::Create($setup.Script)) }
        $rowSecrets = @($secrets)
        foreach ($name in @($setup.Env.Keys | Where-Object { $_ })) {
            $value = Expand-Placeholder $setup.Env[$name]
            [Environment]::SetEnvironmentVariable($name, $value)
            if ($name -match 'KEY|TOKEN' -and $name -notmatch '_FILE$') { $rowSecrets += $value }   # a token file's path is no secret
        }

        $limit = if ($MaxSeconds) { $MaxSeconds } else { 20 }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $run = Invoke-Row $Command
        $watch.Elapsed.TotalSeconds | Should -BeLessThan $limit -Because "the command must end quickly"
        $result = $run.Output

        if ($ExpectedErrorId) {
            $run.Errors.Count | Should -Be 1 -Because "exactly one error is expected, got: $($run.Errors | ForEach-Object { $_.FullyQualifiedErrorId })"
            $err = $run.Errors[0]
            $err.FullyQualifiedErrorId.Split(',')[0] | Should -BeExactly $ExpectedErrorId
            $err.CategoryInfo.Category | Should -Be $ExpectedCategory
            (Get-ErrorText $err) | Should -Match $MessageMatch
            $display = $err | Out-String
            $display | Should -Not -Match ' at MongoBackup\.' -Because 'no stack trace belongs in the error display'
            foreach ($secret in $rowSecrets) { $display.Contains($secret) | Should -BeFalse -Because 'no key or token may be shown' }
        }
        else {
            $run.Errors.Count | Should -Be 0 -Because "the command must work, got: $($run.Errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" })"
            $ResultCheck | Should -Not -BeNullOrEmpty -Because 'a success row must say what it expects'
            & ([scriptblock]::Create($ResultCheck)) | Should -BeTrue -Because "of the row's ResultCheck: $ResultCheck"
        }

        foreach ($path in @($NothingWritten | Where-Object { $_ } | ForEach-Object { Expand-Placeholder $_ })) {
            if (Test-Path $path -PathType Container) {
                @(Get-ChildItem $path -Recurse -File -Force).Count | Should -Be 0 -Because "nothing may be written under '$path'"
            }
            else { Test-Path $path | Should -BeFalse -Because "'$path' must not be created" }
        }
        foreach ($path in @($NothingLost | Where-Object { $_ } | ForEach-Object { Expand-Placeholder $_ })) {
            [IO.File]::ReadAllText($path) | Should -BeExactly $written[$path] -Because "'$path' must be left as it was"
        }
        if ($NoPartial) {
            @(Get-ChildItem $work -Recurse -Force -Filter *.partial).Count | Should -Be 0 -Because 'no .partial file may be left'
        }
        foreach ($action in @($Requests.Keys | Where-Object { $_ })) {
            Get-ApiCount $action | Should -Be $Requests[$action] -Because "of the API requests counted for $action"
        }
    }
}

Describe 'The bad-input table and the error vocabulary' {
    BeforeAll {
        $catalog = [MongoBackup.Backup].Assembly.GetType('MongoBackup.Client.ErrorCatalog', $true)
        $script:findEntry = $catalog.GetMethod('Find', [System.Reflection.BindingFlags]'Static, Public, NonPublic')
        $script:allIds = @($catalog.GetProperty('All', [System.Reflection.BindingFlags]'Static, Public, NonPublic').GetValue($null) | ForEach-Object Id)
        # PowerShell's parameter binder writes these before the module runs.
        $script:binderIds = @('ParameterArgumentValidationError', 'CannotConvertArgumentNoMessage', 'ParameterArgumentTransformationError',
            'MissingMandatoryParameter', 'NamedParameterNotFound', 'AmbiguousParameterSet', 'ParameterBindingFailed')
    }

    It 'the vocabulary is not empty (so the check below means something)' {
        $allIds.Count | Should -BeGreaterThan 40
        $allIds | Should -Contain 'MissingRegion'
    }

    It 'every ErrorId of the table (<Name>) is in the vocabulary, or PowerShell''s own' -ForEach @($cases | Where-Object { $_.ExpectedErrorId }) {
        $entry = $findEntry.Invoke($null, @($ExpectedErrorId))
        if ($UnknownCode) {
            $entry | Should -BeNullOrEmpty -Because "$ExpectedErrorId is marked as a code the module does not know"
        }
        elseif ($ExpectedErrorId -notin $binderIds) {
            $entry | Should -Not -BeNullOrEmpty -Because "$ExpectedErrorId must be in Client/ErrorCatalog.cs"
        }
    }
}
