#Requires -Version 7.2
# Secret hygiene: every exported cmdlet, on happy paths and failures, runs in a runspace of its own with every stream
# captured (and a console session for what only a host shows, such as -WhatIf). Then every stream, every rendering of the
# output objects, every error with its exception chain, and the emulator's log are scanned for the SecretKeys, the
# token, the wrong keys used, TC3 Authorization values and presigned-link signatures. A task's Url is the presigned link
# by design, so only that property's value is cut out of the task objects' renderings.

BeforeAll {
    Import-Module "$PSScriptRoot/Emulator.psm1" -Force
    Import-Module "$PSScriptRoot/SecretScan.psm1" -Force
    $script:modulePath = (Resolve-Path "$PSScriptRoot/../../out/MongoBackup/MongoBackup.psd1").Path
    Import-Module $modulePath -Force
    . "$PSScriptRoot/TestIsolation.ps1"
    . "$PSScriptRoot/FreshPwsh.ps1"
    Enter-IsolatedCredentialEnvironment
    $script:savedRendering = $PSStyle.OutputRendering
    $PSStyle.OutputRendering = 'PlainText'   # no ANSI sequences in the rendered text

    $script:wrongKey = 'HygieneWrongSecretKey00000000000000001'
    $script:wrongToken = 'HygieneWrongSessionToken0000000000001'
    $script:fileKey = 'HygieneBrokenFileSecretKey000000000001'
    $script:oidcToken = 'HygieneOidcWebIdentityToken00000000001'
    $script:issuedKeys = @()
    $script:work = Join-Path ([IO.Path]::GetTempPath()) ("mb-hygiene-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $work | Out-Null

    # A closed loopback port: bound, noted and released.
    $listener = [System.Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start(); $script:closedPort = $listener.LocalEndpoint.Port; $listener.Stop()

    $script:emu = Start-TestEmulator -ArgumentList '--rate-limit', '0', '--task-seconds', '1'

    # Profiles for the credential-file paths: good ones in the user's files, and broken ones (holding $fileKey) that
    # must be reported without quoting their content. The broken SDK file is used only while its step runs.
    function Write-CredentialFiles {
        $sdk = New-Item -ItemType Directory -Force -Path (Join-Path $env:HOME '.tencentcloud')
        Set-Content -Path (Join-Path $sdk 'credentials') -Value @(
            '[hygiene]', "secret_id = $($emu.TempSecretId)", "secret_key = $($emu.TempSecretKey)", "token = $($emu.Token)"
        )
        Set-Content -Path (Join-Path $work 'broken-credentials') -Value @(
            '[broken]', 'secret_id = AKIDHygieneBroken000000000000000000', "secret_key $fileKey", "token: $fileKey"
        )
        $tccli = New-Item -ItemType Directory -Force -Path (Join-Path $env:HOME '.tccli')
        Set-Content -Path (Join-Path $tccli 'tccli.credential') -Value (@{ secretId = $emu.SecretId; secretKey = $emu.SecretKey } | ConvertTo-Json)
        Set-Content -Path (Join-Path $tccli 'tccli.configure') -Value '{"_sys_param": {"region": "ap-guangzhou", "output": "json"}}'
        Set-Content -Path (Join-Path $tccli 'brokentccli.credential') -Value "{`"secretId`": `"AKIDHygieneBroken000000000000000000`", `"secretKey`": `"$fileKey`", `"token`": "
    }

    # A loopback server that answers like a misbehaving proxy or gateway: it quotes the request's X-TC-Token and
    # Authorization headers back, in a 502 page (DescribeDBInstances) or in an API error message (other actions).
    function Start-EchoServer {
        $probe = [System.Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        $listener = [System.Net.HttpListener]::new()
        $listener.Prefixes.Add("http://127.0.0.1:$port/")
        $listener.Start()
        $ps = [powershell]::Create()
        [void]$ps.AddScript({
                param($listener)
                while ($listener.IsListening) {
                    try { $ctx = $listener.GetContext() } catch { return }
                    $h = $ctx.Request.Headers
                    $echo = "X-TC-Token: $($h['X-TC-Token']) Authorization: $($h['Authorization'])"
                    if ($h['X-TC-Action'] -eq 'DescribeDBInstances') {
                        $ctx.Response.StatusCode = 502
                        $ctx.Response.ContentType = 'text/html'
                        $body = "<html><body><h1>502 Bad Gateway</h1><pre>$echo</pre></body></html>"
                    }
                    else {
                        $ctx.Response.ContentType = 'application/json'
                        $body = @{ Response = @{ Error = @{ Code = 'AuthFailure.SignatureFailure'; Message = "Rejected: $echo" }; RequestId = [guid]::NewGuid().ToString() } } |
                            ConvertTo-Json -Depth 5 -Compress
                    }
                    $bytes = [Text.Encoding]::UTF8.GetBytes($body)
                    $ctx.Response.ContentLength64 = $bytes.Length
                    $ctx.Response.OutputStream.Write($bytes, 0, $bytes.Length)
                    $ctx.Response.Close()
                }
            }).AddArgument($listener)
        [PSCustomObject]@{ Endpoint = "http://127.0.0.1:$port"; Listener = $listener; PowerShell = $ps; Handle = $ps.BeginInvoke() }
    }

    function Stop-EchoServer($Server) {
        $Server.Listener.Close()
        [void]$Server.Handle.AsyncWaitHandle.WaitOne(5000)
        $Server.PowerShell.Dispose()
    }

    # What a user sees in a console: -WhatIf text, the error views and VERBOSE: lines, which only a real host shows.
    $script:consoleScript = @'
$ErrorActionPreference = 'Continue'
$PSStyle.OutputRendering = 'PlainText'
Start-Transcript -Path $env:MB_HYGIENE_TRANSCRIPT | Out-Null
Import-Module $env:MB_HYGIENE_MODULE
$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'
$endpoint = $env:MB_HYGIENE_ENDPOINT
Get-TencentCloudContext
Get-TencentCloudContext | Format-List *
Get-MongoInstance cmgo-p8vnipr5 -Endpoint $endpoint -Verbose -Debug
Get-MongoBackup cmgo-p8vnipr5 -Endpoint $endpoint | Select-Object -First 1 | New-MongoBackupDownloadTask -Endpoint $endpoint -WhatIf -Verbose
Get-MongoBackupDownloadTask cmgo-dygv1rnp -Endpoint $endpoint -Status Downloaded | Format-Table
$bad = [pscredential]::new($env:TENCENTCLOUD_SECRET_ID, (ConvertTo-SecureString $env:MB_HYGIENE_WRONG_KEY -AsPlainText -Force))
Get-MongoInstance -Endpoint $endpoint -Credential $bad -First 1
Connect-TencentCloud -RoleArn $env:MB_HYGIENE_ROLE_ARN -Region ap-guangzhou -Endpoint $endpoint -PassThru | Format-List *
Get-MongoInstance -First 1 -Verbose
Disconnect-TencentCloud
$ErrorView = 'NormalView'
Get-MongoInstance -Endpoint $endpoint -Credential $bad -First 1
$Error[0] | Format-List * -Force
Stop-Transcript | Out-Null
'@

    # Runs the console script in a child PowerShell with temporary credentials in the environment; returns stdout and
    # stderr, and leaves its transcript in $work/transcript.txt.
    function Invoke-ConsoleSession {
        $session = Invoke-FreshPwsh -Script $consoleScript -TimeoutSeconds 60 -Environment @{
            TENCENTCLOUD_SECRET_ID = $emu.TempSecretId; TENCENTCLOUD_SECRET_KEY = $emu.TempSecretKey; TENCENTCLOUD_SESSION_TOKEN = $emu.Token
            TENCENTCLOUD_REGION = 'ap-guangzhou'; TENCENTCLOUD_STS_ENDPOINT = $emu.Endpoint
            MB_HYGIENE_MODULE = $modulePath; MB_HYGIENE_ENDPOINT = $emu.Endpoint; MB_HYGIENE_WRONG_KEY = $wrongKey
            MB_HYGIENE_ROLE_ARN = 'qcs::cam::uin/100000000001:roleName/MongoBackupRunbook'; MB_HYGIENE_TRANSCRIPT = Join-Path $work 'transcript.txt'
        }
        $session.Output + "`n" + $session.Error
    }

    Write-CredentialFiles
    $script:cap = New-StreamCapture -Module $modulePath -DefaultParameterCommand '*-Mongo*', '*-TencentCloud*' `
        -ExcludeProperty @{ 'MongoBackup.BackupDownloadTask' = 'Url' }
    $hasRetries = (Get-Command Get-MongoInstance).Parameters.ContainsKey('MaxRetries')
    $script:vars = @{ emu = $emu; wrongKey = $wrongKey; wrongToken = $wrongToken; work = $work; closedPort = $closedPort
        arn = 'qcs::cam::uin/100000000001:roleName/MongoBackupRunbook'; oidcFile = (Join-Path $work 'oidc-token')
        retry = $(if ($hasRetries) { @{ MaxRetries = 1 } } else { @{} })
    }
    $script:stepNames = [System.Collections.Generic.List[string]]::new()
    function Step([string] $Name, [string] $Script) { $stepNames.Add($Name); Invoke-CapturedStep $cap $Name $Script -Variables $vars }

    try {
        $null = Step 'connect temporary' @'
$key = ConvertTo-SecureString $emu.TempSecretKey -AsPlainText -Force
$token = ConvertTo-SecureString $emu.Token -AsPlainText -Force
Connect-TencentCloud -SecretId $emu.TempSecretId -SecretKey $key -SessionToken $token -Region ap-guangzhou -Endpoint $emu.Endpoint -PassThru
'@
        $null = Step 'context views' @'
Get-TencentCloudContext
Get-TencentCloudContext -Credential $emu.Credential -Region ap-shanghai
'@
        $null = Step 'instances' @'
Get-MongoInstance -First 3 -IncludeTotalCount
Get-MongoInstance cmgo-9d0p6umb -Region ap-shanghai
'@
        $null = Step 'backups' 'Get-MongoInstance cmgo-p8vnipr5 | Get-MongoBackup'
        $null = Step 'seed tasks' @'
Get-MongoBackupDownloadTask cmgo-dygv1rnp -Status Downloaded
Get-MongoBackupDownloadTask cmgo-p8vnipr5 -Status Downloaded -First 3
'@
        $vars.created = Step 'create task' @'
Get-MongoBackup cmgo-p8vnipr5 | Where-Object { $_.Status -eq 'Succeeded' -and $_.BackupSize -le 8KB } |
    Select-Object -First 1 | New-MongoBackupDownloadTask
'@
        $vars.ready = Step 'wait for task' '$created | Wait-MongoBackupDownloadTask -PollInterval 0.2 -Timeout 30'
        $null = Step 'wait for a failing task' @'
Get-MongoBackup cmgo-p8vnipr5 | Where-Object BackupDesc -like 'configured to fail*' | Select-Object -First 1 |
    New-MongoBackupDownloadTask | Wait-MongoBackupDownloadTask -PollInterval 0.2 -Timeout 30
'@
        $null = Step 'whatif' 'Get-MongoBackup cmgo-p8vnipr5 | Select-Object -First 1 | New-MongoBackupDownloadTask -WhatIf'
        $null = Step 'save' '$ready | Save-MongoBackupFile -Destination (Join-Path $work saved) -Hash'

        Set-EmulatorObjectStore $emu -ExpireAll | Out-Null
        $null = Step 'save expired link, refreshed' '$ready | Save-MongoBackupFile -Destination (Join-Path $work refreshed) -Hash'
        $null = Step 'save expired link, not refreshable' @'
Save-MongoBackupFile -Url $ready[0].Url -Path (Join-Path $work expired.tar) -BackupSize $ready[0].BackupSize
'@
        # A slow link as well, so the save lasts several progress ticks whatever the retry waits draw.
        Set-EmulatorObjectStore $emu -DropAfterBytes 2000 -DropCount 2 -BandwidthBytesPerSecond 4000 | Out-Null
        $null = Step 'save through dropped connections' @'
$t = $ready[0]
Get-MongoBackupDownloadTask $t.InstanceId -BackupName $t.BackupName -Status Downloaded -First 1 |
    Save-MongoBackupFile -Destination (Join-Path $work dropped) -Hash
'@
        $null = Step 'backup life cycle' @'
$r = New-MongoBackup cmgo-dygv1rnp -BackupMethod Logical -BackupRemark hygiene
$r | Get-MongoAsyncRequest
$r | Wait-MongoAsyncRequest -PollInterval 0.2 -Timeout 0
Wait-MongoAsyncRequest -AsyncRequestId 4242 -PollInterval 0.2 -Timeout 5
New-MongoBackup cmgo-p8vnipr5 -BackupMethod Snapshot
Get-MongoBackupRule cmgo-p8vnipr5 | Set-MongoBackupRule -BackupTime 4 -Notify -PassThru
Get-MongoBackupRule cmgo-p8vnipr5
Get-MongoDatabase cmgo-p8vnipr5
Get-MongoDatabase cmgo-p8vnipr5 -Name orders | Restore-MongoInstance -RestoreTime (Get-Date).AddMinutes(-10) -Force
Restore-MongoInstance cmgo-p8vnipr5 (Get-Date).AddDays(-30) -Database audit -Force
Get-MongoBackup cmgo-dygv1rnp | Select-Object -First 1 | Set-MongoBackupExpiration -ExpireTime (Get-Date).AddDays(3) -PassThru
Set-MongoBackupExpiration cmgo-dygv1rnp -BackId 4242 -ExpireTime (Get-Date).AddDays(3)
Get-MongoBackup cmgo-dygv1rnp | Select-Object -First 1 | Remove-MongoBackup -Force
'@
        $script:objectStats = Get-EmulatorStats $emu
        Reset-Emulator $emu

        foreach ($kind in 'Http502Html', 'TruncatedJson', 'RequestLimitExceeded', 'InternalError', 'Reset') {
            Set-EmulatorFault $emu -Fraction 1 -Kind $kind | Out-Null
            $null = Step "fault $kind" @'
Get-MongoInstance -First 1 @retry
Get-MongoBackupDownloadTask cmgo-dygv1rnp -Status Downloaded @retry
New-MongoBackupDownloadTask cmgo-p8vnipr5 'no such backup' @retry
'@
            Clear-EmulatorFault $emu
        }
        $null = Step 'closed port' @'
Get-MongoInstance -First 1 -Endpoint "http://127.0.0.1:$closedPort" -Credential $emu.Credential @retry
'@
        $echo = Start-EchoServer
        try {
            $vars.echoEndpoint = $echo.Endpoint
            $null = Step 'echoing proxy' @'
$key = ConvertTo-SecureString $emu.TempSecretKey -AsPlainText -Force
$token = ConvertTo-SecureString $emu.Token -AsPlainText -Force
Connect-TencentCloud -SecretId $emu.TempSecretId -SecretKey $key -SessionToken $token -Region ap-guangzhou -Endpoint $echoEndpoint
Get-MongoInstance -First 1 @retry
Get-MongoBackup cmgo-p8vnipr5 @retry
New-MongoBackupDownloadTask cmgo-p8vnipr5 'no such backup' @retry
Disconnect-TencentCloud
'@
        }
        finally { Stop-EchoServer $echo }
        $null = Step 'wrong key' @'
$bad = [pscredential]::new($emu.SecretId, (ConvertTo-SecureString $wrongKey -AsPlainText -Force))
Get-MongoInstance -Credential $bad -First 1 -Endpoint $emu.Endpoint
Get-MongoBackupDownloadTask cmgo-dygv1rnp -Credential $bad -Endpoint $emu.Endpoint
New-MongoBackupDownloadTask cmgo-p8vnipr5 'no such backup' -Credential $bad -Endpoint $emu.Endpoint
Connect-TencentCloud -Credential $bad -Endpoint $emu.Endpoint -Region ap-guangzhou -PassThru
Get-MongoBackup cmgo-p8vnipr5
'@
        $null = Step 'wrong token' @'
$key = ConvertTo-SecureString $emu.TempSecretKey -AsPlainText -Force
$token = ConvertTo-SecureString $wrongToken -AsPlainText -Force
Connect-TencentCloud -SecretId $emu.TempSecretId -SecretKey $key -SessionToken $token -Endpoint $emu.Endpoint -Region ap-guangzhou -PassThru
Get-MongoInstance -First 1
Get-MongoBackupDownloadTask cmgo-dygv1rnp
'@
        $null = Step 'invalid input' @'
Get-MongoInstance -InstanceId not-an-id
Get-MongoInstance -Region 'Not A Region'
Get-MongoInstance -Endpoint 'http://example.invalid' -First 1
Get-MongoInstance -Endpoint "http://AKIDHygiene:$wrongKey@127.0.0.1:$closedPort" -First 1
Get-MongoBackupDownloadTask cmgo-zzzzzzzz
'@
        $null = Step 'disconnect' 'Disconnect-TencentCloud; Get-MongoInstance -First 1; Get-TencentCloudContext'
        $null = Step 'profiles' @'
foreach ($name in 'hygiene', 'tccli') {
    Get-TencentCloudContext -ProfileName $name
    Get-MongoInstance cmgo-p8vnipr5 -ProfileName $name -Endpoint $emu.Endpoint -Region ap-guangzhou
    Get-MongoBackupDownloadTask cmgo-dygv1rnp -Status Downloaded -ProfileName $name -Endpoint $emu.Endpoint -Region ap-guangzhou
}
'@
        $null = Step 'broken tccli file' 'Get-TencentCloudContext -ProfileName brokentccli; Connect-TencentCloud -ProfileName brokentccli'
        $env:TENCENTCLOUD_CREDENTIALS_FILE = Join-Path $work 'broken-credentials'
        try {
            $null = Step 'broken SDK file' @'
Get-TencentCloudContext -ProfileName broken
Get-MongoInstance -ProfileName broken -First 1
Connect-TencentCloud -ProfileName broken
'@
        }
        finally { $env:TENCENTCLOUD_CREDENTIALS_FILE = $null }
        # The role sources: the keys and tokens that the metadata service and STS hand out, and the OIDC token, on happy
        # paths, refreshes, a renewal after a refusal, and failures.
        $env:TENCENTCLOUD_METADATA_ENDPOINT = $emu.Endpoint
        $env:TENCENTCLOUD_STS_ENDPOINT = $emu.Endpoint
        Set-EmulatorIdentity $emu -InstanceRole HygieneCvmRole -LifetimeSeconds 2 -WebIdentityTokens $oidcToken | Out-Null
        Set-Content -Path $vars.oidcFile -Value $oidcToken
        try {
            $null = Step 'instance role' @'
Disconnect-TencentCloud
Get-TencentCloudContext -Region ap-guangzhou
Connect-TencentCloud -UseInstanceRole -Region ap-guangzhou -Endpoint $emu.Endpoint -PassThru
Get-MongoInstance -First 1
Start-Sleep -Seconds 1.5
Get-MongoBackupDownloadTask cmgo-dygv1rnp -Status Downloaded
Get-TencentCloudContext
'@
            Set-EmulatorIdentity $emu -ExpireIssued | Out-Null
            $null = Step 'instance role, refused key renewed' 'Get-MongoInstance -First 1; Get-TencentCloudContext'
            $null = Step 'assumed role' @'
Connect-TencentCloud -Credential $emu.Credential -RoleArn $arn -RoleSessionName hygiene -Region ap-guangzhou -Endpoint $emu.Endpoint -PassThru
Get-MongoInstance -First 1
Start-Sleep -Seconds 1.5
Get-MongoBackup cmgo-p8vnipr5 | Select-Object -First 1
Disconnect-TencentCloud
'@
            Set-EmulatorIdentity $emu -NoInstanceRole | Out-Null   # the instance role comes first in the chain
            $env:TKE_REGION = 'ap-guangzhou'; $env:TKE_PROVIDER_ID = 'tke-oidc-provider'; $env:TKE_WEB_IDENTITY_TOKEN_FILE = $vars.oidcFile; $env:TKE_ROLE_ARN = $vars.arn
            $null = Step 'web identity' @'
Connect-TencentCloud -Region ap-guangzhou -Endpoint $emu.Endpoint
Get-TencentCloudContext
Get-MongoInstance -First 1
Start-Sleep -Seconds 1.5
Get-MongoInstance -First 1
'@
            Set-Content -Path $vars.oidcFile -Value $wrongToken
            Set-EmulatorIdentity $emu -InstanceRole HygieneCvmRole -MetadataAnswer NotJson -ExpireIssued | Out-Null
            $null = Step 'role failures' @'
Get-MongoInstance -First 1
Remove-Item Env:TKE_REGION
Connect-TencentCloud -UseInstanceRole -Region ap-guangzhou
Connect-TencentCloud -Credential $emu.Credential -RoleArn 'qcs::cam::uin/100000000002:roleName/MongoBackupRunbook' -Region ap-guangzhou
$bad = [pscredential]::new($emu.SecretId, (ConvertTo-SecureString $wrongKey -AsPlainText -Force))
Connect-TencentCloud -Credential $bad -RoleArn $arn -Region ap-guangzhou
Disconnect-TencentCloud
'@
            $script:issuedKeys = @(Get-EmulatorIssuedKey $emu)
        }
        finally {
            foreach ($name in 'TENCENTCLOUD_METADATA_ENDPOINT', 'TENCENTCLOUD_STS_ENDPOINT', 'TKE_REGION', 'TKE_PROVIDER_ID', 'TKE_WEB_IDENTITY_TOKEN_FILE', 'TKE_ROLE_ARN') {
                [Environment]::SetEnvironmentVariable($name, $null)
            }
            Reset-Emulator $emu
        }
        Add-CapturedText $cap 'console session' 'Console' (Invoke-ConsoleSession)
        Add-CapturedText $cap 'console session' 'Transcript' (Get-Content -Raw (Join-Path $work 'transcript.txt'))
    }
    finally {
        Close-StreamCapture $cap
        Stop-TestEmulator $emu
    }
    Add-CapturedText $cap 'emulator' 'EmulatorLog' ($emu.Output + "`n" + $emu.ErrorOutput)

    # The link signatures seen in task Urls: each must appear nowhere but in those Url values.
    $tasks = @($cap.Records | Where-Object { $_.Stream -eq 'Output' -and $_.Item.PSObject.TypeNames -contains 'MongoBackup.BackupDownloadTask' } | ForEach-Object Item)
    $script:linkSignatures = @($tasks.Url | Select-String -AllMatches '[?&](sign|q-signature)=([^&]+)' |
            ForEach-Object { $_.Matches } | ForEach-Object { [PSCustomObject]@{ Kind = $_.Groups[1].Value; Value = $_.Groups[2].Value } } |
            Sort-Object Value -Unique)
    $script:secrets = @($emu.SecretKey, $emu.TempSecretKey, $emu.Token, $wrongKey, $wrongToken, $fileKey, $oidcToken) + @($linkSignatures.Value) +
        @($issuedKeys.TmpSecretKey) + @($issuedKeys.Token)
    $script:secretNames = @('SecretKey', 'TempSecretKey', 'Token', 'wrong SecretKey', 'wrong token', 'SecretKey in broken profile files', 'OIDC token') +
        @($linkSignatures | ForEach-Object { "link $($_.Kind)= #$([array]::IndexOf($linkSignatures, $_))" }) +
        @($issuedKeys | ForEach-Object { "TmpSecretKey of issued key #$([array]::IndexOf($issuedKeys, $_)) ($($_.Source))" }) +
        @($issuedKeys | ForEach-Object { "Token of issued key #$([array]::IndexOf($issuedKeys, $_)) ($($_.Source))" })

    function Get-StreamText([string] $Stream) { @($cap.Records | Where-Object Stream -eq $Stream | ForEach-Object Text) }
    function Get-StepText([string] $Step, [string] $Stream) { (@($cap.Records | Where-Object { $_.Step -eq $Step -and $_.Stream -eq $Stream }).Text) -join "`n" }
}

AfterAll {
    if ($script:emu -and $emu.Process) { Stop-TestEmulator $emu }
    Disconnect-TencentCloud
    if ($script:work -and (Test-Path $work)) { Remove-Item $work -Recurse -Force }
    if ($script:savedRendering) { $PSStyle.OutputRendering = $savedRendering }
    Exit-IsolatedCredentialEnvironment
}

Describe 'Secret scanner' {
    It 'finds a planted secret, says where, and masks it in its report' {
        $text = "line one`nthe key is $($emu.TempSecretKey) here"
        $hits = @(Find-Secret -Text 'clean', $text -Secrets 'unrelated-value', $emu.TempSecretKey -SecretNames a, TempSecretKey -Source demo)
        $hits.Count | Should -Be 1
        $hits[0].Name | Should -Be TempSecretKey
        $hits[0].Source | Should -Be demo
        $hits[0].TextIndex | Should -Be 1
        $hits[0].Line | Should -Be 2
        $hits[0].Column | Should -Be 12
        $hits[0].Context | Should -Be 'the key is *** here'
        ($hits | Format-List * | Out-String) + $hits[0].ToString() | Should -Not -Match $emu.TempSecretKey
    }

    It 'finds the generic pattern <Name>' -TestCases @(
        @{ Name = 'TC3 Authorization value'; Text = 'Authorization: TC3-HMAC-SHA256 Credential=AKIDx/2026-01-01/mongodb/tc3_request, SignedHeaders=content-type;host, Signature=5f1e' }
        @{ Name = 'TC3 Signature='; Text = "header ... Signature=$('ab12' * 16)" }
        @{ Name = 'link sign='; Text = "GET /cos/b/x.tar?sign=$('0f' * 16)&expires=1" }
        @{ Name = 'COS q-signature='; Text = "https://b.cos.ap-guangzhou.myqcloud.com/x?q-sign-algorithm=sha1&q-signature=$('9e' * 20)" }
        @{ Name = 'X-TC-Token header'; Text = 'X-TC-Token: SomeSessionToken123' }
    ) {
        param($Name, $Text)
        $hits = @(Find-Secret -Text $Text -Secrets @())
        $hits.Name | Should -Contain $Name
        ($hits.Context -join ' ') | Should -Not -Match '(ab12){4}|(0f){4}|(9e){4}|SomeSessionToken123'
    }

    It 'with -Unwrap, finds a secret that a console wrapped onto an indented line' {
        $half = $emu.Token.Length / 2
        $text = "Message : the token $($emu.Token.Substring(0, $half))`n          $($emu.Token.Substring($half)) was refused"
        Find-Secret -Text $text -Secrets $emu.Token | Should -BeNullOrEmpty
        $hits = @(Find-Secret -Text $text -Secrets $emu.Token -SecretNames Token -Unwrap)
        $hits.Count | Should -Be 1
        $hits[0].Line | Should -Be 1
        $hits[0].Column | Should -Be 21
        $hits[0].Context | Should -Be 'Message : the token ***'
    }

    It 'reports nothing for clean text, a redacted link or the bare word Signature' {
        Find-Secret -Text 'GET https://b.cos.ap-guangzhou.myqcloud.com/x.tar (link expired)', 'Signature= is checked', 'q-signature=…' -Secrets 'absent-secret' |
            Should -BeNullOrEmpty
    }

    It 'finds a secret planted in the captured verbose text' {
        $verbose = Get-StreamText Verbose
        $i = [int]($verbose.Count / 2)
        $verbose[$i] = $verbose[$i] + " leaked $($emu.Token)!"
        $hits = @(Find-Secret -Text $verbose -Secrets $secrets -SecretNames $secretNames -Source Verbose -Unwrap)
        $hits.Count | Should -Be 1
        $hits[0].Name | Should -Be Token
        $hits[0].TextIndex | Should -Be $i
    }
}

Describe 'The captured scenario is broad (the scan is not vacuous)' {
    It 'captured a lot of text, from every step' {
        ($cap.Records.Text | Measure-Object -Property Length -Sum).Sum | Should -BeGreaterThan 100000
        $stepNames.Count | Should -BeGreaterThan 20
        foreach ($name in $stepNames) { @($cap.Records | Where-Object Step -eq $name).Count | Should -BeGreaterThan 0 -Because "step '$name' must leave records" }
    }

    It 'ran every exported cmdlet, and each wrote verbose lines or errors' {
        $ran = $cap.Records | Where-Object { $_.Item -is [System.Management.Automation.InformationalRecord] -or $_.Item -is [System.Management.Automation.ErrorRecord] } |
            ForEach-Object { $_.Item.InvocationInfo.MyCommand.Name } | Sort-Object -Unique
        foreach ($c in Get-Command -Module MongoBackup) { $ran | Should -Contain $c.Name }
    }

    It 'used the instance role, an assumed role and the web identity, with refreshes and a renewal' {
        $contexts = @($cap.Records | Where-Object { $_.Stream -eq 'Output' -and $_.Item -is [MongoBackup.TencentCloudContext] } | ForEach-Object Item)
        foreach ($type in 'InstanceRole', 'AssumedRole', 'WebIdentity') { $contexts.CredentialType | Should -Contain $type }
        $issuedKeys.Count | Should -BeGreaterOrEqual 6
        @($issuedKeys | Where-Object Source -eq Metadata).Count | Should -BeGreaterOrEqual 3
        @($issuedKeys | Where-Object Source -eq AssumeRoleWithWebIdentity).Count | Should -BeGreaterOrEqual 2
        Get-StepText 'instance role, refused key renewed' Verbose | Should -Match 'refused the temporary key .*trying once more'
        Get-StepText 'instance role, refused key renewed' Error | Should -BeNullOrEmpty
        Get-StepText 'web identity' Error | Should -BeNullOrEmpty
        (Get-StreamText Console) -join "`n" | Should -Match 'CredentialType\s+: AssumedRole'
    }

    It 'used the profile files' {
        $contexts = @($cap.Records | Where-Object { $_.Step -eq 'profiles' -and $_.Stream -eq 'Output' -and $_.Item -is [MongoBackup.TencentCloudContext] } | ForEach-Object Item)
        $contexts.CredentialSource | Should -Not -Contain 'Session'
        $contexts.Count | Should -Be 2
        $instances = @($cap.Records | Where-Object { $_.Step -eq 'profiles' -and $_.Item -is [MongoBackup.Instance] })
        $instances.Count | Should -Be 2
    }

    It 'has the request lines in Verbose' {
        $verbose = (Get-StreamText Verbose) -join "`n"
        $verbose | Should -Match 'DescribeDBInstances .*RequestId'
        $verbose | Should -Match 'DescribeDBBackups .*RequestId'
        $verbose | Should -Match 'DescribeBackupDownloadTask .*RequestId'
        $verbose | Should -Match 'CreateBackupDownloadTask .*RequestId'
        (Get-StreamText Debug).Count | Should -BeGreaterThan 10
    }

    It 'has the error of the step <Step>' -TestCases @(
        @{ Step = 'wrong key'; Pattern = 'AuthFailure\.SignatureFailure' }
        @{ Step = 'echoing proxy'; Pattern = '502 Bad Gateway(.|\n)*Rejected' }
        @{ Step = 'wrong token'; Pattern = 'AuthFailure\.TokenFailure' }
        @{ Step = 'wait for a failing task'; Pattern = 'fail' }
        @{ Step = 'save expired link, not refreshable'; Pattern = 'expired' }
        @{ Step = 'closed port'; Pattern = "127\.0\.0\.1|$closedPort|refused" }
        @{ Step = 'fault Http502Html'; Pattern = '502' }
        @{ Step = 'fault TruncatedJson'; Pattern = 'JSON|answer|response' }
        @{ Step = 'fault RequestLimitExceeded'; Pattern = 'RequestLimitExceeded' }
        @{ Step = 'fault InternalError'; Pattern = 'InternalError' }
        @{ Step = 'fault Reset'; Pattern = 'connection|reset|ended|closed' }
        @{ Step = 'invalid input'; Pattern = 'not a region name' }
        @{ Step = 'broken SDK file'; Pattern = 'broken-credentials' }
        @{ Step = 'broken tccli file'; Pattern = 'brokentccli\.credential' }
        @{ Step = 'disconnect'; Pattern = 'No Tencent Cloud credentials' }
        @{ Step = 'backup life cycle'; Pattern = '(?s)WaitTimeout.*4242.*snapshot.*RestoreTimeOutOfRange.*FailedBackups' }
        @{ Step = 'role failures'; Pattern = '(?s)not a JSON object.*AccountNotAvaliable.*AuthFailure\.SignatureFailure' }
    ) {
        param($Step, $Pattern)
        Get-StepText $Step Error | Should -Match $Pattern
    }

    It 'captured the progress of waiting and of saving' {
        @($cap.Records | Where-Object { $_.Step -eq 'wait for task' -and $_.Stream -eq 'Progress' }).Count | Should -BeGreaterThan 0
        @($cap.Records | Where-Object { $_.Step -like 'save*' -and $_.Stream -eq 'Progress' }).Count | Should -BeGreaterThan 0
    }

    It 'refreshed the expired link and survived the dropped connections' {
        $objectStats.ObjectDenied | Should -BeGreaterThan 1
        $saved = @($cap.Records | Where-Object { $_.Step -like 'save*' -and $_.Stream -eq 'Output' } | ForEach-Object Item)
        $saved.Count | Should -Be 3
        ($saved.Hash | Sort-Object -Unique).Count | Should -Be 1
        $saved[0].Hash | Should -Be (Get-FileHash $saved[0].FullName -Algorithm SHA256).Hash
        Get-StepText 'save expired link, refreshed' Error | Should -BeNullOrEmpty
        Get-StepText 'save through dropped connections' Verbose | Should -Match 'retrying from byte'
    }

    It 'saw link signatures of both kinds in task Urls' {
        @($linkSignatures | Where-Object Kind -eq 'sign').Count | Should -BeGreaterThan 2
        @($linkSignatures | Where-Object Kind -eq 'q-signature').Count | Should -BeGreaterThan 0
    }

    It 'showed -WhatIf, verbose lines and errors on the console' {
        $console = Get-StreamText Console
        $console | Should -Match 'What if: '
        $console | Should -Match 'VERBOSE: DescribeDBInstances'
        $console | Should -Match 'AuthFailure\.SignatureFailure'
        Get-StreamText Transcript | Should -Match 'What if: (.|\n)*AuthFailure\.SignatureFailure'
    }

    It 'has the emulator log of the API and object requests' {
        $log = Get-StreamText EmulatorLog
        $log | Should -Match 'POST / DescribeDBInstances OK'
        $log | Should -Match 'GET /cos/'
        $log | Should -Match 'Fault:Http502Html'
    }
}

Describe 'No secret in <Stream>' -ForEach @(
    @{ Stream = 'Output' }, @{ Stream = 'Error' }, @{ Stream = 'Warning' }, @{ Stream = 'Verbose' }, @{ Stream = 'Debug' }
    @{ Stream = 'Information' }, @{ Stream = 'Progress' }, @{ Stream = 'Console' }, @{ Stream = 'Transcript' }, @{ Stream = 'EmulatorLog' }
) {
    It 'has no secret' {
        $hits = @(foreach ($r in @($cap.Records | Where-Object { $_.Stream -eq $Stream -and $_.Step -ne 'echoing proxy' })) {
                Find-Secret -Text $r.Text -Secrets $secrets -SecretNames $secretNames -Source "$Stream of '$($r.Step)'" -Unwrap
            })
        $hits | Should -BeNullOrEmpty -Because ("these leak:`n" + (($hits | Select-Object -First 20 | ForEach-Object ToString) -join "`n"))
    }
}

Describe 'A proxy that quotes the request back' {
    It 'gets none of the request''s secrets into any stream' {
        $hits = @(foreach ($r in @($cap.Records | Where-Object Step -eq 'echoing proxy')) {
                Find-Secret -Text $r.Text -Secrets $secrets -SecretNames $secretNames -Source "$($r.Stream) of 'echoing proxy'" -Unwrap
            })
        $hits | Should -BeNullOrEmpty -Because ("these leak:`n" + (($hits | Select-Object -First 20 | ForEach-Object ToString) -join "`n"))
    }
}
