#Requires -Version 7.2
# The README's Azure Automation runbook, run as written (taken from README.md, so the example cannot drift from the
# module): Get-AutomationPSCredential, which only Azure Automation has, is a stand-in giving the emulator's key; the
# runbook's own Connect-TencentCloud -Credential -Region keeps the endpoint the test set.

BeforeAll {
    Import-Module "$PSScriptRoot/Emulator.psm1" -Force
    Import-Module "$PSScriptRoot/../../out/MongoBackup/MongoBackup.psd1" -Force
    . "$PSScriptRoot/TestIsolation.ps1"
    $script:emu = Start-TestEmulator -ArgumentList '--rate-limit', '0', '--task-seconds', '0'

    # The first powershell block after the "**Azure Automation.**" paragraph of the README.
    $readme = Get-Content -Raw "$PSScriptRoot/../../README.md"
    $start = $readme.IndexOf('**Azure Automation.**')
    $start | Should -BeGreaterOrEqual 0 -Because 'the README has its Azure Automation runbook'
    $match = [regex]::Match($readme.Substring($start), '```powershell\r?\n(?<code>.*?)```', 'Singleline')
    $match.Success | Should -BeTrue
    $script:runbook = Join-Path ([IO.Path]::GetTempPath()) "mb-readme-runbook-$([guid]::NewGuid().ToString('N')).ps1"
    Set-Content -Path $script:runbook -Value $match.Groups['code'].Value

    $global:MongoBackupReadmeCredential = $emu.Credential
    function global:Get-AutomationPSCredential([string] $Name) {
        if ($Name -ne 'TencentCloud') { throw "No credential asset '$Name'." }
        $global:MongoBackupReadmeCredential
    }
    # Project 1002 in ap-shanghai: a replica set and a 3-shard cluster, small backups.
    $script:instances = @{}
    Get-MongoInstance -Region ap-shanghai -ProjectId 1002 -Endpoint $emu.Endpoint -Credential $emu.Credential | ForEach-Object { $script:instances[$_.InstanceId] = $_ }
    $script:expected = @($script:instances.Values |
            ForEach-Object { Get-MongoBackup -InstanceId $_.InstanceId -Region ap-shanghai -Endpoint $emu.Endpoint -Credential $emu.Credential } |
            Where-Object Status -eq Succeeded | Group-Object InstanceId)
}

AfterAll {
    Remove-Item function:global:Get-AutomationPSCredential -ErrorAction Ignore
    Remove-Variable MongoBackupReadmeCredential -Scope Global -ErrorAction Ignore
    Remove-Item $script:runbook -ErrorAction Ignore
    Stop-TestEmulator $script:emu
}

Describe "The README's Azure Automation runbook" {
    BeforeEach {
        Enter-IsolatedCredentialEnvironment
        Reset-Emulator $emu
        Connect-TencentCloud -Endpoint $emu.Endpoint
        $script:dest = Join-Path ([IO.Path]::GetTempPath()) "mb-readme-dest-$([guid]::NewGuid().ToString('N'))"
    }
    AfterEach {
        if (Test-Path $script:dest) { Remove-Item $script:dest -Recurse -Force }
        Exit-IsolatedCredentialEnvironment
    }

    It 'downloads the newest successful backup of every instance of the project, every shard, and prints them' {
        $script:expected.Count | Should -BeGreaterThan 1 -Because 'the project has several instances with backups'
        $output = & $script:runbook -Region ap-shanghai -ProjectId 1002 -Destination $script:dest | Out-String
        foreach ($group in $script:expected) {
            $newest = $group.Group | Sort-Object StartTime -Descending | Select-Object -First 1
            $files = @(Get-ChildItem (Join-Path $script:dest $group.Name) -Recurse -File)
            $files.Count | Should -BeGreaterThan 0 -Because "$($group.Name) has a successful backup"
            # <Destination>/<InstanceId>/<BackupName>/<ReplicaSetId>.<ext>, the name's ':' written '_'.
            @($files.Directory.Name | Select-Object -Unique) | Should -Be @($newest.BackupName.Replace(':', '_')) -Because "the newest backup of $($group.Name) is the one saved"
            $files.Count | Should -Be @($script:instances[$group.Name].ReplicaSets).Count -Because 'every shard is saved'
            foreach ($file in $files) { $file.Length | Should -BeGreaterThan 0 }
            $output | Should -Match ([regex]::Escape($group.Name))
        }
        @(Get-ChildItem $script:dest -Recurse -Filter *.partial).Count | Should -Be 0
    }

    It 'fails the job, naming the error, when a file fails' {
        Set-EmulatorObjectStore $emu -FlipByteAt 100 -FlipCount 1 | Out-Null
        { & $script:runbook -Region ap-shanghai -ProjectId 1002 -Destination $script:dest 2>$null } |
            Should -Throw -ExpectedMessage '1 file(s) failed:*CRC64*object storage holds CRC64*'
    }
}
