# Test harness for the Tencent Cloud MongoDB API emulator (tests/MongoBackup.Emulator).
# PowerShell 7. Builds nothing: runs the emulator's built dll ($env:MONGOBACKUP_EMULATOR_DLL or
# <repo>/out/emulator/MongoBackup.Emulator.dll, which build.ps1 produces).
Set-StrictMode -Version Latest

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:Defaults = @{
    '--secret-id'       = 'AKIDMongoBackupEmulator0000000000000'
    '--secret-key'      = 'MongoBackupEmulatorSecretKey0000000000'
    '--temp-secret-id'  = 'AKIDMongoBackupEmulatorTemp00000000000'
    '--temp-secret-key' = 'MongoBackupEmulatorTempSecretKey00000'
    '--token'           = 'MongoBackupEmulatorSessionToken'
}

function Get-EmulatorDllPath {
    if ($env:MONGOBACKUP_EMULATOR_DLL) { return $env:MONGOBACKUP_EMULATOR_DLL }
    Join-Path $script:RepoRoot 'out/emulator/MongoBackup.Emulator.dll'
}

function Get-DotnetHostPath {
    $self = [Environment]::ProcessPath
    if ($self -and (Split-Path -Leaf $self) -match '^dotnet(\.exe)?$') { return $self }
    if ($env:DOTNET_HOST_PATH -and (Test-Path $env:DOTNET_HOST_PATH)) { return $env:DOTNET_HOST_PATH }
    'dotnet'
}

# The value of "--name value" or "--name=value" in an argument list (last one wins), else the default.
function Get-ArgumentValue([string[]] $Arguments, [string] $Name) {
    $value = $script:Defaults[$Name]
    for ($i = 0; $i -lt $Arguments.Count; $i++) {
        if ($Arguments[$i] -eq $Name -and $i + 1 -lt $Arguments.Count) { $value = $Arguments[$i + 1]; $i++ }
        elseif ($Arguments[$i].StartsWith("$Name=")) { $value = $Arguments[$i].Substring($Name.Length + 1) }
    }
    $value
}

function Get-TaskText($Task, [int] $TimeoutMs) {
    if ($Task -and $Task.Wait($TimeoutMs)) { return $Task.Result }
    ''
}

