#Requires -Version 7.2
# Errors as the console shows them: each error rendered by PowerShell's own error view (Out-String, as the host prints it),
# under ConciseView (PowerShell 7's default) and NormalView (Windows PowerShell 5.1's only view, and PowerShell 7's
# other). Multi-line advice keeps its line breaks, and the advice is given once, never both in the message and as the
# "Recommendation".

BeforeAll {
    Import-Module "$PSScriptRoot/Emulator.psm1" -Force
    Import-Module "$PSScriptRoot/../../out/MongoBackup/MongoBackup.psd1" -Force
    . "$PSScriptRoot/TestIsolation.ps1"
    $script:emu = Start-TestEmulator -ArgumentList '--rate-limit', '0', '--task-seconds', '600'
    $script:common = @{ Endpoint = $emu.Endpoint; Credential = $emu.Credential; Region = 'ap-guangzhou' }
    $script:savedView = $global:ErrorView
    $script:savedRendering = $PSStyle.OutputRendering
    $PSStyle.OutputRendering = 'PlainText'

    # The lines of an error as the console prints it under $View, without the view's gutters ("|", "Recommendation:").
    function Get-RenderedErrorLine([scriptblock] $Command, [string] $View) {
        $global:ErrorView = $View # the module reads the view when it builds the record, the host when it prints it
        $record = $null
        try { $record = & $Command 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | Select-Object -First 1 }
        catch { $record = $_ }
        $record | Should -BeOfType System.Management.Automation.ErrorRecord
        $text = $record | Out-String -Width 500
        foreach ($line in $text -split '\r?\n') { ($line -replace '^\s*\|\s?', '' -replace '^\s*Recommendation:\s*', '').Trim() }
    }

    # How often $Phrase occurs in the rendered lines, anywhere (a view may run a message's lines together).
    function Get-Occurrence([string[]] $Lines, [string] $Phrase) {
        ([regex]::Matches(($Lines -join ' '), [regex]::Escape($Phrase))).Count
    }

    # $Phrase is given once, and starts a line of its own.
    function Assert-OwnLineOnce([string[]] $Lines, [string] $Phrase) {
        Get-Occurrence $Lines $Phrase | Should -Be 1 -Because "'$Phrase' is said once"
        @($Lines | Where-Object { $_.StartsWith($Phrase) }).Count | Should -Be 1 -Because "'$Phrase' starts a line of its own"
    }
}

AfterAll {
    $global:ErrorView = $script:savedView
    $PSStyle.OutputRendering = $script:savedRendering
    Stop-TestEmulator $script:emu
}

Describe 'A rendered error under <_>' -ForEach 'ConciseView', 'NormalView' {
    BeforeAll { Enter-IsolatedCredentialEnvironment }
    AfterAll { Exit-IsolatedCredentialEnvironment }

    It 'no credentials: one sentence, then the ways to give one, each on its own line, once' {
        $lines = Get-RenderedErrorLine { Get-MongoInstance -Region ap-guangzhou -Endpoint $emu.Endpoint } $_
        Get-Occurrence $lines 'No Tencent Cloud credentials were found' | Should -Be 1
        Assert-OwnLineOnce $lines 'Provide them in one of these ways:'
        foreach ($way in '- Connect-TencentCloud -SecretId', '- -Credential (Get-Credential)', '- the environment variables TENCENTCLOUD_SECRET_ID',
            '- the SDK credentials file', "- tccli's profile file", '- a CAM role bound to this CVM instance', "- TKE's OIDC web identity") {
            Assert-OwnLineOnce $lines $way
        }
    }

    It 'no region: the ways to give one, each on its own line, once' {
        $lines = Get-RenderedErrorLine { Get-MongoInstance -Endpoint $emu.Endpoint -Credential $emu.Credential } $_
        Get-Occurrence $lines 'No region is set' | Should -Be 1
        Assert-OwnLineOnce $lines 'Give one in one of these ways:'
        foreach ($way in '- -Region ap-guangzhou on the command', '- Connect-TencentCloud -Region ap-guangzhou', '- the environment variable TENCENTCLOUD_REGION', "- tccli's profile file") {
            Assert-OwnLineOnce $lines $way
        }
    }

    It "a per-input error's one-line advice, once" {
        $pending = Get-MongoBackupDownloadTask cmgo-p8vnipr5 -Status Waiting -First 1 @common
        $pending | Should -Not -BeNullOrEmpty
        $folder = Join-Path ([IO.Path]::GetTempPath()) "mb-errorview-$([guid]::NewGuid().ToString('N'))"
        try {
            $lines = Get-RenderedErrorLine { $pending | Save-MongoBackupFile -Destination $folder @common } $_
            Get-Occurrence $lines 'Pipe the task through Wait-MongoBackupDownloadTask first.' | Should -Be 1
        }
        finally { if (Test-Path $folder) { Remove-Item $folder -Recurse -Force } }
    }
}
