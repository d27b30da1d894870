# Dot-sourced by Pester files: runs the tests with no Tencent Cloud credential from this machine's environment or home,
# and the small helpers several test files share.

$script:IsolationNames = @('TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY', 'TENCENTCLOUD_SESSION_TOKEN', 'TENCENTCLOUD_TOKEN',
    'TENCENTCLOUD_REGION', 'TENCENTCLOUD_CREDENTIALS_FILE', 'TCCLI_PROFILE', 'HOME', 'USERPROFILE',
    'TENCENTCLOUD_METADATA_ENDPOINT', 'TENCENTCLOUD_STS_ENDPOINT', 'TKE_REGION', 'TKE_PROVIDER_ID', 'TKE_WEB_IDENTITY_TOKEN_FILE', 'TKE_ROLE_ARN')

# No test may ask the real metadata address (metadata.tencentyun.com): the isolated environment points the instance-role
# step of the credential chain at a closed loopback port, which refuses at once, as a machine without one would.
$script:ClosedMetadataEndpoint = & {
    $probe = [System.Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
    "http://127.0.0.1:$port"
}

function Enter-IsolatedCredentialEnvironment {
    $script:SavedEnvironment = @{}
    foreach ($name in $script:IsolationNames) {
        $script:SavedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $null)
    }
    $script:IsolatedHome = Join-Path ([IO.Path]::GetTempPath()) ("mb-pester-home-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:IsolatedHome | Out-Null
    $env:HOME = $script:IsolatedHome
    $env:USERPROFILE = $script:IsolatedHome
    $env:TENCENTCLOUD_METADATA_ENDPOINT = $script:ClosedMetadataEndpoint
    Disconnect-TencentCloud
}

function Exit-IsolatedCredentialEnvironment {
    Disconnect-TencentCloud
    if ($script:SavedEnvironment) {
        foreach ($name in $script:IsolationNames) { [Environment]::SetEnvironmentVariable($name, $script:SavedEnvironment[$name]) }
    }
    if ($script:IsolatedHome -and (Test-Path $script:IsolatedHome)) { Remove-Item $script:IsolatedHome -Recurse -Force }
}

# What an error says: its message and its advice (the advice is the ErrorDetails' RecommendedAction, shown once by the
# error view; see ErrorRecords.From).
function Get-ErrorText([System.Management.Automation.ErrorRecord] $ErrorRecord) {
    $advice = if ($ErrorRecord.ErrorDetails) { $ErrorRecord.ErrorDetails.RecommendedAction } else { $null }
    if ($advice) { $ErrorRecord.ToString() + " " + $advice } else { $ErrorRecord.ToString() }
}

# Polls a condition (every -PollMilliseconds, up to -Seconds) and returns its first true value, such as a key reaching
# its refresh time or a file appearing; throws when it does not come true in time.
function Wait-Until([scriptblock] $Condition, [double] $Seconds = 15, [int] $PollMilliseconds = 100) {
    $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
    while (-not ($value = & $Condition)) {
        if ([DateTime]::UtcNow -gt $deadline) { throw "The condition { $Condition } did not come true within $Seconds s." }
        Start-Sleep -Milliseconds $PollMilliseconds
    }
    $value
}

# The first .partial file below $Folder (a download started in another runspace has begun writing), or $null when
# none appears within $Seconds.
function Wait-PartialFile([string] $Folder, [int] $Seconds = 20) {
    try { Wait-Until { Get-ChildItem $Folder -Recurse -Filter *.partial -ErrorAction Ignore | Select-Object -First 1 } $Seconds 20 }
    catch { $null }
}
