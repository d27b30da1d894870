<#
.SYNOPSIS
    Runbook: download the newest successful backup of every instance of a project, safe to re-run.
.DESCRIPTION
    For each instance of the project (every shard of a sharded cluster), prepares the newest successful backup for
    download, waits for it and saves the files under -Destination\<InstanceId>\<BackupName>\<ReplicaSetId>.<ext>, with
    their SHA256 written beside them in SHA256SUMS. Files already present (same size) are skipped unless -Force, so a
    re-run after a failure only fetches what is missing; interrupted downloads resume from their .partial files.
    Credentials come from Connect-TencentCloud, the environment (TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY) or a
    profile, as for every MongoBackup command. Errors of one instance are reported and the others go on; the runbook
    exits 1 when any instance failed, so the scheduler flags the run.
.EXAMPLE
    ./Backup-Project.ps1 -ProjectId 1001 -Region ap-guangzhou -Destination /backups
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [long] $ProjectId,
    [Parameter(Mandatory)] [string] $Region,
    [Parameter(Mandatory)] [string] $Destination,
    [string] $Endpoint,
    [switch] $Force,
    [TimeSpan] $Timeout = '02:00:00'
)
$ErrorActionPreference = 'Stop'
Import-Module MongoBackup -ErrorAction SilentlyContinue   # already imported when run from the demo
$api = @{ Region = $Region }
if ($Endpoint) { $api.Endpoint = $Endpoint }

$instances = @(Get-MongoInstance -ProjectId $ProjectId -Status Running @api)
Write-Host "Project ${ProjectId}: $($instances.Count) running instances in $Region"
$failures = 0
foreach ($instance in $instances) {
    # The newest successful backup of the instance (the service lists the last 7 days).
    $backup = Get-MongoBackup -InstanceId $instance.InstanceId @api |
        Where-Object Status -eq Succeeded | Sort-Object StartTime -Descending | Select-Object -First 1
    if (-not $backup) { Write-Warning "$($instance.InstanceId): no successful backup in the last 7 days"; continue }

    $saveParams = @{ Destination = $Destination; Hash = $true }
    if ($Force) { $saveParams.Force = $true } else { $saveParams.SkipExisting = $true }
    # One task per shard; each file starts downloading as soon as its shard is ready.
    $files = @($backup | New-MongoBackupDownloadTask @api -ErrorAction Continue -ErrorVariable +problems |
        Wait-MongoBackupDownloadTask @api -Timeout $Timeout -ErrorAction Continue -ErrorVariable +problems |
        Save-MongoBackupFile @saveParams @api -ErrorAction Continue -ErrorVariable +problems)
    if ($problems) { $failures++; $problems = $null; continue }

    $folder = Split-Path $files[0].FullName
    $files | ForEach-Object { '{0}  {1}' -f $_.Hash.ToLowerInvariant(), $_.Name } | Set-Content (Join-Path $folder 'SHA256SUMS')
    Write-Host ('{0}: {1} file(s), {2:N0} bytes in {3}' -f $instance.InstanceId, $files.Count, ($files | Measure-Object Length -Sum).Sum, $folder)
}
if ($failures) { Write-Error "$failures instance(s) failed; re-run to resume." -ErrorAction Continue; exit 1 }