<#
.SYNOPSIS
Starts the emulator on a dynamic loopback port and waits (at most 30 s) for its EMULATOR-READY line.
.OUTPUTS
PSCustomObject: Endpoint, Process, SecretId, SecretKey, TempSecretId, TempSecretKey, Token, Credential
(PSCredential of SecretId/SecretKey); after Stop-TestEmulator also ExitCode, Output (stdout) and ErrorOutput (stderr).
#>
function Start-TestEmulator {
    [CmdletBinding()]
    param(
        [string[]] $ArgumentList = @(),
        [ValidateRange(1, 300)] [int] $TimeoutSeconds = 30
    )
    $dll = Get-EmulatorDllPath
    if (-not (Test-Path $dll)) {
        throw "Emulator not built: '$dll' does not exist. Build it with 'dotnet build tests/MongoBackup.Emulator -c Release -o out/emulator' or set MONGOBACKUP_EMULATOR_DLL."
    }
    $psi = [System.Diagnostics.ProcessStartInfo]::new((Get-DotnetHostPath))
    foreach ($a in @($dll, '--urls', 'http://127.0.0.1:0', '--exit-on-stdin-close') + $ArgumentList) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.StandardOutputEncoding = [Text.Encoding]::UTF8
    $psi.StandardErrorEncoding = [Text.Encoding]::UTF8

    $process = [System.Diagnostics.Process]::Start($psi)
    # Drain stderr from the start (pure .NET task: no PowerShell runspace needed, the pipe never fills).
    $errorTask = $process.StandardError.ReadToEndAsync()
    $endpoint = $null
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    $seen = [System.Collections.Generic.List[string]]::new()
    while (-not $endpoint) {
        $remaining = [int][Math]::Max(0, ($deadline - [DateTime]::UtcNow).TotalMilliseconds)
        $lineTask = $process.StandardOutput.ReadLineAsync()
        if (-not $lineTask.Wait($remaining)) { $why = "did not print EMULATOR-READY within $TimeoutSeconds s"; break }
        $line = $lineTask.Result
        if ($null -eq $line) { $why = 'exited before it was ready'; break }
        if ($line -match '^EMULATOR-READY (http://\S+)$') { $endpoint = $Matches[1] } else { $seen.Add($line) }
    }
    if (-not $endpoint) {
        if (-not $process.HasExited) { $process.Kill($true) }
        $process.WaitForExit(10000) | Out-Null
        $stderr = (Get-TaskText $errorTask 5000).Trim()
        $code = if ($process.HasExited) { $process.ExitCode } else { 'none' }
        $process.Dispose()
        throw "The emulator ($dll) $why (exit code $code). stderr: $stderr$(if ($seen.Count) { " stdout: $($seen -join ' | ')" })"
    }
    # Keep draining stdout (one log line per request) into a task; its text is read at stop.
    $outputTask = $process.StandardOutput.ReadToEndAsync()

    $secretId = Get-ArgumentValue $ArgumentList '--secret-id'
    $secretKey = Get-ArgumentValue $ArgumentList '--secret-key'
    $emulator = [PSCustomObject]@{
        PSTypeName    = 'MongoBackup.TestEmulator'
        Endpoint      = $endpoint
        Process       = $process
        SecretId      = $secretId
        SecretKey     = $secretKey
        TempSecretId  = Get-ArgumentValue $ArgumentList '--temp-secret-id'
        TempSecretKey = Get-ArgumentValue $ArgumentList '--temp-secret-key'
        Token         = Get-ArgumentValue $ArgumentList '--token'
        Credential    = [pscredential]::new($secretId, (ConvertTo-SecureString $secretKey -AsPlainText -Force))
        ExitCode      = $null
        Output        = $null
        ErrorOutput   = $null
        OutputTask    = $outputTask
        ErrorTask     = $errorTask
    }
    # Printing the object shows no key or token.
    $display = [System.Management.Automation.PSPropertySet]::new('DefaultDisplayPropertySet', [string[]]@('Endpoint', 'SecretId'))
    $emulator | Add-Member -MemberType MemberSet -Name PSStandardMembers -Value ([System.Management.Automation.PSMemberInfo[]]@($display))
    $emulator
}

<#
.SYNOPSIS
Stops the emulator (closes its stdin, which makes it exit cleanly; kills it after -TimeoutSeconds) and waits for its exit.
Fills ExitCode, Output and ErrorOutput on the object.
#>
function Stop-TestEmulator {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline)] $Emulator,
        [ValidateRange(1, 120)] [int] $TimeoutSeconds = 10
    )
    process {
        $p = $Emulator.Process
        if (-not $p) { return }
        try {
            if (-not $p.HasExited) {
                try { $p.StandardInput.Close() } catch [System.IO.IOException] { }
                if (-not $p.WaitForExit($TimeoutSeconds * 1000)) {
                    Write-Warning "The emulator did not stop within $TimeoutSeconds s of stdin closing; killing it."
                    $p.Kill($true)
                }
            }
            $p.WaitForExit()
            $Emulator.ExitCode = $p.ExitCode
            $Emulator.Output = Get-TaskText $Emulator.OutputTask 5000
            $Emulator.ErrorOutput = Get-TaskText $Emulator.ErrorTask 5000
        }
        finally {
            $p.Dispose()
            $Emulator.Process = $null
        }
    }
}

function Invoke-EmulatorControl($Emulator, [string] $Method, [string] $Path, $Body) {
    $params = @{ Method = $Method; Uri = "$($Emulator.Endpoint)/_emulator/$Path"; TimeoutSec = 60 }
    if ($null -ne $Body) {
        $params.Body = if ($Body -is [string]) { $Body } else { $Body | ConvertTo-Json -Depth 10 -Compress }
        $params.ContentType = 'application/json'
    }
    Invoke-RestMethod @params
}

