#Requires -Version 7.2
# The measured reliability figures of docs/reliability.md. Each test prints its figures (MEASURED: ...) and appends them
# to out/test-results/reliability.json. Reproduce with:
#   dotnet pwsh ./build.ps1 -Task Test -PesterPath tests/Pester/Reliability.Tests.ps1

BeforeAll {
    Import-Module "$PSScriptRoot/Emulator.psm1" -Force
    $script:modulePath = (Resolve-Path "$PSScriptRoot/../../out/MongoBackup/MongoBackup.psd1").Path
    Import-Module $modulePath -Force
    . "$PSScriptRoot/TestIsolation.ps1"
    Enter-IsolatedCredentialEnvironment
    $script:resultsFile = Join-Path $PSScriptRoot '../../out/test-results/reliability.json'
    New-Item -ItemType Directory -Force -Path (Split-Path $resultsFile) | Out-Null

    function Write-Measured([string] $Name, [hashtable] $Figures) {
        $line = ($Figures.GetEnumerator() | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Value)" }) -join ', '
        Write-Host "MEASURED: ${Name}: $line"
        $all = if (Test-Path $resultsFile) { @(Get-Content $resultsFile -Raw | ConvertFrom-Json) } else { @() }
        $all = @($all | Where-Object Name -ne $Name) + [pscustomobject]@{ Name = $Name; Figures = $Figures; When = (Get-Date).ToString('o') }
        ConvertTo-Json -InputObject $all -Depth 5 | Set-Content $resultsFile
    }
}

AfterAll {
    Exit-IsolatedCredentialEnvironment
}

Describe 'Client-side rate limiting across runspaces' {
    BeforeAll {
        $script:emu = Start-TestEmulator -ArgumentList '--rate-limit', '20'
        Connect-TencentCloud -Credential $emu.Credential -Endpoint $emu.Endpoint -Region ap-guangzhou
    }
    AfterAll {
        Disconnect-TencentCloud
        Stop-TestEmulator $emu
    }

    It 'the emulator really throttles a burst that bypasses the module (so the next figure is not vacuous)' {
        Reset-Emulator $emu
        # 25 requests sent at once: they all reach the emulator within its one-second window, so exactly 5 are refused.
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $codes = @(Invoke-EmulatorApi $emu DescribeBackupDownloadTask @{ InstanceId = 'cmgo-dygv1rnp' } -Concurrent 25) | ForEach-Object { $_.Error.Code }
        $watch.Stop()
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 1 -Because 'a burst sent at once must fit in one window, or the count below means nothing'
        @($codes | Where-Object { $_ -eq 'RequestLimitExceeded' }).Count | Should -Be 5
        (Get-EmulatorStats $emu).Throttled | Should -Be 5
    }

    It '1,000 calls over 32 parallel runspaces: no error, no throttling, about 1000/20 s' {
        Reset-Emulator $emu
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $results = 1..1000 | ForEach-Object -ThrottleLimit 32 -Parallel {
            Import-Module $using:modulePath
            $r = @(Get-MongoBackupDownloadTask cmgo-dygv1rnp -ErrorAction SilentlyContinue -ErrorVariable e)
            [pscustomobject]@{ Count = $r.Count; Errors = $e.Count }
        }
        $watch.Stop()
        $stats = Get-EmulatorStats $emu
        $seconds = [Math]::Round($watch.Elapsed.TotalSeconds, 1)
        $errors = ($results | Measure-Object Errors -Sum).Sum
        Write-Measured 'RateLimit1000x32' @{
            Calls = $results.Count; Seconds = $seconds; IdealSeconds = 50; ErrorsSurfaced = $errors
            ThrottledByEmulator = $stats.Throttled; RequestsReceived = $stats.Requests.DescribeBackupDownloadTask
        }
        $results.Count | Should -Be 1000
        $errors | Should -Be 0
        @($results | Where-Object Count -ne 1).Count | Should -Be 0
        $stats.Requests.DescribeBackupDownloadTask | Should -Be 1000   # no retry was needed: nothing was throttled
        $stats.Throttled | Should -Be 0
        $seconds | Should -BeGreaterOrEqual 45
        $seconds | Should -BeLessOrEqual 55
    }
}

