#Requires -Version 7.2
# The views at the widths consoles open with (80 and 120 columns): every output type rendered with Out-String -Width,
# no line longer than the width, no header that wraps, the key columns whole; Format-List without * stays short.

BeforeAll {
    Import-Module "$PSScriptRoot/Emulator.psm1" -Force
    Import-Module "$PSScriptRoot/../../out/MongoBackup/MongoBackup.psd1" -Force
    . "$PSScriptRoot/TestIsolation.ps1"
    Enter-IsolatedCredentialEnvironment
    $script:emu = Start-TestEmulator -ArgumentList '--rate-limit', '0', '--backup-seconds', '1'
    Connect-TencentCloud -Credential $emu.Credential -Endpoint $emu.Endpoint -Region ap-guangzhou
    $script:samples = @{
        # The widest real values: a sharded cluster's shard, a WaitingForRetry status, the longest region names.
        Task     = @(Get-MongoBackupDownloadTask cmgo-9d0p6umb -Region ap-shanghai -Status WaitingForRetry -First 2) + @(Get-MongoBackupDownloadTask cmgo-p8vnipr5 -First 3)
        Instance = @(Get-MongoInstance -Region * -First 3)
        Backup   = @(Get-MongoBackup cmgo-p8vnipr5)
        Context  = @(Get-TencentCloudContext)
        Rule     = @(Get-MongoBackupRule cmgo-p8vnipr5, cmgo-dygv1rnp)
        Request  = @(New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical -Confirm:$false | Wait-MongoAsyncRequest -PollInterval 0.2 -Timeout 30)
        Database = @(Get-MongoDatabase cmgo-p8vnipr5) + @(Get-MongoDatabase cmgo-p8vnipr5 -Name orders)
    }

    function Test-Rendering([object[]] $Objects, [int] $Width, [string[]] $Headers, [scriptblock[]] $KeyValues) {
        $text = $Objects | Out-String -Width $Width
        $lines = @($text -split "`r?`n")
        foreach ($line in $lines) { $line.Length | Should -BeLessOrEqual $Width -Because "'$line' must fit $Width columns" }
        if ($Headers) {
            $header = @($lines | Where-Object { $_ -match "^$([regex]::Escape($Headers[0]))\s" })
            $header.Count | Should -Be 1 -Because 'the header is one line, not wrapped'
            $columns = @($header[0] -split '\s+' | Where-Object { $_ })
            $columns | Should -Be $Headers
        }
        foreach ($o in $Objects) {
            foreach ($value in $KeyValues) {
                $v = [string](& $value $o)
                $text | Should -Match ([regex]::Escape($v)) -Because "the key value '$v' must be shown whole"
            }
        }
        $text | Should -Not -Match '…' -Because 'no key column is cut'
    }
}

AfterAll {
    Disconnect-TencentCloud
    if ($script:emu) { Stop-TestEmulator $script:emu }
    Exit-IsolatedCredentialEnvironment
}

Describe 'Default views at <Width> columns' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
    It 'download tasks: ReplicaSetId, BackupName, Status, %, Size' {
        Test-Rendering $samples.Task $Width @('ReplicaSetId', 'BackupName', 'Status', '%', 'Size') @(
            { $args[0].ReplicaSetId }, { $args[0].BackupName }, { $args[0].Status }, { [MongoBackup.DisplayFormat]::Bytes($args[0].BackupSize) })
    }

    It 'instances: InstanceId, InstanceName, ClusterType, Status, Region' {
        $named = @($samples.Instance | Where-Object { $_.InstanceName.Length -le 18 })
        Test-Rendering $named $Width @('InstanceId', 'InstanceName', 'ClusterType', 'Status', 'Region') @(
            { $args[0].InstanceId }, { $args[0].InstanceName }, { $args[0].ClusterType }, { $args[0].Status }, { $args[0].Region })
    }

    It 'backups: BackupName, Type, Method, Status, Size, StartTime' {
        Test-Rendering $samples.Backup $Width @('BackupName', 'Type', 'Method', 'Status', 'Size', 'StartTime') @(
            { $args[0].BackupName }, { $args[0].BackupType }, { $args[0].BackupMethod }, { $args[0].Status }, { $args[0].StartTime.ToString('MM-dd HH:mm') })
    }

    It 'the context: a list that fits' {
        Test-Rendering $samples.Context $Width $null @({ $args[0].Region }, { $args[0].SecretId })
    }

    It 'async requests: AsyncRequestId, InstanceId, Status, StartTime, EndTime' {
        Test-Rendering $samples.Request $Width @('AsyncRequestId', 'InstanceId', 'Status', 'StartTime', 'EndTime') @(
            { $args[0].AsyncRequestId }, { $args[0].InstanceId }, { $args[0].Status }, { $args[0].StartTime.ToString('MM-dd HH:mm:ss') })
    }

    It 'databases: InstanceId, Name, Collections' {
        Test-Rendering $samples.Database $Width @('InstanceId', 'Name', 'Collections') @({ $args[0].InstanceId }, { $args[0].Name })
    }

    It 'backup rules: a list that fits' {
        Test-Rendering $samples.Rule $Width $null @({ $args[0].InstanceId }, { $args[0].BackupMethod }, { "$($args[0].BackupSaveTime) days" })
    }

    It 'the Wide views carry more at 200 columns and stay whole' {
        Test-Rendering ($samples.Task | Format-Table -View Wide) 200 $null @({ $args[0].BackupName })
    }
}

Describe 'Format-List without *' {
    It '<Type> shows its detail in a list of at most <Max> lines per object' -ForEach @(
        @{ Type = 'Task'; Max = 15 }
        @{ Type = 'Instance'; Max = 18 }
        @{ Type = 'Backup'; Max = 14 }
        @{ Type = 'Context'; Max = 14 }
        @{ Type = 'Rule'; Max = 18 }
    ) {
        $one = $samples[$Type][0]
        $lines = @(($one | Format-List | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines.Count | Should -BeLessOrEqual $Max
        $lines.Count | Should -BeGreaterThan 3
    }

    It 'a task list keeps the full CreateTime with its offset' {
        $samples.Task[0] | Format-List | Out-String | Should -Match 'CreateTime\s+: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+08:00'
    }
}