<# .SYNOPSIS Counters: Requests (per action), Throttled, Total, FaultsInjected, Object* (see the emulator's README). #>
function Get-EmulatorStats {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Emulator)
    Invoke-EmulatorControl $Emulator GET stats
}

<# .SYNOPSIS Clears stats, rate-limit windows, created tasks, object-store settings (links stay valid) and faults. #>
function Reset-Emulator {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Emulator)
    Invoke-EmulatorControl $Emulator POST reset | Out-Null
}

<#
.SYNOPSIS
Object-store faults (POST /_emulator/objects): a per-connection bandwidth cap, "drop the next -DropCount
connections after -DropAfterBytes body bytes", -ExpireAll to expire every link issued so far, "flip the byte at
-FlipByteAt in the next -FlipCount bodies that hold it" (the x-cos-hash-crc64ecma header stays right; -1 stops), and
-OmitCrc64 $true to send no x-cos-hash-crc64ecma header (an object stored before COS kept CRC64s).
Only the given parameters change. Returns the current settings.
#>
function Set-EmulatorObjectStore {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] $Emulator,
        [ValidateRange(0, [long]::MaxValue)] [long] $BandwidthBytesPerSecond,
        [ValidateRange(0, [long]::MaxValue)] [long] $DropAfterBytes,
        [ValidateRange(0, [int]::MaxValue)] [int] $DropCount,
        [switch] $ExpireAll,
        [ValidateRange(-1, [long]::MaxValue)] [long] $FlipByteAt,
        [ValidateRange(0, [int]::MaxValue)] [int] $FlipCount,
        [bool] $OmitCrc64
    )
    $body = [ordered]@{}
    foreach ($name in 'BandwidthBytesPerSecond', 'DropAfterBytes', 'DropCount', 'FlipByteAt', 'FlipCount', 'OmitCrc64') {
        if ($PSBoundParameters.ContainsKey($name)) { $body[$name] = $PSBoundParameters[$name] }
    }
    if ($ExpireAll) { $body.ExpireAll = $true }
    Invoke-EmulatorControl $Emulator POST objects $body
}

<#
.SYNOPSIS
SHA-256 (lower-case hex), size and CRC64 (x-cos-hash-crc64ecma's decimal text) of a whole object, from its Url
(query ignored) or its /cos/... path.
.OUTPUTS
PSCustomObject {Sha256, Size, Crc64}.
#>
function Get-EmulatorObjectHash {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] $Emulator,
        [Parameter(Mandatory, Position = 1)] [string] $Url
    )
    $path = if ($Url -match '^https?://') { ([Uri]$Url).AbsolutePath } else { $Url.Split('?')[0] }
    Invoke-EmulatorControl $Emulator GET "object-hash?path=$([Uri]::EscapeDataString($path))"
}

<#
.SYNOPSIS
Injects faults into API requests (POST /_emulator/faults): with -Seed, the same requests get the same faults.
-Fraction of the requests (of -Action only, when given) are answered with one of -Kind.
#>
function Set-EmulatorFault {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] $Emulator,
        [Parameter(Mandatory)] [ValidateRange(0.0, 1.0)] [double] $Fraction,
        [Parameter(Mandatory)]
        [ValidateSet('RequestLimitExceeded', 'InternalError', 'Http502Html', 'TruncatedJson', 'Delay', 'Reset')]
        [string[]] $Kind,
        [long] $Seed = 0,
        [ValidateRange(0.0, 600.0)] [double] $DelaySeconds = 2,
        [string[]] $Action = @()
    )
    Invoke-EmulatorControl $Emulator POST faults ([ordered]@{
            Seed = $Seed; Fraction = $Fraction; Kinds = @($Kind); DelaySeconds = $DelaySeconds; Actions = @($Action)
        })
}

