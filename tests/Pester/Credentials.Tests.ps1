#Requires -Version 7.2
# The credential sources that cloud runbooks have, end to end against the emulator: the CVM instance role (its metadata
# service on the emulator's port), roles assumed through STS AssumeRole (Connect-TencentCloud -RoleArn, a profile's
# role_arn, tccli's role-arn), TKE's OIDC web identity (AssumeRoleWithWebIdentity, unsigned), and their refresh before
# expiry: during a 40-task Wait and a Save that refreshes its links, and shared by 16 runspaces. The emulator's keys are
# made short-lived (seconds) instead of sleeping: the module replaces a key half-way through a life shorter than ten
# minutes (5 minutes before expiry otherwise), so a 3-second key is replaced every 1.5 seconds.

BeforeAll {
    Import-Module "$PSScriptRoot/Emulator.psm1" -Force
    $script:modulePath = (Resolve-Path "$PSScriptRoot/../../out/MongoBackup/MongoBackup.psd1").Path
    Import-Module $modulePath -Force
    . "$PSScriptRoot/TestIsolation.ps1"
    $script:emu = Start-TestEmulator -ArgumentList '--rate-limit', '0', '--task-seconds', '3'
    $script:role = 'MongoBackupCvmRole'
    $script:arn = 'qcs::cam::uin/100000000001:roleName/MongoBackupRunbook'

    function Get-Count([string] $Group, [string] $Name) {
        $stats = Get-EmulatorStats $emu
        $value = $stats.$Group.PSObject.Properties[$Name]
        if ($value) { [int]$value.Value } else { 0 }
    }
    # The SecretIds of the temporary keys the emulator issued that signed requests, with their request counts.
    function Get-IssuedKeyUse {
        $stats = Get-EmulatorStats $emu
        @($stats.SecretIds.PSObject.Properties | Where-Object Name -like 'AKIDTmp*' | ForEach-Object { [pscustomobject]@{ SecretId = $_.Name; Requests = [int]$_.Value } })
    }
    function Get-ErrorCodes { @((Get-EmulatorStats $emu).Errors.PSObject.Properties.Name) }
    # What changed between two stats snapshots: the issued keys that signed requests, the error codes answered, keys
    # rejected as expired, metadata documents and API requests of an action.
    function Get-StatsChange($Before, $After) {
        function Grown($group) {
            @($After.$group.PSObject.Properties | Where-Object {
                    $old = $Before.$group.PSObject.Properties[$_.Name]
                    [int]$_.Value -gt $(if ($old) { [int]$old.Value } else { 0 })
                } | ForEach-Object Name)
        }
        [pscustomobject]@{
            KeysUsed             = @(Grown SecretIds | Where-Object { $_ -like 'AKIDTmp*' })
            Errors               = @(Grown Errors)
            ExpiredKeyRejections = [int]$After.ExpiredKeyRejections - [int]$Before.ExpiredKeyRejections
            ObjectDenied         = [int]$After.ObjectDenied - [int]$Before.ObjectDenied
            Describes            = [int]$After.Requests.DescribeBackupDownloadTask - [int]$Before.Requests.DescribeBackupDownloadTask
        }
    }
}

AfterAll {
    if ($script:emu) { Stop-TestEmulator $script:emu }
}

