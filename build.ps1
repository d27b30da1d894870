<#
.SYNOPSIS
    Builds, tests and demonstrates the MongoBackup module.
.DESCRIPTION
    Plain PowerShell, no build-tool modules. Needs only the .NET SDK and the local tools of dotnet-tools.json
    (run `dotnet tool restore` first); Pester comes from NuGet, the official Node SDK (for one test file) from npm.

      Build  out/MongoBackup/ (manifest, dll, formats, help), importable by path; out/emulator/ (the API emulator).
      Test   Build and package, then the xunit tests (net10.0, and net472 under Mono when mono is installed) and the Pester
             tests; prints 'N passed, N failed' (all counted together) and exits non-zero on a failure.
      Demo   Build, start the emulator, run examples/Demo.ps1 against it, stop the emulator.
      Package  Build, then out/MongoBackup.<version>.nupkg with PSResourceGet's Publish-PSResource to a local folder repository.
      Publish  Package, then publish to the PowerShell Gallery (-ApiKey, required; -Repository to publish elsewhere).
      Bench  Build, then bench/Bench.ps1: every benchmark of docs/benchmarks.md against its peer (curl, the Node SDK,
             hand-signed Invoke-RestMethod); results in out/bench/. -BenchArgs '-Only PerCall,Import -Repeat 5' passes arguments.
      Clean  Remove out/ and the projects' bin/obj folders.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Publish', 'Bench', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Pester files to run (default: all of tests/Pester). For a quick loop on one file.
    [string[]] $PesterPath,

    # Publish: the PowerShell Gallery API key (never printed).
    [string] $ApiKey,

    # Publish: the PSResourceGet repository to publish to.
    [string] $Repository = 'PSGallery',

    # With -Task Bench: arguments for bench/Bench.ps1 in one string, such as '-Only PerCall,Import -Repeat 5'.
    [string] $BenchArgs = ''
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'MongoBackup'
$emulatorOut = Join-Path $out 'emulator'
$toolsOut = Join-Path $out 'tools'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Invoke-Native {
    # Runs a native command; a non-zero exit is a terminating error naming the command.
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @(), [switch] $AllowFailure)
    Write-Host "> $FilePath $($ArgumentList -join ' ')" -ForegroundColor DarkGray
    & $FilePath @ArgumentList | Out-Host
    if ($LASTEXITCODE -ne 0 -and -not $AllowFailure) {
        throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }
    return $LASTEXITCODE
}

function Get-ModuleVersion {
    (Import-PowerShellDataFile (Join-Path $root 'MongoBackup.psd1')).ModuleVersion
}

function Invoke-Build {
    $version = Get-ModuleVersion
    Write-Host "Building MongoBackup $version ($Configuration)" -ForegroundColor Cyan
    $bin = Join-Path $out "bin/MongoBackup"
    $null = Invoke-Native dotnet @('build', (Join-Path $root 'src/MongoBackup/MongoBackup.csproj'), '-c', $Configuration, '-o', $bin, '--nologo', '-v', 'quiet')

    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $moduleOut, (Join-Path $moduleOut 'en-US') -Force
    Copy-Item (Join-Path $bin 'MongoBackup.dll') $moduleOut
    Copy-Item (Join-Path $root 'MongoBackup.psd1') $moduleOut
    Set-ReleaseNotes (Join-Path $moduleOut 'MongoBackup.psd1') $version
    Copy-Item (Join-Path $root 'LICENSE') $moduleOut
    Copy-Item (Join-Path $root 'formats/MongoBackup.Format.ps1xml') $moduleOut
    $extra = Get-ChildItem $bin -Filter *.dll | Where-Object Name -ne 'MongoBackup.dll'
    if ($extra) { throw "The module must ship no third-party assembly, but the build produced: $($extra.Name -join ', ')" }

    # Help: MAML generated from the C# doc comments, in a child process so this one never loads the module.
    $null = Invoke-Native dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'build/New-MamlHelp.ps1'),
        '-ModuleManifest', (Join-Path $moduleOut 'MongoBackup.psd1'), '-XmlDoc', (Join-Path $bin 'MongoBackup.xml'),
        '-OutFile', (Join-Path $moduleOut 'en-US/MongoBackup.dll-Help.xml'))
    # about_MongoBackup: written in markdown under docs/, converted to PowerShell's about-topic text.
    $null = Invoke-Native dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'build/ConvertTo-AboutHelp.ps1'),
        '-Path', (Join-Path $root 'docs/about_MongoBackup.md'), '-OutFile', (Join-Path $moduleOut 'en-US/about_MongoBackup.help.txt'))

    $null = Invoke-Native dotnet @('build', (Join-Path $root 'tests/MongoBackup.Emulator/MongoBackup.Emulator.csproj'), '-c', $Configuration, '-o', $emulatorOut, '--nologo', '-v', 'quiet')
    Write-Host "Module: $moduleOut" -ForegroundColor Green
}