<# .SYNOPSIS Stops injecting faults (DELETE /_emulator/faults). #>
function Clear-EmulatorFault {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Emulator)
    Invoke-EmulatorControl $Emulator DELETE faults | Out-Null
}

<#
.SYNOPSIS
Queues a canned answer (POST /_emulator/answers): the next -Count (default: every one until cleared) signed requests of
-Action are answered, after the signature checks, with {"Response": -Response} (a RequestId is added to an object
without one), or with -RawBody as is; HTTP -Status (default 200) and -ContentType (default application/json).
Answers for one action are used in the order they were set. Returns what is queued.
.EXAMPLE
Set-EmulatorAnswer $emu DescribeBackupDownloadTask -Response @{ TotalCount = 1; Tasks = @() } -Count 1
.EXAMPLE
Set-EmulatorAnswer $emu DescribeBackupDownloadTask -RawBody '<html>502</html>' -Status 502 -ContentType text/html -Count 20
#>
function Set-EmulatorAnswer {
    [CmdletBinding(DefaultParameterSetName = 'Response')]
    param(
        [Parameter(Mandatory, Position = 0)] $Emulator,
        [Parameter(Mandatory, Position = 1)] [string] $Action,
        [Parameter(Mandatory, ParameterSetName = 'Response')] [AllowNull()] $Response,
        [Parameter(Mandatory, ParameterSetName = 'RawBody')] [AllowEmptyString()] [string] $RawBody,
        [ValidateRange(100, 599)] [int] $Status = 200,
        [string] $ContentType,
        [ValidateRange(1, [int]::MaxValue)] [int] $Count
    )
    $body = [ordered]@{ Action = $Action; Status = $Status }
    if ($PSCmdlet.ParameterSetName -eq 'RawBody') { $body.RawBody = $RawBody } else { $body.Response = $Response }
    if ($ContentType) { $body.ContentType = $ContentType }
    if ($PSBoundParameters.ContainsKey('Count')) { $body.Count = $Count }
    # A Response given as a JSON string is sent as that JSON, not as a string.
    $json = if ($Response -is [string] -and $PSCmdlet.ParameterSetName -eq 'Response') {
        $body.Response = '__RESPONSE__'
        ($body | ConvertTo-Json -Depth 20 -Compress).Replace('"__RESPONSE__"', $Response)
    }
    else { $body | ConvertTo-Json -Depth 20 -Compress }
    Invoke-EmulatorControl $Emulator POST answers $json
}

<# .SYNOPSIS Removes every canned answer (DELETE /_emulator/answers). #>
function Clear-EmulatorAnswer {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Emulator)
    Invoke-EmulatorControl $Emulator DELETE answers | Out-Null
}

<#
.SYNOPSIS
The emulator's identity world (POST /_emulator/identity): the CAM role bound to "this instance" (-InstanceRole, or
-NoInstanceRole), how the metadata service answers for its keys (-MetadataAnswer Normal | NotJson | Failure), the lifetime
of the temporary keys issued from now (-LifetimeSeconds, or -DefaultLifetime), the roles of the account 100000000001
(-Roles), the OIDC tokens (-WebIdentityTokens) and provider (-ProviderId) STS accepts, and -ExpireIssued to end every key
issued so far. Only the given parameters change; /_emulator/reset puts them all back. Returns the settings.
#>
function Set-EmulatorIdentity {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] $Emulator,
        [string] $InstanceRole,
        [switch] $NoInstanceRole,
        [ValidateSet('Normal', 'NotJson', 'Failure')] [string] $MetadataAnswer,
        [ValidateRange(1, 86400)] [double] $LifetimeSeconds,
        [switch] $DefaultLifetime,
        [string[]] $Roles,
        [string[]] $WebIdentityTokens,
        [string] $ProviderId,
        [switch] $ExpireIssued
    )
    $body = [ordered]@{}
    if ($InstanceRole) { $body.InstanceRole = $InstanceRole }
    if ($NoInstanceRole) { $body.InstanceRole = $null }
    if ($MetadataAnswer) { $body.MetadataAnswer = $MetadataAnswer }
    if ($PSBoundParameters.ContainsKey('LifetimeSeconds')) { $body.LifetimeSeconds = $LifetimeSeconds }
    if ($DefaultLifetime) { $body.LifetimeSeconds = $null }
    if ($PSBoundParameters.ContainsKey('Roles')) { $body.Roles = @($Roles) }
    if ($PSBoundParameters.ContainsKey('WebIdentityTokens')) { $body.WebIdentityTokens = @($WebIdentityTokens) }
    if ($ProviderId) { $body.ProviderId = $ProviderId }
    if ($ExpireIssued) { $body.ExpireIssued = $true }
    Invoke-EmulatorControl $Emulator POST identity ([pscustomobject]$body)
}