Describe 'The CVM instance role' {
    BeforeEach {
        Reset-Emulator $emu
        Enter-IsolatedCredentialEnvironment
        $env:TENCENTCLOUD_METADATA_ENDPOINT = $emu.Endpoint
    }
    AfterEach { Exit-IsolatedCredentialEnvironment }

    It 'is found without any configuration, last in the chain, and shown by Get-TencentCloudContext' {
        Set-EmulatorIdentity $emu -InstanceRole $role | Out-Null
        @(Get-MongoInstance cmgo-p8vnipr5 -Region ap-guangzhou -Endpoint $emu.Endpoint).InstanceId | Should -Be 'cmgo-p8vnipr5'
        $c = Get-TencentCloudContext -Region ap-guangzhou
        $c.CredentialType | Should -Be 'InstanceRole'
        $c.CredentialSource | Should -Be 'InstanceMetadata'
        $c.RoleName | Should -Be $role
        $c.IsTemporary | Should -BeTrue
        $c.Expiration | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddMinutes(100))
        $issued = Get-EmulatorIssuedKey $emu | Where-Object Source -eq Metadata
        $c.SecretId | Should -Be ($issued[-1].TmpSecretId.Substring(0, 4) + ('*' * ($issued[-1].TmpSecretId.Length - 8)) + $issued[-1].TmpSecretId.Substring($issued[-1].TmpSecretId.Length - 4))
        ($c | Format-List | Out-String) | Should -Match "Role\s+: $role"
        # One role name and one document for the command and the context together: the key is kept for the process.
        Get-Count Metadata RoleName | Should -Be 1
        Get-Count Metadata Credentials | Should -Be 1
    }

    It 'comes after the environment: a key there wins, and the metadata service is not asked' {
        Set-EmulatorIdentity $emu -InstanceRole $role | Out-Null
        $env:TENCENTCLOUD_SECRET_ID = $emu.SecretId
        $env:TENCENTCLOUD_SECRET_KEY = $emu.SecretKey
        (Get-TencentCloudContext).CredentialSource | Should -Be 'Environment'
        Get-Count Metadata RoleName | Should -Be 0
    }

    It 'is used explicitly with Connect-TencentCloud -UseInstanceRole -RoleName' {
        Set-EmulatorIdentity $emu -InstanceRole $role | Out-Null
        $c = Connect-TencentCloud -UseInstanceRole -RoleName $role -Region ap-guangzhou -Endpoint $emu.Endpoint -PassThru
        $c.CredentialType | Should -Be 'InstanceRole'
        $c.CredentialSource | Should -Be 'Session'
        $c.CredentialOrigin | Should -Be "Connect-TencentCloud -UseInstanceRole -RoleName $role"
        @(Get-MongoBackupDownloadTask cmgo-dygv1rnp).Count | Should -Be 1
        # A role named: only its document is asked for, never the role list.
        Get-Count Metadata RoleName | Should -Be 0
        Get-Count Metadata Credentials | Should -Be 1
    }

    It 'a key that expired anyway (revoked) is replaced once and the request tried once more, with no error shown' {
        Set-EmulatorIdentity $emu -InstanceRole $role | Out-Null
        Connect-TencentCloud -Region ap-guangzhou -Endpoint $emu.Endpoint
        @(Get-MongoInstance -First 1).Count | Should -Be 1
        Set-EmulatorIdentity $emu -ExpireIssued | Out-Null
        $out = @(Get-MongoInstance -First 1 -ErrorVariable errs -Verbose 4>&1)
        $errs.Count | Should -Be 0
        ($out | Where-Object { $_ -is [MongoBackup.Instance] }).Count | Should -Be 1
        ($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" |
            Should -Match 'refused the temporary key AKID\*+\w{4} \(AuthFailure\.TokenFailure\); trying once more with a new one'
        (Get-EmulatorStats $emu).ExpiredKeyRejections | Should -Be 1
        Get-Count Metadata Credentials | Should -Be 2
    }

    It 'a refresh that fails is a clear error on the call that needed it, and nothing is sent with the old key' {
        Set-EmulatorIdentity $emu -InstanceRole $role -LifetimeSeconds 2 | Out-Null
        Connect-TencentCloud -UseInstanceRole -Region ap-guangzhou -Endpoint $emu.Endpoint
        $expiry = (Get-TencentCloudContext).Expiration
        Set-EmulatorIdentity $emu -MetadataAnswer Failure | Out-Null
        $before = Get-Count Requests DescribeDBInstances
        Wait-Until { [DateTimeOffset]::UtcNow -gt $expiry }
        Get-MongoInstance -First 1 -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InstanceMetadataInvalid,*'
        "$($errs[0])" | Should -Match "did not give the keys of role '$role': its Code is 'Failure', not Success"
        Get-Count Requests DescribeDBInstances | Should -Be $before
    }

    It 'a metadata service that accepts the connection and never answers fails within seconds, not a hang' {
        $listener = [System.Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $env:TENCENTCLOUD_METADATA_ENDPOINT = "http://127.0.0.1:$($listener.LocalEndpoint.Port)"
            $watch = [Diagnostics.Stopwatch]::StartNew()
            { Connect-TencentCloud -UseInstanceRole -Region ap-guangzhou } | Should -Throw -ErrorId 'InstanceMetadataUnavailable,*'
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 15
        }
        finally { $listener.Stop() }
    }
}

