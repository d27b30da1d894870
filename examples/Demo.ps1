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
Get-TencentCloudContext -Endpoint $Endpoint -Region ap-guangzhou | Format-List | Out-Host

Show-Step "The API documentation's example: the downloaded tasks of cmgo-dygv1rnp"
Get-MongoBackupDownloadTask -InstanceId cmgo-dygv1rnp -Status Downloaded -Region ap-guangzhou | Format-List | Out-Host

Show-Step 'How many tasks has cmgo-p8vnipr5? (-IncludeTotalCount -First 0 asks only for the count)'
Get-MongoBackupDownloadTask cmgo-p8vnipr5 -IncludeTotalCount -First 0 -Region ap-guangzhou | Out-Host

Show-Step 'Its downloaded or failed tasks over 1 GB, oldest first (all pages, fetched as needed)'
Get-MongoBackupDownloadTask -InstanceId cmgo-p8vnipr5 -Status Downloaded, Failed -Region ap-guangzhou |
    Where-Object BackupSize -gt 1GB |
    Sort-Object CreateTime |
    Select-Object -First 10 |
    Format-Table | Out-Host

Show-Step 'Tasks per status on the sharded cluster cmgo-9d0p6umb (ap-shanghai)'
Get-MongoBackupDownloadTask cmgo-9d0p6umb -Region ap-shanghai | Group-Object Status -NoElement | Sort-Object Name | Format-Table Count, Name | Out-Host

Show-Step 'An unknown instance is a clear, non-terminating error; the other inputs still run'
'cmgo-zzzzzzzz', 'cmgo-dygv1rnp' | Get-MongoBackupDownloadTask -Region ap-guangzhou -ErrorAction Continue -ErrorVariable problems | Format-Table | Out-Host
"ErrorId: $($problems[0].FullyQualifiedErrorId)  Category: $($problems[0].CategoryInfo.Category)  Target: $($problems[0].TargetObject)" | Out-Host