<# .SYNOPSIS Every temporary key the emulator issued (GET /_emulator/identity/issued): TmpSecretId, TmpSecretKey, Token, ExpiredTime, Source. Secrets: for hygiene scans only. #>
function Get-EmulatorIssuedKey {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Emulator)
    # Invoke-RestMethod writes a JSON array as one object: enumerate it.
    foreach ($key in @(Invoke-EmulatorControl $Emulator GET identity/issued)) { $key }
}

function Get-Sha256Hex([byte[]] $Bytes) { [Convert]::ToHexStringLower([System.Security.Cryptography.SHA256]::HashData($Bytes)) }
function Get-HmacSha256([byte[]] $Key, [string] $Text) {
    [System.Security.Cryptography.HMACSHA256]::HashData($Key, [Text.Encoding]::UTF8.GetBytes($Text))
}

<#
.SYNOPSIS
Sends one TC3-HMAC-SHA256-signed API request to the emulator (an independent signer, for test set-up and
protocol tests) and returns the parsed "Response" object (errors included: Response.Error.Code); with -Concurrent N,
N such requests at once and their N Response objects.
.PARAMETER Body
A hashtable / ordered dictionary / object (serialized compactly) or a JSON string sent as is.
.PARAMETER Headers
Extra headers, or overrides of the computed ones; a $null value removes that header (e.g. X-TC-Timestamp).
.PARAMETER Region
The X-TC-Region header sent (default ap-guangzhou, the region of cmgo-dygv1rnp and cmgo-p8vnipr5): the emulator requires
one on every action, as the service does. An empty string sends the header with an empty value.
.PARAMETER NoRegion
Sends no X-TC-Region header at all (the emulator then answers MissingParameter). Not together with -Region.
.PARAMETER Concurrent
Sends the same signed request this many times at once (all sent before any answer is awaited) and returns the
answers in sending order: a burst for rate-limit tests that does not depend on how fast this process loops.
.PARAMETER SignedHost
The host value to sign (default: the Host header sent, 127.0.0.1:<port>).
.EXAMPLE
Invoke-EmulatorApi $emu DescribeBackupDownloadTask @{ InstanceId = 'cmgo-9d0p6umb' } -Region ap-shanghai
#>
function Invoke-EmulatorApi {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] $Emulator,
        [Parameter(Mandatory, Position = 1)] [string] $Action,
        [Parameter(Position = 2)] $Body = @{},
        [switch] $Temporary,
        [string] $SecretId,
        [string] $SecretKey,
        [string] $Token,
        [long] $Timestamp = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds(),
        [string] $Region = 'ap-guangzhou',
        [switch] $NoRegion,
        [string] $Version = '2019-07-25',
        [string] $ContentType = 'application/json; charset=utf-8',
        [string] $SignedHost,
        [string] $Service = 'mongodb',
        [System.Collections.IDictionary] $Headers = @{},
        [switch] $Raw,
        [ValidateRange(1, 1000)] [int] $Concurrent = 1
    )
    if ($NoRegion -and $PSBoundParameters.ContainsKey('Region')) { throw 'Invoke-EmulatorApi: -Region and -NoRegion exclude each other.' }
    if (-not $SecretId) { $SecretId = if ($Temporary) { $Emulator.TempSecretId } else { $Emulator.SecretId } }
    if (-not $SecretKey) { $SecretKey = if ($Temporary) { $Emulator.TempSecretKey } else { $Emulator.SecretKey } }
    if (-not $Token -and $Temporary) { $Token = $Emulator.Token }
    $json = if ($Body -is [string]) { $Body } else { ConvertTo-Json -InputObject $Body -Depth 20 -Compress }
    $bodyBytes = [Text.Encoding]::UTF8.GetBytes($json)
    $uri = [Uri]"$($Emulator.Endpoint)/"
    if (-not $SignedHost) { $SignedHost = $uri.Authority }

    $date = [DateTimeOffset]::FromUnixTimeSeconds($Timestamp).UtcDateTime.ToString('yyyy-MM-dd')
    $canonical = "POST`n/`n`ncontent-type:$($ContentType.ToLowerInvariant())`nhost:$($SignedHost.ToLowerInvariant())`n`ncontent-type;host`n$(Get-Sha256Hex $bodyBytes)"
    $scope = "$date/$Service/tc3_request"
    $stringToSign = "TC3-HMAC-SHA256`n$Timestamp`n$scope`n$(Get-Sha256Hex ([Text.Encoding]::UTF8.GetBytes($canonical)))"
    $kDate = Get-HmacSha256 ([Text.Encoding]::UTF8.GetBytes("TC3$SecretKey")) $date
    $kSigning = Get-HmacSha256 (Get-HmacSha256 $kDate $Service) 'tc3_request'
    $signature = [Convert]::ToHexStringLower((Get-HmacSha256 $kSigning $stringToSign))

    $all = [ordered]@{
        'X-TC-Action'    = $Action
        'X-TC-Version'   = $Version
        'X-TC-Timestamp' = "$Timestamp"
        'Authorization'  = "TC3-HMAC-SHA256 Credential=$SecretId/$scope, SignedHeaders=content-type;host, Signature=$signature"
    }
    if (-not $NoRegion) { $all['X-TC-Region'] = $Region }
    if ($Token) { $all['X-TC-Token'] = $Token }
    foreach ($k in $Headers.Keys) { $all[$k] = $Headers[$k] }

    $requests = foreach ($n in 1..$Concurrent) {
        $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Post, $uri)
        $request.Content = [System.Net.Http.ByteArrayContent]::new($bodyBytes)
        $request.Content.Headers.TryAddWithoutValidation('Content-Type', $ContentType) | Out-Null
        foreach ($k in $all.Keys) {
            if ($null -ne $all[$k]) { $request.Headers.TryAddWithoutValidation($k, [string]$all[$k]) | Out-Null }
        }
        $request
    }
    try {
        # All sent before any is awaited, so -Concurrent N requests reach the emulator together.
        $sends = @(foreach ($request in $requests) { $script:HttpClient.SendAsync($request) })
        [System.Threading.Tasks.Task]::WaitAll([System.Threading.Tasks.Task[]]$sends)
        $texts = foreach ($send in $sends) {
            $response = $send.Result
            $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
            if ([int]$response.StatusCode -ne 200) { throw "HTTP $([int]$response.StatusCode) from the emulator: $text" }
            $text
        }
    }
    finally { foreach ($request in $requests) { $request.Dispose() } }
    foreach ($text in $texts) {
        if ($Raw) { $text } else { ($text | ConvertFrom-Json).Response }
    }
}

$script:HttpClient = [System.Net.Http.HttpClient]::new()
$script:HttpClient.Timeout = [TimeSpan]::FromSeconds(100)

Export-ModuleMember -Function Start-TestEmulator, Stop-TestEmulator, Get-EmulatorStats, Reset-Emulator, Invoke-EmulatorApi,
    Set-EmulatorObjectStore, Get-EmulatorObjectHash, Set-EmulatorFault, Clear-EmulatorFault, Set-EmulatorAnswer, Clear-EmulatorAnswer,
    Set-EmulatorIdentity, Get-EmulatorIssuedKey