Describe 'Roles assumed through STS' {
    BeforeEach {
        Reset-Emulator $emu
        Enter-IsolatedCredentialEnvironment
        $env:TENCENTCLOUD_STS_ENDPOINT = $emu.Endpoint
    }
    AfterEach { Exit-IsolatedCredentialEnvironment }

    It 'Connect-TencentCloud -RoleArn uses the permanent key once, for AssumeRole, and then the temporary one' {
        $env:TENCENTCLOUD_SECRET_ID = $emu.SecretId
        $env:TENCENTCLOUD_SECRET_KEY = $emu.SecretKey
        $c = Connect-TencentCloud -RoleArn $arn -RoleSessionName nightly-backup -DurationSeconds 3600 -Region ap-guangzhou -Endpoint $emu.Endpoint -PassThru
        $c.CredentialType | Should -Be 'AssumedRole'
        $c.RoleArn | Should -Be $arn
        $c.RoleSessionName | Should -Be 'nightly-backup'
        $c.CredentialOrigin | Should -Match 'Connect-TencentCloud -RoleArn, assumed with the key AKID\*+0000 of Environment'
        ($c.Expiration - [DateTimeOffset]::UtcNow).TotalSeconds | Should -BeGreaterThan 3500
        foreach ($n in 1..3) { @(Get-MongoInstance -First 1).Count | Should -Be 1 }
        Get-Count Requests AssumeRole | Should -Be 1
        Get-Count SecretIds $emu.SecretId | Should -Be 1
        $key = @(Get-EmulatorIssuedKey $emu | Where-Object Source -eq AssumeRole)
        $key.Count | Should -Be 1 -Because "one AssumeRole key was issued: $(Get-EmulatorIssuedKey $emu | ForEach-Object Source)"

        Get-Count SecretIds $key[0].TmpSecretId | Should -Be 3
    }

    It 'with a key given in the same call, and a later -RoleArn replaces the role instead of assuming it with the old one' {
        Connect-TencentCloud -Credential $emu.Credential -RoleArn $arn -Region ap-guangzhou -Endpoint $emu.Endpoint
        Set-EmulatorIdentity $emu -Roles MongoBackupRunbook, MongoBackupReader | Out-Null
        $second = 'qcs::cam::uin/100000000001:roleName/MongoBackupReader'
        (Connect-TencentCloud -RoleArn $second -PassThru).RoleArn | Should -Be $second
        Get-Count Requests AssumeRole | Should -Be 2
        Get-Count SecretIds $emu.SecretId | Should -Be 2
        @(Get-MongoBackupDownloadTask cmgo-dygv1rnp).Count | Should -Be 1
    }

    It 'the SDK credentials file''s role_arn is assumed with its section''s key, once for several commands' {
        New-Item -ItemType Directory "$env:HOME/.tencentcloud" -Force | Out-Null
        Set-Content "$env:HOME/.tencentcloud/credentials" "[default]`nsecret_id = $($emu.SecretId)`nsecret_key = $($emu.SecretKey)`nrole_arn = $arn`nrole_session_name = from-profile`n"
        $c = Get-TencentCloudContext -Region ap-guangzhou
        $c.CredentialType | Should -Be 'AssumedRole'
        $c.CredentialSource | Should -Be 'CredentialsFile'
        $c.RoleSessionName | Should -Be 'from-profile'
        foreach ($n in 1..3) { @(Get-MongoBackupDownloadTask cmgo-dygv1rnp -Region ap-guangzhou -Endpoint $emu.Endpoint).Count | Should -Be 1 }
        Get-Count Requests AssumeRole | Should -Be 1
    }

    It 'tccli''s profile: role-arn is assumed with its key; type cvm-role is the instance role' {
        New-Item -ItemType Directory "$env:HOME/.tccli" -Force | Out-Null
        Set-Content "$env:HOME/.tccli/default.credential" (@{ secretId = $emu.SecretId; secretKey = $emu.SecretKey; 'role-arn' = $arn; 'role-session-name' = 'tccli' } | ConvertTo-Json)
        $c = Get-TencentCloudContext -Region ap-guangzhou
        $c.CredentialType | Should -Be 'AssumedRole'
        $c.CredentialSource | Should -Be 'TccliProfile'
        $c.RoleSessionName | Should -Be 'tccli'

        Set-Content "$env:HOME/.tccli/default.credential" '{"type": "cvm-role"}'
        Set-EmulatorIdentity $emu -InstanceRole $role | Out-Null
        $env:TENCENTCLOUD_METADATA_ENDPOINT = $emu.Endpoint
        $c = Get-TencentCloudContext -Region ap-guangzhou
        $c.CredentialType | Should -Be 'InstanceRole'
        $c.CredentialSource | Should -Be 'TccliProfile'
        $c.RoleName | Should -Be $role
    }

    It 'a role assumed with the instance role''s key: the chain''s credential, whatever it is, assumes the role' {
        Set-EmulatorIdentity $emu -InstanceRole $role | Out-Null
        $env:TENCENTCLOUD_METADATA_ENDPOINT = $emu.Endpoint
        $c = Connect-TencentCloud -RoleArn $arn -Region ap-guangzhou -Endpoint $emu.Endpoint -PassThru
        $c.CredentialOrigin | Should -Match "assumed with the instance role $role"
        @(Get-MongoInstance -First 1).Count | Should -Be 1
        $metadataKey = @(Get-EmulatorIssuedKey $emu | Where-Object Source -eq Metadata)[-1]
        Get-Count SecretIds $metadataKey.TmpSecretId | Should -Be 1   # the AssumeRole request
    }
}

