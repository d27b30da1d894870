#Requires -Version 7.2
# The Gallery package (build.ps1 -Task Package, which the test task runs first): a valid manifest, the PSData the
# Gallery shows, and an install with PSResourceGet's Install-PSResource from a local folder repository into a
# temporary user scope, imported by name in a fresh pwsh and run against the emulator.

BeforeAll {
    Import-Module "$PSScriptRoot/Emulator.psm1" -Force
    $script:root = (Resolve-Path "$PSScriptRoot/../..").Path
    $script:version = (Import-PowerShellDataFile (Join-Path $root 'MongoBackup.psd1')).ModuleVersion
    $script:nupkg = Join-Path $root "out/MongoBackup.$version.nupkg"
    $script:built = Join-Path $root 'out/MongoBackup/MongoBackup.psd1'

    . "$PSScriptRoot/FreshPwsh.ps1"
}

Describe 'The package' {
    It 'was built as out/MongoBackup.<version>.nupkg' {
        Test-Path $nupkg | Should -BeTrue -Because 'build.ps1 -Task Test packages the module before the tests'
    }

    It 'has a manifest that Test-ModuleManifest accepts' {
        $m = Test-ModuleManifest $built -ErrorAction Stop
        $m.Version | Should -Be ([version]$version)
        $m.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
    }

    It 'has the PSData the Gallery shows, with the release notes of CHANGELOG.md' {
        $psData = (Import-PowerShellDataFile $built).PrivateData.PSData
        $psData.Tags | Should -Contain 'TencentCloud'
        $psData.Tags | Should -Contain 'PSEdition_Core'
        $psData.ProjectUri | Should -Match '^https://'
        $psData.LicenseUri | Should -Match '^https://'
        $changelog = Get-Content (Join-Path $root 'CHANGELOG.md') -Raw
        $section = [regex]::Match($changelog, "(?ms)^## $([regex]::Escape($version))\b[^\n]*\n(.*?)(?=^## |\z)").Groups[1].Value.Trim()
        $section | Should -Not -BeNullOrEmpty
        $psData.ReleaseNotes.Trim() | Should -BeExactly $section
        (Import-PowerShellDataFile (Join-Path $root 'MongoBackup.psd1')).PrivateData.PSData.ReleaseNotes | Should -BeNullOrEmpty -Because 'the notes are written once, in CHANGELOG.md'
    }

    It 'holds the module, its formats, its help and the licence, and no other assembly' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($nupkg)
        try { $names = @($zip.Entries.FullName) } finally { $zip.Dispose() }
        foreach ($file in 'MongoBackup.psd1', 'MongoBackup.dll', 'MongoBackup.Format.ps1xml', 'en-US/MongoBackup.dll-Help.xml', 'LICENSE') {
            $names | Should -Contain $file
        }
        @($names | Where-Object { $_ -like '*.dll' }) | Should -Be @('MongoBackup.dll')
    }

    It 'installs with Install-PSResource from a local repository and runs from a fresh pwsh' {
        $home1 = Join-Path ([IO.Path]::GetTempPath()) ('mb-package-' + [guid]::NewGuid().ToString('N'))
        $repo = Join-Path $home1 'repo'
        New-Item -ItemType Directory -Path $repo -Force | Out-Null
        Copy-Item $nupkg $repo
        $emu = Start-TestEmulator -ArgumentList '--rate-limit', '0'
        try {
            $install = Invoke-FreshPwsh -HomePath $home1 -Script @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name MongoBackupTest -Uri '$repo' -Trusted
Install-PSResource -Name MongoBackup -Version '$version' -Repository MongoBackupTest -Scope CurrentUser -TrustRepository
(Get-InstalledPSResource -Name MongoBackup -Scope CurrentUser).InstalledLocation
"@
            $install.ExitCode | Should -Be 0 -Because $install.Error
            $install.Output | Should -Match ([regex]::Escape($home1))

            $run = Invoke-FreshPwsh -HomePath $home1 -Environment @{
                TENCENTCLOUD_SECRET_ID = $emu.SecretId; TENCENTCLOUD_SECRET_KEY = $emu.SecretKey; TENCENTCLOUD_REGION = 'ap-guangzhou'
            } -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module MongoBackup
(Get-Module MongoBackup).ModuleBase
`$t = @(Get-MongoBackupDownloadTask cmgo-dygv1rnp -Status Downloaded -Endpoint '$($emu.Endpoint)')
"TASKS=`$(`$t.Count) `$(`$t[0].BackupName)"
"@
            $run.ExitCode | Should -Be 0 -Because $run.Error
            $run.Output | Should -Match ([regex]::Escape($home1))
            $run.Output | Should -Match 'TASKS=1 cmgo-dygv1rnp_2021-03-26 10:44'
        } finally {
            Stop-TestEmulator $emu
            Remove-Item $home1 -Recurse -Force -ErrorAction Ignore
        }
    }
}