Describe 'Paging through transient failures' {
    BeforeAll {
        $script:emu = Start-TestEmulator -ArgumentList '--rate-limit', '0'
        $script:common = @{ Endpoint = $emu.Endpoint; Credential = $emu.Credential; Region = 'ap-guangzhou' }
    }
    AfterAll { Stop-TestEmulator $emu }

    It 'lists exactly the 5,000 tasks, in order, with 20% of requests failing' {
        $expected = @(Get-MongoBackupDownloadTask cmgo-bulk5000 -OrderByType Asc @common)
        $expected.Count | Should -Be 5000
        Reset-Emulator $emu
        Set-EmulatorFault $emu -Fraction 0.2 -Seed 42 -Kind RequestLimitExceeded, InternalError, Http502Html, TruncatedJson, Reset, Delay -DelaySeconds 3 -Action DescribeBackupDownloadTask
        Connect-TencentCloud -Credential $emu.Credential -Endpoint $emu.Endpoint -Region ap-guangzhou -TimeoutSec 1 -MaxRetries 8 -RetryMaxDelay 2
        try {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $verbose = [System.Collections.Generic.List[string]]::new()
            $actual = @(Get-MongoBackupDownloadTask cmgo-bulk5000 -OrderByType Asc -Limit 100 -Verbose 4>&1 | ForEach-Object {
                    if ($_ -is [System.Management.Automation.VerboseRecord]) { $verbose.Add($_.Message) } else { $_ }
                })
            $watch.Stop()
        } finally { Disconnect-TencentCloud }
        $stats = Get-EmulatorStats $emu
        Clear-EmulatorFault $emu
        $retries = @($verbose | Where-Object { $_ -match '; retry \d+ of' }).Count
        Write-Measured 'Paging5000With20PercentFaults' @{
            Tasks = $actual.Count; Pages = 50; Requests = $stats.Requests.DescribeBackupDownloadTask; FaultsInjected = $stats.FaultsInjected
            RetriesShownInVerbose = $retries; Seconds = [Math]::Round($watch.Elapsed.TotalSeconds, 1)
        }
        $actual.Count | Should -Be 5000
        $stats.FaultsInjected | Should -BeGreaterThan 0
        $retries | Should -Be $stats.FaultsInjected
        for ($i = 0; $i -lt 5000; $i++) {
            if ($actual[$i].ReplicaSetId -ne $expected[$i].ReplicaSetId -or $actual[$i].CreateTime -ne $expected[$i].CreateTime -or $actual[$i].BackupName -ne $expected[$i].BackupName) {
                throw "Task $i differs: got $($actual[$i].BackupName) $($actual[$i].CreateTime), expected $($expected[$i].BackupName) $($expected[$i].CreateTime)"
            }
        }
    }
}

Describe 'A 1 GiB download through dropped connections' {
    BeforeAll {
        $script:emu = Start-TestEmulator -ArgumentList '--rate-limit', '0', '--task-seconds', '1'
        $script:common = @{ Endpoint = $emu.Endpoint; Credential = $emu.Credential; Region = 'ap-guangzhou' }
        $script:dest = Join-Path ([IO.Path]::GetTempPath()) "mb-1gib-$PID"
    }
    AfterAll {
        Stop-TestEmulator $emu
        Remove-Item $dest -Recurse -Force -ErrorAction Ignore
    }

    It 'gets the right hash, fetching no byte twice beyond the overlap of a ranged restart' {
        $task = Get-MongoBackup cmgo-large001 @common | Where-Object Status -eq Succeeded | Select-Object -First 1 |
            New-MongoBackupDownloadTask @common | Wait-MongoBackupDownloadTask @common -PollInterval 0.2
        $task.BackupSize | Should -BeGreaterThan 1GB
        Reset-Emulator $emu
        # Five drops: each of the next five connections (ranged parts of a few MiB, sized to the memory budget) is cut
        # after 1 MB of body.
        Set-EmulatorObjectStore $emu -DropAfterBytes 1MB -DropCount 5 | Out-Null
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $file = $task | Save-MongoBackupFile -Destination $dest -Hash @common -Verbose 4>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.VerboseRecord]) { Write-Host "  $($_.Message)" } else { $_ }
        }
        $watch.Stop()
        $stats = Get-EmulatorStats $emu
        $expected = (Get-EmulatorObjectHash $emu $task.Url).Sha256.ToUpperInvariant()
        $overlap = $stats.ObjectBytes - $task.BackupSize
        Write-Measured 'Download1GiBWith5Drops' @{
            Bytes = $task.BackupSize; BytesServed = $stats.ObjectBytes; Overlap = $overlap; Requests = $stats.ObjectRequests
            Seconds = [Math]::Round($watch.Elapsed.TotalSeconds, 1); MBPerSecond = [Math]::Round($task.BackupSize / 1MB / $watch.Elapsed.TotalSeconds, 1)
            HashMatches = ($file.Hash -eq $expected); DropsLeft = (Invoke-RestMethod -Method Post "$($emu.Endpoint)/_emulator/objects" -Body '{}' -ContentType 'application/json').DropCount
        }
        $file.Length | Should -Be $task.BackupSize
        $file.Hash | Should -Be $expected
        $overlap | Should -Be 0
        (Set-EmulatorObjectStore $emu).DropCount | Should -Be 0 -Because 'all five drops must have happened, or the figure means nothing'
    }
}