function Get-ReleaseNotes([string] $Version) {
    # The section '## <Version>' of CHANGELOG.md, up to the next '## '.
    $text = Get-Content (Join-Path $root 'CHANGELOG.md') -Raw
    $match = [regex]::Match($text, "(?ms)^## $([regex]::Escape($Version))\b[^\n]*\n(.*?)(?=^## |\z)")
    if (-not $match.Success) { throw "CHANGELOG.md has no section '## $Version': write the release notes of this version there." }
    $match.Groups[1].Value.Trim()
}

function Set-ReleaseNotes([string] $Manifest, [string] $Version) {
    # Writes the release notes into the built manifest's PSData, as a single-quoted here-string (taken literally).
    $notes = Get-ReleaseNotes $Version
    if ($notes -match "(?m)^'@") { throw "A line of the release notes of $Version starts with '@, which would end the manifest's here-string." }
    $text = Get-Content $Manifest -Raw
    $replaced = $text -replace "ReleaseNotes = ''", "ReleaseNotes = @'`n$notes`n'@"
    if ($replaced -eq $text) { throw "The manifest has no empty ReleaseNotes to fill." }
    Set-Content -Path $Manifest -Value $replaced -NoNewline
}

function Invoke-Package {
    Invoke-Build
    $version = Get-ModuleVersion
    $null = Test-ModuleManifest (Join-Path $moduleOut 'MongoBackup.psd1') -ErrorAction Stop
    $packages = Join-Path $out 'packages'
    if (Test-Path $packages) { Remove-Item $packages -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $packages
    # A local folder repository, registered for this run only.
    $name = "MongoBackupBuild$PID"
    Register-PSResourceRepository -Name $name -Uri $packages -Trusted
    try {
        Publish-PSResource -Path $moduleOut -Repository $name -SkipDependenciesCheck
    } finally {
        Unregister-PSResourceRepository -Name $name
    }
    $nupkg = Join-Path $out "MongoBackup.$version.nupkg"
    Move-Item (Join-Path $packages "MongoBackup.$version.nupkg") $nupkg -Force
    Remove-Item $packages -Recurse -Force
    Write-Host "Package: $nupkg" -ForegroundColor Green
    $nupkg
}

function Invoke-Publish {
    if (-not $ApiKey) { throw 'Publish needs -ApiKey (a PowerShell Gallery API key). Nothing was published.' }
    $null = Invoke-Package
    Publish-PSResource -Path $moduleOut -Repository $Repository -ApiKey $ApiKey
    Write-Host "Published MongoBackup $(Get-ModuleVersion) to $Repository." -ForegroundColor Green
}

function Get-PesterModulePath {
    # The Gallery is unreachable: Pester comes from NuGet through a PackageDownload restore.
    $packages = Join-Path $toolsOut 'packages'
    $psd1 = Join-Path $packages 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $psd1)) {
        $null = Invoke-Native dotnet @('restore', (Join-Path $root 'tests/tools/Pester.Download.csproj'), '--packages', $packages, '--nologo', '-v', 'quiet')
    }
    if (-not (Test-Path $psd1)) { throw "Pester 5.7.1 was restored but $psd1 is missing." }
    $psd1
}

function Install-NodeSdk {
    # For NodeSdk.Tests.ps1 only; that file skips with a visible reason if this fails.
    $nodeDir = Join-Path $root 'tests/node'
    if (-not (Get-Command npm -ErrorAction Ignore)) { Write-Warning 'npm is not installed: the official Node SDK tests will be skipped.'; return }
    if (Test-Path (Join-Path $nodeDir 'node_modules/tencentcloud-sdk-nodejs-mongodb')) { return }
    Push-Location $nodeDir
    try {
        $code = Invoke-Native npm @('ci', '--no-audit', '--no-fund', '--loglevel=error') -AllowFailure
        if ($code -ne 0) { Write-Warning "npm ci failed (exit $code): the official Node SDK tests will be skipped." }
    } finally { Pop-Location }
}

