@{
    RootModule           = 'MongoBackup.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '6f1f7c39-2d0e-4d8e-9b7a-3c2f5b1e8a41'
    Author               = 'MongoBackup contributors'
    CompanyName          = 'MongoBackup'
    Copyright            = '(c) MongoBackup contributors. MIT License.'
    Description          = 'Cmdlets for the backups of TencentDB for MongoDB on Tencent Cloud: list backups and download tasks, start downloads, wait for them and save the files.'
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('MongoBackup.Format.ps1xml')
    FunctionsToExport    = @()
    CmdletsToExport      = @(
        'Connect-TencentCloud'
        'Disconnect-TencentCloud'
        'Get-TencentCloudContext'
        'Get-MongoBackupDownloadTask'
        'Get-MongoInstance'
        'Get-MongoBackup'
        'New-MongoBackupDownloadTask'
        'Wait-MongoBackupDownloadTask'
        'Save-MongoBackupFile'
        'New-MongoBackup'
        'Get-MongoAsyncRequest'
        'Wait-MongoAsyncRequest'
        'Get-MongoBackupRule'
        'Set-MongoBackupRule'
        'Remove-MongoBackup'
        'Set-MongoBackupExpiration'
        'Restore-MongoInstance'
        'Get-MongoDatabase'
    )
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('TencentCloud', 'Tencent', 'MongoDB', 'Backup', 'Cloud', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ProjectUri   = 'https://github.com/mongobackup/MongoBackup'
            # Filled by the build from the section of this version in CHANGELOG.md (the one place release notes are written).
            ReleaseNotes = ''
            Prerelease   = ''
        }
    }
}
