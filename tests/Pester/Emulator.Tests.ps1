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
        @{ Name = 'a timestamp 6 minutes old'; Code = 'AuthFailure.SignatureExpire'; Splat = @{ Timestamp = [DateTimeOffset]::UtcNow.AddMinutes(-6).ToUnixTimeSeconds() } }
        @{ Name = 'a timestamp 6 minutes ahead'; Code = 'AuthFailure.SignatureExpire'; Splat = @{ Timestamp = [DateTimeOffset]::UtcNow.AddMinutes(6).ToUnixTimeSeconds() } }
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