function Invoke-XunitTests {
    $results = Join-Path $out 'test-results'
    $trx = Join-Path $results 'xunit.trx'
    if (Test-Path $trx) { Remove-Item $trx }
    $code = Invoke-Native dotnet @('test', (Join-Path $root 'tests/MongoBackup.Tests/MongoBackup.Tests.csproj'), '-c', $Configuration, '--nologo',
        '--logger', "trx;LogFileName=$trx", '--logger', 'console;verbosity=minimal') -AllowFailure
    if (-not (Test-Path $trx)) {
        Write-Warning "xunit produced no results (exit $code): counting it as one failure."
        return [pscustomobject]@{ Passed = 0; Failed = 1 }
    }
    $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
    $failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    if ($code -ne 0 -and $failed -eq 0) { $failed = 1 }
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = $failed }
}

function Invoke-NetFxTests {
    # The client, API and transfer tests built for net472 (the runtime of Windows PowerShell 5.1), run under Mono.
    $results = Join-Path $out 'test-results'
    $null = New-Item -ItemType Directory -Path $results -Force
    if (-not (Get-Command mono -ErrorAction Ignore)) {
        Write-Warning 'mono is not installed: the .NET Framework (net472) tests were NOT run. Install it (Debian: apt-get install mono-complete) to run them; .ci/run does.'
        return [pscustomobject]@{ Passed = 0; Failed = 0; Ran = $false }
    }
    $bin = Join-Path $out 'bin/netfx-tests'
    $null = Invoke-Native dotnet @('build', (Join-Path $root 'tests/MongoBackup.Tests.NetFx/MongoBackup.Tests.NetFx.csproj'), '-c', $Configuration, '-o', $bin, '--nologo', '-v', 'quiet')
    $runner = (Get-Content (Join-Path $bin 'xunit-runner.txt') -TotalCount 1).Trim()
    $xml = Join-Path $results 'netfx.xml'
    if (Test-Path $xml) { Remove-Item $xml }
    $code = Invoke-Native mono @($runner, (Join-Path $bin 'MongoBackup.Tests.dll'), '-xml', $xml, '-nologo') -AllowFailure
    if (-not (Test-Path $xml)) {
        Write-Warning "The net472 tests under Mono produced no results (exit $code): counting it as one failure."
        return [pscustomobject]@{ Passed = 0; Failed = 1; Ran = $true }
    }
    # Attributes by name: the element also has a child <errors>.
    $assembly = ([xml](Get-Content $xml -Raw)).assemblies.assembly
    $failed = [int]$assembly.GetAttribute('failed') + [int]$assembly.GetAttribute('errors')
    if ($code -ne 0 -and $failed -eq 0) { $failed = 1 }
    [pscustomobject]@{ Passed = [int]$assembly.GetAttribute('passed'); Failed = $failed; Ran = $true }
}

