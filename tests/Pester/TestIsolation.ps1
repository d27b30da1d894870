# Dot-sourced by Pester files: runs the tests with no Tencent Cloud credential from this machine's environment or home.

$script:IsolationNames = @('TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY', 'TENCENTCLOUD_SESSION_TOKEN', 'TENCENTCLOUD_TOKEN',
    'TENCENTCLOUD_REGION', 'TENCENTCLOUD_CREDENTIALS_FILE', 'TCCLI_PROFILE', 'HOME', 'USERPROFILE')

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
    Disconnect-TencentCloud
}

function Exit-IsolatedCredentialEnvironment {
    Disconnect-TencentCloud
    if ($script:SavedEnvironment) {
        foreach ($name in $script:IsolationNames) { [Environment]::SetEnvironmentVariable($name, $script:SavedEnvironment[$name]) }
    }
    if ($script:IsolatedHome -and (Test-Path $script:IsolatedHome)) { Remove-Item $script:IsolatedHome -Recurse -Force }
}