Describe 'TKE OIDC web identity' {
    BeforeEach {
        Reset-Emulator $emu
        Enter-IsolatedCredentialEnvironment
        $env:TENCENTCLOUD_STS_ENDPOINT = $emu.Endpoint
        $script:tokenFile = Join-Path $env:HOME 'token'
        $env:TKE_REGION = 'ap-guangzhou'
        $env:TKE_PROVIDER_ID = 'tke-oidc-provider'
        $env:TKE_WEB_IDENTITY_TOKEN_FILE = $tokenFile
        $env:TKE_ROLE_ARN = $arn
    }
    AfterEach { Exit-IsolatedCredentialEnvironment }

    It 'is used after the CVM role, unsigned, and reads the token file again at each refresh' {
        Set-EmulatorIdentity $emu -WebIdentityTokens 'oidc-token-one' -LifetimeSeconds 2 | Out-Null
        Set-Content $tokenFile 'oidc-token-one'
        $c = Get-TencentCloudContext -Region ap-guangzhou
        $c.CredentialType | Should -Be 'WebIdentity'
        $c.CredentialSource | Should -Be 'TkeWebIdentity'
        $c.RoleArn | Should -Be $arn
        @(Get-MongoInstance -First 1 -Region ap-guangzhou -Endpoint $emu.Endpoint).Count | Should -Be 1
        Get-Count SecretIds '(unsigned)' | Should -Be 1
        # Kubernetes rotates the token in place: STS now takes only the new one, and the next refresh must send it.
        Set-EmulatorIdentity $emu -WebIdentityTokens 'oidc-token-two' | Out-Null
        Set-Content $tokenFile 'oidc-token-two'
        Wait-Until {
            @(Get-MongoInstance -First 1 -Region ap-guangzhou -Endpoint $emu.Endpoint).Count | Should -Be 1
            (Get-Count Requests AssumeRoleWithWebIdentity) -ge 2
        }
        Get-ErrorCodes | Should -BeNullOrEmpty
        @(Get-IssuedKeyUse).Count | Should -BeGreaterOrEqual 2
    }
}