function Invoke-PesterTests {
    param([string] $PesterModule)
    $results = Join-Path $out 'test-results'
    $null = New-Item -ItemType Directory -Path $results -Force
    $summary = Join-Path $results 'pester-summary.json'
    if (Test-Path $summary) { Remove-Item $summary }
    $paths = if ($PesterPath) { $PesterPath | ForEach-Object { (Resolve-Path $_).Path } } else { @(Join-Path $root 'tests/Pester') }
    # A fresh pwsh: the tests import out/MongoBackup themselves; this process never loads it.
    $script = @'
param($PesterModule, $Paths, $Summary, $ResultFile)
Import-Module $PesterModule -Force
$config = New-PesterConfiguration
$config.Run.Path = $Paths
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = $ResultFile
$r = Invoke-Pester -Configuration $config
[pscustomobject]@{ Passed = $r.PassedCount; Failed = $r.FailedCount + $r.FailedBlocksCount + $r.FailedContainersCount; Skipped = $r.SkippedCount } |
    ConvertTo-Json | Set-Content -Path $Summary
'@
    $scriptFile = Join-Path $results 'run-pester.ps1'
    Set-Content -Path $scriptFile -Value $script
    $code = Invoke-Native dotnet (@('pwsh', '-NoProfile', '-NonInteractive', '-File', $scriptFile, '-PesterModule', $PesterModule,
        '-Paths') + @($paths -join ',') + @('-Summary', $summary, '-ResultFile', (Join-Path $results 'pester.xml'))) -AllowFailure
    if (-not (Test-Path $summary)) {
        Write-Warning "Pester produced no summary (exit $code): counting it as one failure."
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    Get-Content $summary -Raw | ConvertFrom-Json
}

function Invoke-Test {
    # The package too: tests/Pester/Package.Tests.ps1 installs it.
    $null = Invoke-Package
    $pester = Get-PesterModulePath
    Install-NodeSdk
    $xunit = Invoke-XunitTests
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed" -ForegroundColor Cyan
    $netfx = Invoke-NetFxTests
    if ($netfx.Ran) { Write-Host "xunit net472 under Mono: $($netfx.Passed) passed, $($netfx.Failed) failed" -ForegroundColor Cyan }
    $pesterResult = Invoke-PesterTests -PesterModule $pester
    Write-Host "Pester: $($pesterResult.Passed) passed, $($pesterResult.Failed) failed, $($pesterResult.Skipped) skipped" -ForegroundColor Cyan
    $passed = $xunit.Passed + $netfx.Passed + $pesterResult.Passed
    $failed = $xunit.Failed + $netfx.Failed + $pesterResult.Failed
    $skippedNote = if ($pesterResult.Skipped) { ", $($pesterResult.Skipped) skipped" } else { '' }
    Write-Host "$passed passed, $failed failed$skippedNote"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    Import-Module (Join-Path $root 'tests/Pester/Emulator.psm1') -Force
    $env:MONGOBACKUP_EMULATOR_DLL = Join-Path $emulatorOut 'MongoBackup.Emulator.dll'
    # Download tasks take 3 s to prepare in the demo (6 s by default).
    $emulator = Start-TestEmulator -ArgumentList '--task-seconds', '3'
    try {
        Write-Host "Emulator listening on $($emulator.Endpoint)" -ForegroundColor Cyan
        # The demo finds its key the way a runbook would, in the environment; never on a command line.
        $env:TENCENTCLOUD_SECRET_ID = $emulator.SecretId
        $env:TENCENTCLOUD_SECRET_KEY = $emulator.SecretKey
        $code = Invoke-Native dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'examples/Demo.ps1'),
            '-ModulePath', (Join-Path $moduleOut 'MongoBackup.psd1'), '-Endpoint', $emulator.Endpoint) -AllowFailure
        if ($code -ne 0) { throw "The demo failed (exit $code)." }
    } finally {
        Remove-Item Env:TENCENTCLOUD_SECRET_ID, Env:TENCENTCLOUD_SECRET_KEY -ErrorAction Ignore
        Stop-TestEmulator $emulator
        Write-Host 'Emulator stopped.' -ForegroundColor Cyan
    }
}

function Invoke-Bench {
    Invoke-Build
    Install-NodeSdk
    # curl and /proc are what the benchmarks need besides the build; memory is read from /proc/<pid>/status (VmHWM).
    if (-not (Get-Command curl -ErrorAction Ignore)) { Write-Warning 'curl is not installed: the benchmarks against curl are skipped.' }
    if (-not (Test-Path /proc/self/status)) { throw 'The benchmarks read memory from /proc: run them on Linux.' }
    $extra = @($BenchArgs -split '\s+' | Where-Object { $_ })
    $code = Invoke-Native dotnet (@('pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'bench/Bench.ps1')) + $extra) -AllowFailure
    if ($code -ne 0) { throw "The benchmarks failed (exit $code)." }
}

function Invoke-Clean {
    foreach ($dir in @($out) + @(Get-ChildItem $root -Recurse -Directory -Include bin, obj -ErrorAction Ignore |
            Where-Object { $_.FullName -notmatch 'node_modules' } | ForEach-Object FullName)) {
        if (Test-Path $dir) { Remove-Item $dir -Recurse -Force; Write-Host "Removed $dir" }
    }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Package' { $null = Invoke-Package }
    'Publish' { Invoke-Publish }
    'Clean' { Invoke-Clean }
    'Bench' { Invoke-Bench }
}
