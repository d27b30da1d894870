<#
.SYNOPSIS
    Runbook: take a backup of an instance and download it, check the automatic backup rule against a policy, and prune
    the old manual backups.
.DESCRIPTION
    1. Starts a manual backup (New-MongoBackup -Wait: waits for the request, then finds the new backup) and downloads it
       under -Destination\<InstanceId>\<BackupName>\<ReplicaSetId>.<ext>, every shard, with its SHA256.
    2. Checks the instance's automatic backup rule (Get-MongoBackupRule) against the policy: backups kept at least
       -PolicyRetentionDays days, on every day of -PolicyWeekdays. With -FixRules a rule that falls short is changed
       (Set-MongoBackupRule, only what the policy needs); without it the runbook reports it and fails.
    3. Prunes the manual backups older than -KeepDays days (never the one just taken, never automatic ones): first with
       -WhatIf, so the log shows what goes, then for real unless -DryRun.
    Credentials come from Connect-TencentCloud, the environment (TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY) or a
    profile, as for every MongoBackup command. The runbook exits 1 when a step failed or the rule breaks the policy,
    so the scheduler flags the run.
.EXAMPLE
    ./Invoke-BackupLifecycle.ps1 -InstanceId cmgo-p8vnipr5 -Region ap-guangzhou -Destination /backups -KeepDays 7 -PolicyRetentionDays 14 -FixRules
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $InstanceId,
    [Parameter(Mandatory)] [string] $Region,
    [Parameter(Mandatory)] [string] $Destination,
    [string] $Endpoint,
    [ValidateSet('Logical', 'Physical')] [string] $BackupMethod = 'Physical',
    [ValidateRange(1, 3650)] [int] $KeepDays = 7,
    [ValidateRange(7, 365)] [int] $PolicyRetentionDays = 7,
    [DayOfWeek[]] $PolicyWeekdays = [Enum]::GetValues([DayOfWeek]),
    [switch] $FixRules,
    [switch] $DryRun,
    [TimeSpan] $Timeout = '02:00:00',
    [TimeSpan] $PollInterval = '00:00:05'
)
$ErrorActionPreference = 'Stop'
Import-Module MongoBackup -ErrorAction SilentlyContinue   # already imported when dot-sourced from a session
$api = @{ Region = $Region }
if ($Endpoint) { $api.Endpoint = $Endpoint }
$wait = @{ Timeout = $Timeout; PollInterval = $PollInterval }
$failed = 0

# 1. A fresh backup, downloaded.
$remark = "runbook $(Get-Date -Format 'yyyy-MM-dd HH:mm:ss')"
$backup = New-MongoBackup -InstanceId $InstanceId -BackupMethod $BackupMethod -BackupRemark $remark -Wait @wait @api -ErrorAction Continue -ErrorVariable +problems
if (-not $backup) {
    Write-Error "${InstanceId}: the backup did not complete; nothing to download." -ErrorAction Continue
    $failed++
}
else {
    Write-Host "${InstanceId}: backup '$($backup.BackupName)' (BackId $($backup.BackId)) taken"
    $files = @($backup | New-MongoBackupDownloadTask @api -ErrorAction Continue -ErrorVariable +problems |
        Wait-MongoBackupDownloadTask @wait @api -ErrorAction Continue -ErrorVariable +problems |
        Save-MongoBackupFile -Destination $Destination -Hash @api -ErrorAction Continue -ErrorVariable +problems)
    if ($problems -or -not $files) { $failed++ }
    foreach ($f in $files) { Write-Host ('{0}: saved {1} ({2:N0} bytes, SHA256 {3})' -f $InstanceId, $f.FullName, $f.Length, $f.Hash) }
}

# 2. The automatic backup rule against the policy.
$rule = Get-MongoBackupRule -InstanceId $InstanceId @api
$change = @{}
if ($rule.BackupSaveTime -lt $PolicyRetentionDays) { $change.BackupRetentionPeriod = $PolicyRetentionDays }
$missing = @($PolicyWeekdays | Where-Object { $_ -notin $rule.ActiveWeekdays })
if ($missing) { $change.ActiveWeekdays = @($rule.ActiveWeekdays) + $missing | Sort-Object -Unique }
if ($change.Count -eq 0) {
    Write-Host "${InstanceId}: the backup rule meets the policy (kept $($rule.BackupSaveTime) days, on $($rule.ActiveWeekdays -join ', '))"
}
elseif ($FixRules) {
    $fixed = $rule | Set-MongoBackupRule @change -PassThru @api
    Write-Host "${InstanceId}: the backup rule was changed to meet the policy (kept $($fixed.BackupSaveTime) days, on $($fixed.ActiveWeekdays -join ', '))"
}
else {
    Write-Warning "${InstanceId}: the backup rule breaks the policy: $(($change.Keys | ForEach-Object { "$_ should be $($change[$_] -join ',')" }) -join '; '). Run with -FixRules to change it."
    $failed++
}

# 3. Prune the manual backups older than -KeepDays (the service lists the last 7 days).
$cutoff = (Get-Date).AddDays(-$KeepDays)
$old = @(Get-MongoBackup -InstanceId $InstanceId @api | Where-Object {
        $_.BackupType -eq 'Manual' -and $_.Status -eq 'Succeeded' -and $_.StartTime -lt $cutoff -and $_.BackId -ne $backup.BackId
    })
if ($old.Count -eq 0) {
    Write-Host "${InstanceId}: no manual backup older than $KeepDays days"
}
else {
    $old | Remove-MongoBackup -WhatIf @api
    if ($DryRun) {
        Write-Host "${InstanceId}: -DryRun: $($old.Count) manual backup(s) older than $KeepDays days kept"
    }
    else {
        $old | Remove-MongoBackup -Force @api -ErrorAction Continue -ErrorVariable +pruneProblems
        if ($pruneProblems) { $failed++ }
        else { Write-Host "${InstanceId}: pruned $($old.Count) manual backup(s) older than $KeepDays days: $($old.BackupName -join ', ')" }
    }
}

if ($failed) { Write-Error "$failed step(s) failed; see the errors above." -ErrorAction Continue; exit 1 }
