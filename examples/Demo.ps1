<#
.SYNOPSIS
    A short tour of MongoBackup against the local emulator (build.ps1 -Task Demo starts it and runs this script).
.DESCRIPTION
    The credentials come from TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY, as in a runbook; -Endpoint points the
    module at the emulator instead of https://mongodb.tencentcloudapi.com.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Endpoint
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

function Show-Step([string] $Text) { Write-Host "`n# $Text" -ForegroundColor Yellow }

# Every MongoBackup command of this script goes to the emulator.
$PSDefaultParameterValues['*-Mongo*:Endpoint'] = $Endpoint

Show-Step 'Where do the credentials come from? (the SecretId is masked; the key is never shown)'
Get-TencentCloudContext -Endpoint $Endpoint -Region ap-guangzhou | Format-List | Out-String -Width 220 | Write-Host

Show-Step "The API documentation's example: the downloaded tasks of cmgo-dygv1rnp"
Get-MongoBackupDownloadTask -InstanceId cmgo-dygv1rnp -Status Downloaded -Region ap-guangzhou | Format-List | Out-String -Width 220 | Write-Host

Show-Step 'How many tasks has cmgo-p8vnipr5? (-IncludeTotalCount -First 0 asks only for the count)'
Get-MongoBackupDownloadTask cmgo-p8vnipr5 -IncludeTotalCount -First 0 -Region ap-guangzhou | Out-String -Width 220 | Write-Host

Show-Step 'Its downloaded or failed tasks over 1 GB, oldest first (all pages, fetched as needed)'
Get-MongoBackupDownloadTask -InstanceId cmgo-p8vnipr5 -Status Downloaded, Failed -Region ap-guangzhou |
    Where-Object BackupSize -gt 1GB |
    Sort-Object CreateTime |
    Select-Object -First 10 |
    Format-Table | Out-String -Width 220 | Write-Host

Show-Step 'Tasks per status on the sharded cluster cmgo-9d0p6umb (ap-shanghai)'
Get-MongoBackupDownloadTask cmgo-9d0p6umb -Region ap-shanghai | Group-Object Status -NoElement | Sort-Object Name | Format-Table Count, Name | Out-String -Width 220 | Write-Host

Show-Step 'An unknown instance is a clear, non-terminating error; the other inputs still run'
'cmgo-zzzzzzzz', 'cmgo-dygv1rnp' | Get-MongoBackupDownloadTask -Region ap-guangzhou -ErrorAction Continue -ErrorVariable problems | Format-Table | Out-String -Width 220 | Write-Host
"ErrorId: $($problems[0].FullyQualifiedErrorId)  Category: $($problems[0].CategoryInfo.Category)  Target: $($problems[0].TargetObject)" | Out-String -Width 220 | Write-Host

# ---------------------------------------------------------------------------------------------------------------
# The download workflow: from an instance to verified backup files on disk, in one pipeline.
$saveTo = Join-Path ([IO.Path]::GetTempPath()) "mongobackup-demo-$PID"

Show-Step 'The sharded instances of every region (-Region * asks them all, in parallel)'
Get-MongoInstance -ClusterType Sharded -Region * | Format-Table | Out-String -Width 220 | Write-Host

Show-Step 'The backups of cmgo-p8vnipr5 (sizes in bytes, converted from the API''s KB)'
Get-MongoBackup cmgo-p8vnipr5 -Region ap-guangzhou | Format-Table | Out-String -Width 220 | Write-Host

Show-Step 'Instance -> newest successful backup -> download task -> wait -> file, in one pipeline'
# The service does not document the order of its backups: "newest" is a sort by StartTime. Each object carries the
# region it was read from (RequestRegion), so the commands down the pipeline ask that region.
Get-MongoInstance -InstanceId cmgo-p8vnipr5 -Region ap-guangzhou |
    Get-MongoBackup | Where-Object { $_.Status -eq 'Succeeded' -and $_.BackupSize -lt 64MB -and $_.BackupDesc -notmatch 'fail' } |
    Sort-Object StartTime -Descending | Select-Object -First 1 |
    New-MongoBackupDownloadTask | Wait-MongoBackupDownloadTask -PollInterval 1 |
    Save-MongoBackupFile -Destination $saveTo -Hash |
    Format-Table InstanceId, ReplicaSetId, Length, Hash | Out-String -Width 220 | Write-Host

Show-Step 'A sharded cluster downloads whole: one file per shard, fetched in parallel (its region found with -Region *)'
Get-MongoBackup cmgo-9d0p6umb -Region * | Where-Object Status -eq Succeeded | Sort-Object StartTime -Descending | Select-Object -First 1 |
    New-MongoBackupDownloadTask | Wait-MongoBackupDownloadTask -PollInterval 1 |
    Save-MongoBackupFile -Destination $saveTo -Hash |
    Format-Table InstanceId, ReplicaSetId, Length, Hash | Out-String -Width 220 | Write-Host

Show-Step "What was saved under $saveTo"
Get-ChildItem $saveTo -Recurse -File | ForEach-Object {
    [pscustomobject]@{ File = $_.FullName.Substring($saveTo.Length + 1); Size = [MongoBackup.DisplayFormat]::Bytes($_.Length) }
} | Format-Table -AutoSize | Out-String -Width 220 | Write-Host
Remove-Item $saveTo -Recurse -Force