Describe 'Refresh during long runs' {
    BeforeAll {
        Enter-IsolatedCredentialEnvironment
        Reset-Emulator $emu
        $env:TENCENTCLOUD_METADATA_ENDPOINT = $emu.Endpoint
        Set-EmulatorIdentity $emu -InstanceRole $role -LifetimeSeconds 3 | Out-Null
        Connect-TencentCloud -Region ap-guangzhou -Endpoint $emu.Endpoint
        $script:work = Join-Path ([IO.Path]::GetTempPath()) "mb-creds-$([guid]::NewGuid().ToString('N'))"
        # 40 backups of replica sets (one task each) in three regions: the smallest 40.
        $script:backups = @(Get-MongoInstance -Region ap-guangzhou, ap-shanghai, ap-beijing -ClusterType ReplicaSet | Get-MongoBackup |
                Where-Object { $_.Status -eq 'Succeeded' -and $_.BackupDesc -notlike 'configured to fail*' } |
                Sort-Object BackupSize, BackupName | Select-Object -First 40)
    }
    AfterAll {
        Exit-IsolatedCredentialEnvironment
        if (Test-Path $work) { Remove-Item $work -Recurse -Force }
    }

    It 'a key that expires during a 40-task Wait and during a Save with a link refresh is renewed without a failed request' {
        $backups.Count | Should -Be 40
        $tasks = @($backups | New-MongoBackupDownloadTask)
        $tasks.Count | Should -Be 40

        $before = Get-EmulatorStats $emu
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $ready = @($tasks | Wait-MongoBackupDownloadTask -PollInterval 0.5 -Timeout 120 -ErrorVariable waitErrors)
        $waited = $watch.Elapsed.TotalSeconds
        $change = Get-StatsChange $before (Get-EmulatorStats $emu)
        $waitErrors.Count | Should -Be 0
        $ready.Count | Should -Be 40
        $waited | Should -BeGreaterThan 3 -Because 'the Wait outlasts a key'
        $change.KeysUsed.Count | Should -BeGreaterOrEqual 2 -Because 'the key rolled over during the Wait'
        $change.ExpiredKeyRejections | Should -Be 0
        $change.Errors | Should -BeNullOrEmpty

        # Every link expired, and each connection slowed, so the Save lasts several keys and refreshes all 40 links.
        Set-EmulatorObjectStore $emu -ExpireAll -BandwidthBytesPerSecond 2MB | Out-Null
        $before = Get-EmulatorStats $emu
        $watch.Restart()
        $files = @($ready | Save-MongoBackupFile -Destination $work -ThrottleLimit 4 -ErrorVariable saveErrors)
        $saved = $watch.Elapsed.TotalSeconds
        Set-EmulatorObjectStore $emu -BandwidthBytesPerSecond 0 | Out-Null
        $change = Get-StatsChange $before (Get-EmulatorStats $emu)
        $saveErrors.Count | Should -Be 0
        $files.Count | Should -Be 40
        $saved | Should -BeGreaterThan 3 -Because 'the Save outlasts a key'
        $change.ObjectDenied | Should -BeGreaterOrEqual 40 -Because 'every link had expired'
        $change.Describes | Should -BeGreaterOrEqual 40 -Because 'each file refreshed its link'
        $change.KeysUsed.Count | Should -BeGreaterOrEqual 2 -Because 'the link refreshes used more than one key'
        $change.ExpiredKeyRejections | Should -Be 0
        $change.Errors | Should -BeNullOrEmpty
        foreach ($file in $files) { $file.Length | Should -BeGreaterThan 0 }
    }

    It '16 runspaces share one refresh' {
        Reset-Emulator $emu
        Set-EmulatorIdentity $emu -InstanceRole $role -LifetimeSeconds 4 | Out-Null
        Disconnect-TencentCloud    # no key cached: the 16 runspaces start together on an empty cache
        Connect-TencentCloud -Region ap-guangzhou -Endpoint $emu.Endpoint
        $seconds = 6
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $runs = @(1..16 | ForEach-Object -ThrottleLimit 16 -Parallel {
                Import-Module $using:modulePath
                $calls = 0; $failures = 0; $why = @()
                $deadline = [DateTime]::UtcNow.AddSeconds($using:seconds)
                while ([DateTime]::UtcNow -lt $deadline) {
                    $got = @(Get-MongoInstance -First 1 -ErrorVariable e -ErrorAction SilentlyContinue)
                    if ($got.Count -eq 1 -and $e.Count -eq 0) { $calls++ } else { $failures++; $why += @($e | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" }) }
                }
                [pscustomobject]@{ Calls = $calls; Failures = $failures; Why = $why }
            })
        $elapsed = $watch.Elapsed.TotalSeconds
        ($runs | Measure-Object Failures -Sum).Sum | Should -Be 0 -Because "of $(@($runs.Why | Select-Object -Unique) -join '; ')"
        ($runs | Where-Object Calls -lt 1).Count | Should -Be 0
        # A key lasts 4 s and is replaced after 2: over ~6-8 s, about 4 refreshes for the process, not 16 per round.
        $documents = Get-Count Metadata Credentials
        $documents | Should -BeGreaterOrEqual 2 -Because 'the key was refreshed during the run'
        $documents | Should -BeLessOrEqual ([math]::Ceiling($elapsed / 2) + 2) -Because 'the runspaces share each refresh'
        $documents | Should -BeLessThan 16
        Get-Count Metadata RoleName | Should -Be $documents
        (Get-EmulatorStats $emu).ExpiredKeyRejections | Should -Be 0
        Get-ErrorCodes | Should -BeNullOrEmpty
    }
}

Describe 'The emulator''s metadata service and STS' {
    BeforeEach { Reset-Emulator $emu }

    It 'answers the role name, 404 without a role, and the role''s document' {
        { Invoke-RestMethod "$($emu.Endpoint)/latest/meta-data/cam/security-credentials/" } | Should -Throw '*404*'
        Set-EmulatorIdentity $emu -InstanceRole $role | Out-Null
        Invoke-RestMethod "$($emu.Endpoint)/latest/meta-data/cam/security-credentials/" | Should -Be $role
        $doc = Invoke-RestMethod "$($emu.Endpoint)/latest/meta-data/cam/security-credentials/$role"
        $doc.Code | Should -Be 'Success'
        $doc.TmpSecretId | Should -BeLike 'AKIDTmp*'
        $doc.ExpiredTime | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddMinutes(100).ToUnixTimeSeconds())
        (Invoke-RestMethod "$($emu.Endpoint)/latest/meta-data/cam/security-credentials/$role").TmpSecretId | Should -Be $doc.TmpSecretId
        { Invoke-RestMethod "$($emu.Endpoint)/latest/meta-data/cam/security-credentials/OtherRole" } | Should -Throw '*404*'
    }

    It 'hands out a successor that differs once a key is past 40% of its life, and refuses the old one once expired' {
        Set-EmulatorIdentity $emu -InstanceRole $role -LifetimeSeconds 2 | Out-Null
        $first = Invoke-RestMethod "$($emu.Endpoint)/latest/meta-data/cam/security-credentials/$role"
        $key = @{ SecretId = $first.TmpSecretId; SecretKey = $first.TmpSecretKey; Token = $first.Token }
        (Invoke-EmulatorApi $emu DescribeDBInstances @{ Limit = 2 } @key).TotalCount | Should -BeGreaterThan 0
        Wait-Until { [DateTimeOffset]::UtcNow.ToUnixTimeSeconds() -ge $first.ExpiredTime }
        (Invoke-EmulatorApi $emu DescribeDBInstances @{ Limit = 2 } @key).Error.Code | Should -Be 'AuthFailure.TokenFailure'
        $next = Invoke-RestMethod "$($emu.Endpoint)/latest/meta-data/cam/security-credentials/$role"
        $next.TmpSecretId | Should -Not -Be $first.TmpSecretId
        (Get-EmulatorStats $emu).ExpiredKeyRejections | Should -Be 1
    }

    It 'serves STS AssumeRole (version 2018-08-13, service sts, region required) with the documented errors' {
        $sts = @{ Version = '2018-08-13'; Service = 'sts' }
        $ok = Invoke-EmulatorApi $emu AssumeRole @{ RoleArn = $arn; RoleSessionName = 's1'; DurationSeconds = 900 } @sts
        $ok.Credentials.TmpSecretId | Should -BeLike 'AKIDTmp*'
        ($ok.ExpiredTime - [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()) | Should -BeIn (898..900)
        (Invoke-EmulatorApi $emu AssumeRole @{ RoleArn = $arn; RoleSessionName = 's1' } @sts -NoRegion).Error.Code | Should -Be 'MissingParameter'
        (Invoke-EmulatorApi $emu AssumeRole @{ RoleArn = $arn; RoleSessionName = 's1' } -Version '2018-08-13').Error.Code | Should -Be 'AuthFailure.SignatureFailure'
        (Invoke-EmulatorApi $emu AssumeRole @{ RoleArn = $arn; RoleSessionName = 's1' }).Error.Code | Should -Be 'InvalidAction'
        (Invoke-EmulatorApi $emu AssumeRole @{ RoleArn = 'qcs::cam::uin/100000000009:roleName/MongoBackupRunbook'; RoleSessionName = 's1' } @sts).Error.Code | Should -Be 'InvalidParameter.AccountNotAvaliable'
        (Invoke-EmulatorApi $emu AssumeRole @{ RoleArn = 'qcs::cam::uin/100000000001:roleName/Nobody'; RoleSessionName = 's1' } @sts).Error.Code | Should -Be 'ResourceNotFound.RoleNotFound'
        (Invoke-EmulatorApi $emu AssumeRole @{ RoleArn = $arn; RoleSessionName = 's1'; DurationSeconds = 43201 } @sts).Error.Code | Should -Be 'InvalidParameter.OverTimeError'
        (Invoke-EmulatorApi $emu AssumeRole @{ RoleArn = $arn; RoleSessionName = 's1'; DurationSeconds = 899 } @sts).Error.Code | Should -Be 'InvalidParameter.ParamError'
        (Invoke-EmulatorApi $emu AssumeRole @{ RoleArn = $arn } @sts).Error.Code | Should -Be 'MissingParameter'
    }

    It 'serves AssumeRoleWithWebIdentity unsigned (Authorization: SKIP) only' {
        Set-EmulatorIdentity $emu -WebIdentityTokens 'good-token' | Out-Null
        $sts = @{ Version = '2018-08-13'; Service = 'sts' }
        $body = @{ ProviderId = 'tke-oidc-provider'; WebIdentityToken = 'good-token'; RoleArn = $arn; RoleSessionName = 'pod' }
        (Invoke-EmulatorApi $emu AssumeRoleWithWebIdentity $body @sts -Headers @{ Authorization = 'SKIP' }).Credentials.TmpSecretId | Should -BeLike 'AKIDTmp*'
        (Invoke-EmulatorApi $emu AssumeRoleWithWebIdentity $body @sts).Error.Code | Should -Be 'AuthFailure.SignatureFailure'
        $body.WebIdentityToken = 'other-token'
        (Invoke-EmulatorApi $emu AssumeRoleWithWebIdentity $body @sts -Headers @{ Authorization = 'SKIP' }).Error.Code | Should -Be 'InvalidParameter.WebIdentityTokenError'
        Get-Count SecretIds '(unsigned)' | Should -Be 3
    }

    It 'refuses a bad identity setting' {
        { Invoke-RestMethod -Method Post "$($emu.Endpoint)/_emulator/identity" -Body '{"MetadataAnswer": "Sometimes"}' -ContentType application/json } | Should -Throw '*400*'
        { Invoke-RestMethod -Method Post "$($emu.Endpoint)/_emulator/identity" -Body '{"Roles": "MongoBackupRunbook"}' -ContentType application/json } | Should -Throw '*400*'
        { Invoke-RestMethod -Method Post "$($emu.Endpoint)/_emulator/identity" -Body '{"LifetimeSeconds": 0}' -ContentType application/json } | Should -Throw '*400*'
    }
}
