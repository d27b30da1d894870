# The bad-input table: one row per case, run by tests/Pester/BadInput.Tests.ps1 (one test per row).
#
# Keys of a row:
#   Name             what the case is
#   Area             Parameters | Credentials | Roles | Endpoint | Service
#   Setup            optional hashtable:
#                      Answers  canned answers to queue (Set-EmulatorAnswer): @{ Action; Response | RawBody; Status; ContentType; Count }
#                      Fault    a fault to inject (Set-EmulatorFault): @{ Fraction; Kind; Action; Seed; DelaySeconds }
#                      Env      environment variables to set (the test runs in an isolated HOME with no credential variables)
#                      Files    path = content: files to create before the command (folders created as needed)
#                      Script   PowerShell run before the command, with the same variables as Command
#   Command          a script block, as text, run with these variables:
#                      $emu (the emulator), $common (@{ Endpoint; Credential; Region = 'ap-guangzhou' }), $noRetry (@{ MaxRetries = 0 } when the
#                      cmdlets have -MaxRetries), $work (an empty folder of this row), $ready (a small Downloaded task),
#                      $pending (a Waiting task), $final (where Save-MongoBackupFile -Destination "$work/dest" puts $ready's file)
#   ExpectedErrorId  the FullyQualifiedErrorId before the comma; absent = the command must succeed (see Result)
#   ExpectedCategory the ErrorRecord's category
#   MessageMatch     regex the error's text must match: it says what to do
#   ResultCheck      success rows: an expression over $result (the command's output, an array) that must be true
#   NothingWritten   paths that must not exist afterwards (a folder may exist if it holds no file)
#   NothingLost      paths created by Setup.Files that must still hold their content
#   NoPartial        no *.partial file may be left under $work
#   Requests         exact API request counts seen by the emulator: @{ Total = 0 } or @{ <Action> = n }
#   MaxSeconds       the command must end within this many seconds (default 20)
#   Documents        what the row records about the module's behaviour where the API leaves it open
#   UnknownCode      $true: the ErrorId is a service code the module's vocabulary does not know (it passes through)
# Every other ExpectedErrorId is in the module's error vocabulary (Client/ErrorCatalog.cs) or is PowerShell's own
# parameter-binding error; a test checks this.
# Placeholders in Setup.Env values, Setup.Files paths and contents, NothingWritten and NothingLost: {Work}, {Home}, {Final}, {SecretId},
# {SecretKey}, {TempSecretId}, {TempSecretKey}, {Token}.
@{
    Cases = @(
        # ------------------------------------------------------------------ Parameters
        @{
            Name = 'InstanceId empty'; Area = 'Parameters'
            Command = 'Get-MongoBackupDownloadTask -InstanceId "" @common'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = "cmgo-p8vnipr5.*Get-MongoInstance"
            Requests = @{ Total = 0 }
        }
        @{
            Name = "InstanceId 'cmgo-' alone"; Area = 'Parameters'
            Command = 'Get-MongoBackupDownloadTask -InstanceId cmgo- @common'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = "'cmgo-'.*8 lowercase letters or digits.*cmgo-p8vnipr5"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'InstanceId upper-case'; Area = 'Parameters'
            Command = 'Get-MongoBackup -InstanceId CMGO-P8VNIPR5 @common'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = "'CMGO-P8VNIPR5'.*lowercase.*cmgo-p8vnipr5"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'InstanceId too long'; Area = 'Parameters'
            Command = 'Get-MongoBackupDownloadTask -InstanceId cmgo-p8vnipr5x @common'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = "'cmgo-p8vnipr5x'.*8 lowercase letters or digits"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'InstanceId SQL-ish'; Area = 'Parameters'
            Command = "New-MongoBackupDownloadTask -InstanceId `"cmgo-p8vnipr5' OR '1'='1`" -BackupName x @common"
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = "instance ID.*cmgo-p8vnipr5.*Get-MongoInstance"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'InstanceId well-formed but unknown'; Area = 'Parameters'
            Command = 'Get-MongoBackupDownloadTask -InstanceId cmgo-zzzzzzzz @common @noRetry'
            ExpectedErrorId = 'InvalidParameterValue.NotFoundInstance'; ExpectedCategory = 'ObjectNotFound'
            MessageMatch = 'cmgo-zzzzzzzz.*-Region.*Get-MongoInstance'
            Requests = @{ DescribeBackupDownloadTask = 1 }
        }
        @{
            Name = 'Limit 0'; Area = 'Parameters'
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 -Limit 0 @common'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = "Limit.*greater than or equal to 1"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Limit 101'; Area = 'Parameters'
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 -Limit 101 @common'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = "Limit.*less than or equal to 100"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Offset -1'; Area = 'Parameters'
            Command = 'Get-MongoInstance -Offset -1 @common'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = "Offset.*greater than or equal to 0"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Status 9 (no such status number)'; Area = 'Parameters'
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 -Status 9 @common'
            ExpectedErrorId = 'CannotConvertArgumentNoMessage'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = '"9".*Waiting,Downloading,Downloaded,Failed,WaitingForRetry'
            Requests = @{ Total = 0 }
        }
        @{
            Name = "Status 'Done' (no such status name)"; Area = 'Parameters'
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 -Status Done @common'
            ExpectedErrorId = 'CannotConvertArgumentNoMessage'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = '(?s)Done.*Waiting, Downloading, Downloaded, Failed, WaitingForRetry'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'StartTime after EndTime'; Area = 'Parameters'
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 -StartTime "2026-02-01" -EndTime "2026-01-01" @common'
            ExpectedErrorId = 'StartTimeAfterEndTime'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'StartTime.*after -EndTime.*Give a start before the end'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'BackupName empty'; Area = 'Parameters'
            Command = 'New-MongoBackupDownloadTask -InstanceId cmgo-p8vnipr5 -BackupName "" @common'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = "BackupName.*Provide an argument that is not null or empty"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'BackupName unknown'; Area = 'Parameters'
            Command = "New-MongoBackupDownloadTask -InstanceId cmgo-p8vnipr5 -BackupName 'cmgo-p8vnipr5_1999-01-01 00:00' @common @noRetry"
            ExpectedErrorId = 'InvalidParameterValue.BackupFileNotFound'; ExpectedCategory = 'ObjectNotFound'
            MessageMatch = 'cmgo-p8vnipr5_1999-01-01 00:00.*Get-MongoBackup lists the backups'
            Requests = @{ CreateBackupDownloadTask = 1 }
        }
        @{
            Name = 'OrderBy bogus'; Area = 'Parameters'
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 -OrderBy Size @common'
            ExpectedErrorId = 'CannotConvertArgumentNoMessage'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = '(?s)Size.*CreateTime, FinishTime'
            Requests = @{ Total = 0 }
        }
        @{
            Name = "Region 'guangzhou' (not a region name)"; Area = 'Parameters'
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 -Region guangzhou @common'
            ExpectedErrorId = 'InvalidRegion'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = "'guangzhou' is not a region name.*ap-guangzhou"
            Requests = @{ Total = 0 }
        }
        @{
            Name = "Region 'ap-nowhere' (well-formed, unknown to the service)"; Area = 'Parameters'
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 -Region ap-nowhere @common @noRetry'
            ExpectedErrorId = 'UnsupportedRegion'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'ap-nowhere.*(ap-guangzhou|Tab after -Region|-Region)'
            Requests = @{ DescribeBackupDownloadTask = 1 }
        }
        @{
            Name = 'Destination is an existing file'; Area = 'Parameters'
            Setup = @{ Files = @{ '{Work}/dest' = 'a file, not a folder' } }
            Command = '$ready | Save-MongoBackupFile -Destination "$work/dest" @common'
            ExpectedErrorId = 'DestinationIsFile'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'is a file\. Give a folder'
            NothingLost = @('{Work}/dest'); NoPartial = $true
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Destination below a regular file (folder cannot be created)'; Area = 'Parameters'
            Setup = @{ Files = @{ '{Work}/blocker' = 'a regular file' } }
            Command = '$ready | Save-MongoBackupFile -Destination "$work/blocker/dest" @common'
            ExpectedErrorId = 'WriteFailed'; ExpectedCategory = 'WriteError'
            MessageMatch = "^(?!.*\.partial file is kept).*blocker.*(is a file|not a folder|cannot be created|could not be created).*(-Destination|another destination)"
            NothingLost = @('{Work}/blocker'); NoPartial = $true
        }
        @{
            Name = 'Disk full while saving (.partial on /dev/full)'; Area = 'Parameters'
            Setup = @{ Script = 'New-Item -ItemType Directory -Force (Split-Path $final) | Out-Null; New-Item -ItemType SymbolicLink -Path "$final.partial" -Target /dev/full | Out-Null' }
            Command = '$ready | Save-MongoBackupFile -Destination "$work/dest" @common'
            ExpectedErrorId = 'WriteFailed'; ExpectedCategory = 'WriteError'
            MessageMatch = '(?s)(No space left|disk).*Free disk space'
            NothingWritten = @('{Final}')
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Existing file without -Force or -SkipExisting'; Area = 'Parameters'
            Setup = @{ Files = @{ '{Final}' = 'an older copy that must survive' } }
            Command = '$ready | Save-MongoBackupFile -Destination "$work/dest" @common'
            ExpectedErrorId = 'FileExists'; ExpectedCategory = 'ResourceExists'
            MessageMatch = '-Force.*-SkipExisting'
            NothingLost = @('{Final}'); NoPartial = $true
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Save-MongoBackupFile of a task that is not ready'; Area = 'Parameters'
            Command = '$pending | Save-MongoBackupFile -Destination "$work/dest" @common'
            ExpectedErrorId = 'DownloadTaskNotReady'; ExpectedCategory = 'NotEnabled'
            MessageMatch = 'not ready.*Wait-MongoBackupDownloadTask'
            NothingWritten = @('{Work}/dest'); Requests = @{ Total = 0 }
        }
        @{
            Name = 'Save-MongoBackupFile -Force with -SkipExisting'; Area = 'Parameters'
            Command = '$ready | Save-MongoBackupFile -Destination "$work/dest" -Force -SkipExisting @common'
            ExpectedErrorId = 'ForceAndSkipExisting'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'give one or the other'
            NothingWritten = @('{Work}/dest'); Requests = @{ Total = 0 }
        }
        @{
            Name = 'Save-MongoBackupFile of bytes altered on the way (one flipped, the CRC64 header right)'; Area = 'Parameters'
            Setup = @{ Script = 'Set-EmulatorObjectStore $emu -FlipByteAt 100 | Out-Null' }
            Command = '$ready | Save-MongoBackupFile -Destination "$work/dest" @common'
            ExpectedErrorId = 'ChecksumMismatch'; ExpectedCategory = 'InvalidResult'
            MessageMatch = '(?s)CRC64 \d+ but object storage holds CRC64 \d+ \(x-cos-hash-crc64ecma\).*\.partial was removed.*Run the download again'
            NothingWritten = @('{Final}'); NoPartial = $true
            Requests = @{ Total = 0 }
            Documents = 'A corrupt .partial is removed rather than kept for a resume: resuming it would keep the bad bytes.'
        }
        @{
            Name = 'Connect-TencentCloud -RequestsPerSecond negative'; Area = 'Parameters'
            Command = 'Connect-TencentCloud -RequestsPerSecond -1'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = "RequestsPerSecond.*minimum allowed range of 0"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Connect-TencentCloud -RequestsPerSecond above 10000'; Area = 'Parameters'
            Command = 'Connect-TencentCloud -RequestsPerSecond 10001'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = "RequestsPerSecond.*maximum allowed range of 10000"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Wait-MongoBackupDownloadTask -PollInterval 0'; Area = 'Parameters'
            Command = '$pending | Wait-MongoBackupDownloadTask -PollInterval 0 @common'
            ExpectedErrorId = 'InvalidPollInterval'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'from 0\.1 seconds to 1 hour'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Connect-TencentCloud with an empty SecretId'; Area = 'Parameters'
            Command = 'Connect-TencentCloud -SecretId "" -SecretKey (ConvertTo-SecureString "k" -AsPlainText -Force) -Endpoint $emu.Endpoint'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = "SecretId.*Provide an argument that is not null or empty"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Connect-TencentCloud with a PSCredential of an empty password'; Area = 'Parameters'
            Command = 'Connect-TencentCloud -Credential ([pscredential]::new("AKIDxxxx", [securestring]::new())) -Endpoint $emu.Endpoint'
            ExpectedErrorId = 'InvalidCredential'; ExpectedCategory = 'AuthenticationError'
            MessageMatch = 'SecretKey must both be non-empty'
            Requests = @{ Total = 0 }
        }

        @{
            Name = 'No region anywhere'; Area = 'Parameters'
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 -Endpoint $emu.Endpoint -Credential $emu.Credential'
            ExpectedErrorId = 'MissingRegion'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = '(?s)No region is set.*nothing was sent.*-Region ap-guangzhou.*-Region \*.*Connect-TencentCloud -Region.*TENCENTCLOUD_REGION.*tccli'
            Requests = @{ Total = 0 }
        }
        @{
            Name = '-Region * where one region is needed'; Area = 'Parameters'
            Command = 'New-MongoBackupDownloadTask cmgo-p8vnipr5 "b" -ReplicaSetId cmgo-p8vnipr5_0 -Region * -Endpoint $emu.Endpoint -Credential $emu.Credential'
            ExpectedErrorId = 'InvalidRegion'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = "'\*' is not a region name.*ap-guangzhou"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'An instance in no region of -Region *'; Area = 'Parameters'
            Command = 'Get-MongoBackupDownloadTask cmgo-zzzzzzzz -Region * -Endpoint $emu.Endpoint -Credential $emu.Credential'
            ExpectedErrorId = 'InvalidParameterValue.NotFoundInstance'; ExpectedCategory = 'ObjectNotFound'
            MessageMatch = 'cmgo-zzzzzzzz was found in none of the 20 regions.*Get-MongoInstance'
            Requests = @{ DescribeDBInstances = 20; DescribeBackupDownloadTask = 0 }
        }
        @{
            Name = 'Get-MongoInstance -Limit 1 never sends Limit 1'; Area = 'Parameters'
            Command = 'Get-MongoInstance @common -Limit 1 -First 3'
            ResultCheck = '$result.Count -eq 3'
            Documents = 'DescribeDBInstances documents Limit as (1,100]: the module asks for pages of 2 and writes what -First asks.'
            Requests = @{ DescribeDBInstances = 2 }
        }
        # ------------------------------------------------------------------ Credentials
        @{
            Name = 'No credential at all'; Area = 'Credentials'
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint $emu.Endpoint'
            ExpectedErrorId = 'MissingCredential'; ExpectedCategory = 'AuthenticationError'
            MessageMatch = '(?s)No Tencent Cloud credentials were found.*Connect-TencentCloud.*TENCENTCLOUD_SECRET_ID'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Only TENCENTCLOUD_SECRET_ID set'; Area = 'Credentials'
            Setup = @{ Env = @{ TENCENTCLOUD_SECRET_ID = '{SecretId}' } }
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint $emu.Endpoint'
            ExpectedErrorId = 'InvalidCredential'; ExpectedCategory = 'AuthenticationError'
            MessageMatch = 'TENCENTCLOUD_SECRET_ID is set but TENCENTCLOUD_SECRET_KEY is not\. Set both'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Only TENCENTCLOUD_SECRET_KEY set'; Area = 'Credentials'
            Setup = @{ Env = @{ TENCENTCLOUD_SECRET_KEY = '{SecretKey}' } }
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint $emu.Endpoint'
            ExpectedErrorId = 'InvalidCredential'; ExpectedCategory = 'AuthenticationError'
            MessageMatch = 'TENCENTCLOUD_SECRET_KEY is set but TENCENTCLOUD_SECRET_ID is not\. Set both'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Wrong SecretKey'; Area = 'Credentials'
            Setup = @{ Env = @{ TENCENTCLOUD_SECRET_ID = '{SecretId}'; TENCENTCLOUD_SECRET_KEY = 'NotTheRightKeyNotTheRightKey0000000000' } }
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint $emu.Endpoint @noRetry'
            ExpectedErrorId = 'AuthFailure.SignatureFailure'; ExpectedCategory = 'AuthenticationError'
            MessageMatch = 'SecretKey does not match the SecretId.*TENCENTCLOUD_SECRET_KEY.*Get-TencentCloudContext'
            Requests = @{ DescribeBackupDownloadTask = 1 }
        }
        @{
            Name = 'Unknown SecretId'; Area = 'Credentials'
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint $emu.Endpoint -Credential ([pscredential]::new("AKIDUnknownUnknownUnknown000000000", (ConvertTo-SecureString $emu.SecretKey -AsPlainText -Force))) @noRetry'
            ExpectedErrorId = 'AuthFailure.SecretIdNotFound'; ExpectedCategory = 'AuthenticationError'
            MessageMatch = 'SecretId is unknown.*CAM console'
            Requests = @{ DescribeBackupDownloadTask = 1 }
        }
        @{
            Name = 'Temporary SecretId without a token'; Area = 'Credentials'
            Setup = @{ Env = @{ TENCENTCLOUD_SECRET_ID = '{TempSecretId}'; TENCENTCLOUD_SECRET_KEY = '{TempSecretKey}' } }
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint $emu.Endpoint @noRetry'
            ExpectedErrorId = 'AuthFailure.TokenFailure'; ExpectedCategory = 'AuthenticationError'
            MessageMatch = 'token.*(missing|wrong|expired).*-SessionToken'
            Requests = @{ DescribeBackupDownloadTask = 1 }
        }
        @{
            Name = 'Wrong (expired) token'; Area = 'Credentials'
            Setup = @{ Env = @{ TENCENTCLOUD_SECRET_ID = '{TempSecretId}'; TENCENTCLOUD_SECRET_KEY = '{TempSecretKey}'; TENCENTCLOUD_SESSION_TOKEN = 'AnExpiredSessionToken0000' } }
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint $emu.Endpoint @noRetry'
            ExpectedErrorId = 'AuthFailure.TokenFailure'; ExpectedCategory = 'AuthenticationError'
            MessageMatch = 'wrong or expired.*Fetch new temporary credentials.*-SessionToken'
            Requests = @{ DescribeBackupDownloadTask = 1 }
        }
        @{
            Name = 'TENCENTCLOUD_CREDENTIALS_FILE names a folder'; Area = 'Credentials'
            Setup = @{ Script = 'New-Item -ItemType Directory "$work/creds-folder" | Out-Null'; Env = @{ TENCENTCLOUD_CREDENTIALS_FILE = '{Work}/creds-folder' } }
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint $emu.Endpoint'
            ExpectedErrorId = 'InvalidProfile'; ExpectedCategory = 'InvalidData'
            MessageMatch = "creds-folder.*(is a folder|is a directory|not a file).*(Correct the path|remove the variable)"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Credentials file with a malformed INI line'; Area = 'Credentials'
            Setup = @{ Files = @{ '{Home}/.tencentcloud/credentials' = "[default]`nsecret_id {SecretId}`n" } }
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint $emu.Endpoint'
            ExpectedErrorId = 'InvalidProfile'; ExpectedCategory = 'InvalidData'
            MessageMatch = "credentials' is malformed at line 2.*Fix the file.*secret_id = "
            NothingLost = @('{Home}/.tencentcloud/credentials'); Requests = @{ Total = 0 }
        }
        @{
            Name = 'Credentials file with an unterminated section header'; Area = 'Credentials'
            Setup = @{ Files = @{ '{Home}/.tencentcloud/credentials' = "[default`nsecret_id = x`nsecret_key = y`n" } }
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint $emu.Endpoint'
            ExpectedErrorId = 'InvalidProfile'; ExpectedCategory = 'InvalidData'
            MessageMatch = "malformed at line 1: a section header must end with '\]'.*Fix the file"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'tccli profile that is not JSON'; Area = 'Credentials'
            Setup = @{ Files = @{ '{Home}/.tccli/default.credential' = '{"secretId": "AKIDx", "secretKey": ' } }
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint $emu.Endpoint'
            ExpectedErrorId = 'InvalidProfile'; ExpectedCategory = 'InvalidData'
            MessageMatch = "default\.credential' is not valid JSON.*tccli configure"
            NothingLost = @('{Home}/.tccli/default.credential'); Requests = @{ Total = 0 }
        }
        @{
            Name = 'Named profile that does not exist'; Area = 'Credentials'
            Setup = @{ Files = @{ '{Home}/.tencentcloud/credentials' = "[default]`nsecret_id = {SecretId}`nsecret_key = {SecretKey}`n" } }
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint $emu.Endpoint -ProfileName nosuchprofile'
            ExpectedErrorId = 'MissingCredential'; ExpectedCategory = 'AuthenticationError'
            MessageMatch = "(?s)profile 'nosuchprofile' was named.*section \[nosuchprofile\]"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Profile section without secret_key'; Area = 'Credentials'
            Setup = @{ Files = @{ '{Home}/.tencentcloud/credentials' = "[default]`nsecret_id = {SecretId}`n" } }
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint $emu.Endpoint'
            ExpectedErrorId = 'InvalidCredential'; ExpectedCategory = 'AuthenticationError'
            MessageMatch = 'section \[default\].*lacks its SecretKey\. Give both'
            Requests = @{ Total = 0 }
        }

        # ------------------------------------------------------------------ Endpoint
        @{
            Name = 'Plain http to another machine'; Area = 'Endpoint'
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint http://mongodb.tencentcloudapi.com -Credential $emu.Credential'
            ExpectedErrorId = 'InvalidEndpoint'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'plain http to another machine.*Use https'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Unresolvable host'; Area = 'Endpoint'
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint https://nonexistent.invalid -Credential $emu.Credential @noRetry'
            ExpectedErrorId = 'ConnectionFailure'; ExpectedCategory = 'ConnectionError'
            MessageMatch = 'nonexistent\.invalid.*Check the network.*-Endpoint'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Endpoint with a path'; Area = 'Endpoint'
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint "$($emu.Endpoint)/v3/api" -Credential $emu.Credential'
            ExpectedErrorId = 'InvalidEndpoint'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'must not carry a path or query: give only scheme, host and port'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Closed loopback port'; Area = 'Endpoint'
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint http://127.0.0.1:9 -Credential $emu.Credential @noRetry'
            ExpectedErrorId = 'ConnectionFailure'; ExpectedCategory = 'ConnectionError'
            MessageMatch = '127\.0\.0\.1:9.*Check the network.*-Endpoint'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'ftp:// endpoint'; Area = 'Endpoint'
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint ftp://127.0.0.1/ -Credential $emu.Credential'
            ExpectedErrorId = 'InvalidEndpoint'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = "ftp://127\.0\.0\.1/.*must use https"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Connect-TencentCloud with plain http to another machine'; Area = 'Endpoint'
            Command = 'Connect-TencentCloud -Credential $emu.Credential -Endpoint http://10.0.0.1:8080'
            ExpectedErrorId = 'InvalidEndpoint'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'http://10\.0\.0\.1:8080.*Use https'
            Requests = @{ Total = 0 }
        }

        # ------------------------------------------------------------------ Service answers
        @{
            Name = 'Unknown extra fields are ignored'; Area = 'Service'
            Setup = @{ Answers = @(@{ Action = 'DescribeBackupDownloadTask'; Count = 1; Response = @{ TotalCount = 1; NewTopLevel = @{ A = 1 }; Tasks = @(@{ ReplicaSetId = 'cmgo-p8vnipr5_0'; BackupName = 'cmgo-p8vnipr5_2026-01-01 03:00'; BackupSize = 2048; Status = 2; Percent = 100; CreateTime = '2026-01-01 03:10:00'; Url = ''; Region = 'ap-guangzhou'; NewField = @(1, 2, 3); AnotherNew = @{ Nested = 'x' } }) } }) }
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 @common @noRetry'
            ResultCheck = '$result.Count -eq 1 -and $result[0].BackupSize -eq 2048 -and $result[0].Status -eq "Downloaded" -and $result[0].CreateTime -eq [DateTimeOffset]::new(2026, 1, 1, 3, 10, 0, [TimeSpan]::FromHours(8))'
            Requests = @{ DescribeBackupDownloadTask = 1 }
        }
        @{
            Name = 'Missing fields take defaults'; Area = 'Service'
            Setup = @{ Answers = @(@{ Action = 'DescribeBackupDownloadTask'; Count = 1; Response = @{ TotalCount = 1; Tasks = @(@{ ReplicaSetId = 'cmgo-p8vnipr5_0' }) } }) }
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 @common @noRetry'
            ResultCheck = '$result.Count -eq 1 -and $result[0].ReplicaSetId -eq "cmgo-p8vnipr5_0" -and $result[0].InstanceId -eq "cmgo-p8vnipr5" -and $result[0].BackupSize -eq 0 -and $null -eq $result[0].CreateTime -and [string]::IsNullOrEmpty($result[0].Url)'
            Requests = @{ DescribeBackupDownloadTask = 1 }
        }
        @{
            Name = 'A Response with neither Tasks nor TotalCount is an empty list'; Area = 'Service'
            Setup = @{ Answers = @(@{ Action = 'DescribeBackupDownloadTask'; Count = 1; Response = @{} }) }
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 @common @noRetry'
            ResultCheck = '$result.Count -eq 0'
            Requests = @{ DescribeBackupDownloadTask = 1 }
        }
        @{
            Name = 'Null fields take defaults'; Area = 'Service'
            Setup = @{ Answers = @(@{ Action = 'DescribeBackupDownloadTask'; Count = 1; Response = '{"TotalCount":1,"Tasks":[{"ReplicaSetId":"cmgo-p8vnipr5_0","BackupName":null,"BackupSize":null,"Status":null,"Percent":null,"CreateTime":null,"TimeSpend":null,"Url":null,"BackupMethod":null,"BackupDesc":null,"Region":null,"Bucket":null}]}' }) }
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 @common @noRetry'
            ResultCheck = '$result.Count -eq 1 -and $null -eq $result[0].BackupName -and $result[0].BackupSize -eq 0 -and $result[0].Status -eq "Waiting" -and $null -eq $result[0].CreateTime'
            Requests = @{ DescribeBackupDownloadTask = 1 }
        }
        @{
            Name = 'Numbers as strings are read as numbers'; Area = 'Service'
            Setup = @{ Answers = @(@{ Action = 'DescribeBackupDownloadTask'; Count = 1; Response = '{"TotalCount":"1","Tasks":[{"ReplicaSetId":"cmgo-p8vnipr5_0","BackupName":"b","BackupSize":"844","Status":"2","Percent":"100","TimeSpend":"7","CreateTime":"2026-01-01 03:10:00"}]}' }) }
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 @common @noRetry'
            ResultCheck = '$result.Count -eq 1 -and $result[0].BackupSize -is [long] -and $result[0].BackupSize -eq 844 -and $result[0].Status -eq "Downloaded" -and $result[0].Percent -eq 100 -and $result[0].TimeSpend -eq 7'
            Requests = @{ DescribeBackupDownloadTask = 1 }
        }
        @{
            Name = 'A Status number not in the enum is passed through as its number'; Area = 'Service'
            Setup = @{ Answers = @(@{ Action = 'DescribeBackupDownloadTask'; Count = 1; Response = @{ TotalCount = 1; Tasks = @(@{ ReplicaSetId = 'cmgo-p8vnipr5_0'; BackupName = 'b'; BackupSize = 10; Status = 7 }) } }) }
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 @common @noRetry'
            ResultCheck = '$result.Count -eq 1 -and [int]$result[0].Status -eq 7 -and -not [Enum]::IsDefined([MongoBackup.BackupDownloadTaskStatus], $result[0].Status)'
            Documents = 'An unknown status (7) is kept as the number: the task is returned with Status 7 (shown as 7), no error; -Status filters cannot name it.'
            Requests = @{ DescribeBackupDownloadTask = 1 }
        }
        @{
            Name = 'A huge TotalCount with empty pages is an incomplete listing, after the items that came'; Area = 'Service'
            Setup = @{ Answers = @(
                    @{ Action = 'DescribeBackupDownloadTask'; Count = 1; Response = @{ TotalCount = 1000000000; Tasks = @(@{ ReplicaSetId = 'cmgo-p8vnipr5_0'; BackupName = 'a'; Status = 2 }, @{ ReplicaSetId = 'cmgo-p8vnipr5_0'; BackupName = 'b'; Status = 2 }) } }
                    @{ Action = 'DescribeBackupDownloadTask'; Response = @{ TotalCount = 1000000000; Tasks = @() } }
                ) }
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 -Limit 2 @common @noRetry'
            ExpectedErrorId = 'IncompleteListing'; ExpectedCategory = 'InvalidResult'
            MessageMatch = '1,000,000,000 items \(TotalCount\).*incomplete.*Run the command again'
            Documents = 'The two tasks that came are written first; the listing then stops with the error instead of asking for a billion pages.'
            Requests = @{ DescribeBackupDownloadTask = 2 }; MaxSeconds = 10
        }
        @{
            Name = 'HTTP 502 with an HTML body'; Area = 'Service'
            Setup = @{ Answers = @(@{ Action = 'DescribeBackupDownloadTask'; Count = 20; Status = 502; ContentType = 'text/html'; RawBody = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>' }) }
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 @common @noRetry'
            ExpectedErrorId = 'HttpError'; ExpectedCategory = 'ProtocolError'
            MessageMatch = 'HTTP 502.*502 Bad Gateway.*(Try again|try again)'
            Requests = @{ DescribeBackupDownloadTask = 1 }
        }
        @{
            Name = 'HTTP 502 with an HTML body after the default retries'; Area = 'Service'
            Setup = @{ Answers = @(@{ Action = 'DescribeBackupDownloadTask'; Count = 20; Status = 502; ContentType = 'text/html'; RawBody = '<html><body><h1>502 Bad Gateway</h1></body></html>' }) }
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 @common -RetryMaxDelay 0.05'
            ExpectedErrorId = 'HttpError'; ExpectedCategory = 'ProtocolError'
            MessageMatch = 'HTTP 502.*502 Bad Gateway.*\(tried 6 times\).*(Check -Endpoint|[Tt]ry again)'
            Requests = @{ DescribeBackupDownloadTask = 6 }; MaxSeconds = 10
        }
        @{
            Name = 'Truncated JSON body'; Area = 'Service'
            Setup = @{ Answers = @(@{ Action = 'DescribeBackupDownloadTask'; Count = 20; RawBody = '{"Response":{"TotalCount":250,"Tasks":[{"CreateTime":"2026-01-01 03:10:00","BackupNa' }) }
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 @common @noRetry'
            ExpectedErrorId = 'InvalidResponse'; ExpectedCategory = 'InvalidResult'
            MessageMatch = 'not valid JSON.*cut off.*proxy'
            Requests = @{ DescribeBackupDownloadTask = 1 }
        }
        @{
            Name = 'A body without "Response"'; Area = 'Service'
            Setup = @{ Answers = @(@{ Action = 'DescribeBackupDownloadTask'; Count = 20; RawBody = '{"TotalCount":1,"Tasks":[]}' }) }
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 @common @noRetry'
            ExpectedErrorId = 'InvalidResponse'; ExpectedCategory = 'InvalidResult'
            MessageMatch = 'no "Response" object.*Check -Endpoint'
            Requests = @{ DescribeBackupDownloadTask = 1 }
        }
        @{
            Name = '"Response" that is not an object'; Area = 'Service'
            Setup = @{ Answers = @(@{ Action = 'DescribeBackupDownloadTask'; Count = 20; RawBody = '{"Response":[1,2,3]}' }) }
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 @common @noRetry'
            ExpectedErrorId = 'InvalidResponse'; ExpectedCategory = 'InvalidResult'
            MessageMatch = 'Response.*Check -Endpoint'
            Requests = @{ DescribeBackupDownloadTask = 1 }
        }
        @{
            Name = 'Tasks that is not an array'; Area = 'Service'
            Setup = @{ Answers = @(@{ Action = 'DescribeBackupDownloadTask'; Count = 20; Response = @{ TotalCount = 1; Tasks = 'not a list' } }) }
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 @common @noRetry'
            ExpectedErrorId = 'InvalidResponse'; ExpectedCategory = 'InvalidResult'
            MessageMatch = 'Tasks.*Check -Endpoint'
            Requests = @{ DescribeBackupDownloadTask = 1 }
        }
        @{
            Name = 'The connection is reset with no answer'; Area = 'Service'
            Setup = @{ Fault = @{ Fraction = 1; Kind = 'Reset'; Action = 'DescribeBackupDownloadTask' } }
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 @common @noRetry'
            ExpectedErrorId = 'ConnectionFailure'; ExpectedCategory = 'ConnectionError'
            MessageMatch = 'DescribeBackupDownloadTask.*Check the network'
            Requests = @{ DescribeBackupDownloadTask = 1 }
        }
        @{
            Name = 'An Error object with an unknown code'; Area = 'Service'
            Setup = @{ Answers = @(@{ Action = 'DescribeBackupDownloadTask'; Count = 20; Response = @{ Error = @{ Code = 'Whatever.BrandNewCode'; Message = 'Something new went wrong.' } } }) }
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 @common @noRetry'
            ExpectedErrorId = 'Whatever.BrandNewCode'; ExpectedCategory = 'NotSpecified'; UnknownCode = $true
            MessageMatch = 'Something new went wrong\. \(Whatever\.BrandNewCode, RequestId [0-9a-f-]{36}\).*(ticket|support|documentation|error code)'
            Requests = @{ DescribeBackupDownloadTask = 1 }
        }
        @{
            Name = 'InternalError from the service'; Area = 'Service'
            Setup = @{ Answers = @(@{ Action = 'DescribeBackupDownloadTask'; Count = 20; Response = @{ Error = @{ Code = 'InternalError'; Message = 'An internal error occurred.' } } }) }
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 @common @noRetry'
            ExpectedErrorId = 'InternalError'; ExpectedCategory = 'NotSpecified'
            MessageMatch = 'Try again in a minute.*RequestId'
            Requests = @{ DescribeBackupDownloadTask = 1 }
        }
        @{
            Name = 'Throttled by the service'; Area = 'Service'
            Setup = @{ Answers = @(@{ Action = 'DescribeBackupDownloadTask'; Count = 20; Response = @{ Error = @{ Code = 'RequestLimitExceeded'; Message = 'Your request rate is too high.' } } }) }
            Command = 'Get-MongoBackupDownloadTask cmgo-p8vnipr5 @common @noRetry'
            ExpectedErrorId = 'RequestLimitExceeded'; ExpectedCategory = 'LimitsExceeded'
            MessageMatch = 'Wait a moment and try again'
            Requests = @{ DescribeBackupDownloadTask = 1 }
        }
        @{
            Name = 'A Create answered with an error creates nothing and is not retried'; Area = 'Service'
            Setup = @{ Answers = @(@{ Action = 'CreateBackupDownloadTask'; Count = 20; Response = @{ Error = @{ Code = 'InternalError'; Message = 'An internal error occurred.' } } }) }
            Command = 'Get-MongoBackup cmgo-p8vnipr5 @common | Where-Object Status -eq Succeeded | Select-Object -First 1 | New-MongoBackupDownloadTask @common'
            ExpectedErrorId = 'InternalError'; ExpectedCategory = 'NotSpecified'
            MessageMatch = 'Try again in a minute.*RequestId'
            Requests = @{ CreateBackupDownloadTask = 1 }
        }
        # ------------------------------------------------------------------ The backup life cycle (issue 8)
        @{
            Name = 'New-MongoBackup -BackupMethod bogus'; Area = 'Parameters'
            Command = 'New-MongoBackup cmgo-p8vnipr5 -BackupMethod Incremental @common'
            ExpectedErrorId = 'CannotConvertArgumentNoMessage'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = '(?s)Incremental.*Logical, Physical, Snapshot'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'New-MongoBackup without -BackupMethod'; Area = 'Parameters'
            Command = 'New-MongoBackup cmgo-p8vnipr5 @common'
            ExpectedErrorId = 'MissingMandatoryParameter'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'BackupMethod'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'New-MongoBackup -BackupRetentionDays 7301'; Area = 'Parameters'
            Command = 'New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical -BackupRetentionDays 7301 @common'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = 'BackupRetentionDays.*less than or equal to 7300'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'New-MongoBackup -BackupRetentionDays -3'; Area = 'Parameters'
            Command = 'New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical -BackupRetentionDays -3 @common'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = 'BackupRetentionDays.*greater than or equal to -2'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'New-MongoBackup -BackupRemark empty'; Area = 'Parameters'
            Command = 'New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical -BackupRemark "" @common'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = 'BackupRemark.*not null or empty'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'New-MongoBackup -InstanceId malformed'; Area = 'Parameters'
            Command = 'New-MongoBackup cmgo-1 -BackupMethod Logical @common'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = "'cmgo-1'.*8 lowercase letters or digits"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'New-MongoBackup -Wait -Timeout -1'; Area = 'Parameters'
            Command = 'New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical -Wait -Timeout -1 @common'
            ExpectedErrorId = 'InvalidTimeout'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'Timeout.*is negative.*-Timeout 3600'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'New-MongoBackup -PollInterval 0'; Area = 'Parameters'
            Command = 'New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical -Wait -PollInterval 0 @common'
            ExpectedErrorId = 'InvalidPollInterval'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'from 0\.1 seconds to 1 hour'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'New-MongoBackup -BackupMethod Snapshot on a general-purpose instance'; Area = 'Parameters'
            Command = 'New-MongoBackup cmgo-p8vnipr5 -BackupMethod Snapshot @common @noRetry'
            ExpectedErrorId = 'InvalidParameterValue'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'snapshot backups \(3\) need a cloud-disk instance.*Correct the parameter'
            Documents = 'The documentation: general-purpose instances back up logically or physically; the emulator''s instances are all general-purpose.'
            Requests = @{ CreateBackupDBInstance = 1 }
        }
        @{
            Name = 'Get-MongoAsyncRequest -AsyncRequestId empty'; Area = 'Parameters'
            Command = 'Get-MongoAsyncRequest -AsyncRequestId "" @common'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = "parameter 'AsyncRequestId'. The argument is null, empty"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Get-MongoAsyncRequest of an unknown id'; Area = 'Parameters'
            Command = 'Get-MongoAsyncRequest -AsyncRequestId 4242 @common @noRetry'
            ExpectedErrorId = 'InvalidParameterValue'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'no async request `4242` exists in ap-guangzhou.*Correct the parameter'
            Requests = @{ DescribeAsyncRequestInfo = 1 }
        }
        @{
            Name = 'Wait-MongoAsyncRequest -Timeout -5'; Area = 'Parameters'
            Command = 'Wait-MongoAsyncRequest -AsyncRequestId 1 -Timeout -5 @common'
            ExpectedErrorId = 'InvalidTimeout'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'is negative'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Wait-MongoAsyncRequest -PollInterval 3601'; Area = 'Parameters'
            Command = 'Wait-MongoAsyncRequest -AsyncRequestId 1 -PollInterval 3601 @common'
            ExpectedErrorId = 'InvalidPollInterval'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'from 0\.1 seconds to 1 hour'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Wait-MongoAsyncRequest of a request object without its id'; Area = 'Parameters'
            Command = '[MongoBackup.AsyncRequest]::new() | Wait-MongoAsyncRequest @common'
            ExpectedErrorId = 'IncompleteAsyncRequest'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'lacks its AsyncRequestId.*New-MongoBackup'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Get-MongoBackupRule of an unknown instance'; Area = 'Parameters'
            Command = 'Get-MongoBackupRule cmgo-zzzzzzzz @common @noRetry'
            ExpectedErrorId = 'InvalidParameterValue.NotFoundInstance'; ExpectedCategory = 'ObjectNotFound'
            MessageMatch = 'cmgo-zzzzzzzz.*Get-MongoInstance'
            Requests = @{ DescribeBackupRules = 1 }
        }
        @{
            Name = 'Get-MongoBackupRule -InstanceId malformed'; Area = 'Parameters'
            Command = 'Get-MongoBackupRule "cmgo p8vnipr5" @common'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = 'not a TencentDB for MongoDB instance ID'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Set-MongoBackupRule with nothing to change'; Area = 'Parameters'
            Command = 'Set-MongoBackupRule cmgo-p8vnipr5 @common'
            ExpectedErrorId = 'InvalidBackupRule'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'at least one setting.*-BackupTime 3'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Set-MongoBackupRule -BackupTime 24'; Area = 'Parameters'
            Command = 'Set-MongoBackupRule cmgo-p8vnipr5 -BackupTime 24 @common'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = 'BackupTime.*less than or equal to 23'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Set-MongoBackupRule -BackupFrequency 6'; Area = 'Parameters'
            Command = 'Set-MongoBackupRule cmgo-p8vnipr5 -BackupFrequency 6 @common'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = 'BackupFrequency.*"12,24"'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Set-MongoBackupRule -BackupRetentionPeriod 6'; Area = 'Parameters'
            Command = 'Set-MongoBackupRule cmgo-p8vnipr5 -BackupRetentionPeriod 6 @common'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = 'BackupRetentionPeriod.*greater than or equal to 7'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Set-MongoBackupRule -BackupSaveTime 366 (the alias)'; Area = 'Parameters'
            Command = 'Set-MongoBackupRule cmgo-p8vnipr5 -BackupSaveTime 366 @common'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = 'BackupRetentionPeriod.*less than or equal to 365'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Set-MongoBackupRule -ActiveWeekdays Funday'; Area = 'Parameters'
            Command = 'Set-MongoBackupRule cmgo-p8vnipr5 -ActiveWeekdays Monday, Funday @common'
            ExpectedErrorId = 'CannotConvertArgumentNoMessage'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = '(?s)Funday.*Sunday, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Set-MongoBackupRule -LongTermInterval Daily'; Area = 'Parameters'
            Command = 'Set-MongoBackupRule cmgo-p8vnipr5 -LongTermInterval Daily @common'
            ExpectedErrorId = 'CannotConvertArgumentNoMessage'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = '(?s)Daily.*None, Weekly, Monthly'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Set-MongoBackupRule -LongTermActiveDays 32'; Area = 'Parameters'
            Command = 'Set-MongoBackupRule cmgo-p8vnipr5 -LongTermActiveDays 1, 32 @common'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = 'LongTermActiveDays.*less than or equal to 31'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Set-MongoBackupRule -LongTermInterval Weekly -LongTermActiveDays 7'; Area = 'Parameters'
            Command = 'Set-MongoBackupRule cmgo-p8vnipr5 -LongTermInterval Weekly -LongTermActiveDays 7 @common'
            ExpectedErrorId = 'InvalidBackupRule'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'does not fit Weekly: give days of the week, 0 to 6.*Nothing was sent'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Set-MongoBackupRule -LongTermInterval Weekly keeping monthly days'; Area = 'Parameters'
            Command = 'Set-MongoBackupRule cmgo-p8vnipr5 -LongTermInterval Weekly @common'
            ExpectedErrorId = 'InvalidBackupRule'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'current rule''s days for Monthly: give -LongTermActiveDays for Weekly.*Nothing was sent'
            Documents = 'The current rule is read (one request) and the merged rule is checked as a whole: nothing is set.'
            Requests = @{ DescribeBackupRules = 1; SetBackupRules = 0 }
        }
        @{
            Name = 'Set-MongoBackupRule -LongTermExpiredDays 29'; Area = 'Parameters'
            Command = 'Set-MongoBackupRule cmgo-p8vnipr5 -LongTermExpiredDays 29 @common'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = 'LongTermExpiredDays.*greater than or equal to 30'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Set-MongoBackupRule -OplogExpiredDays 400'; Area = 'Parameters'
            Command = 'Set-MongoBackupRule cmgo-p8vnipr5 -OplogExpiredDays 400 @common'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = 'OplogExpiredDays.*less than or equal to 365'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Set-MongoBackupRule -BackupVersion 2'; Area = 'Parameters'
            Command = 'Set-MongoBackupRule cmgo-p8vnipr5 -BackupVersion 2 @common'
            ExpectedErrorId = 'CannotConvertArgumentNoMessage'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = '(?s)"2".*Classic,Advanced'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Set-MongoBackupRule -AlertThreshold 49'; Area = 'Parameters'
            Command = 'Set-MongoBackupRule cmgo-p8vnipr5 -AlertThreshold 49 @common'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = 'AlertThreshold.*greater than or equal to 50'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Set-MongoBackupRule -BackupMethod bogus'; Area = 'Parameters'
            Command = 'Set-MongoBackupRule cmgo-p8vnipr5 -BackupMethod Tape @common'
            ExpectedErrorId = 'CannotConvertArgumentNoMessage'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = '(?s)Tape.*Logical, Physical, Snapshot'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Remove-MongoBackup -BackId 0'; Area = 'Parameters'
            Command = 'Remove-MongoBackup cmgo-p8vnipr5 -BackId 0 -Force @common'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = 'BackId.*greater than or equal to 1'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Remove-MongoBackup of a backup object without its ids'; Area = 'Parameters'
            Command = '[MongoBackup.Backup]::new() | Remove-MongoBackup -Force @common'
            ExpectedErrorId = 'IncompleteBackup'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'lacks its InstanceId or BackId.*Get-MongoBackup'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Remove-MongoBackup of a running backup'; Area = 'Parameters'
            Setup = @{ Script = '$running = Get-MongoBackup cmgo-p8vnipr5 @common | Where-Object Status -eq Running; Reset-Emulator $emu' }
            Command = '$running | Remove-MongoBackup -Force @common'
            ExpectedErrorId = 'BackupRunning'; ExpectedCategory = 'InvalidOperation'
            MessageMatch = 'still running: it cannot be deleted yet.*Wait until Get-MongoBackup shows the backup Succeeded'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Remove-MongoBackup of an id the instance does not have'; Area = 'Parameters'
            Command = 'Remove-MongoBackup cmgo-p8vnipr5 -BackId 4242 -Force @common @noRetry'
            ExpectedErrorId = 'InvalidParameterValue'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = '4242 is not a backup of cmgo-p8vnipr5.*Correct the parameter'
            Requests = @{ DeleteDBBackups = 1 }
        }
        @{
            Name = 'Set-MongoBackupExpiration -ExpireTime in the past'; Area = 'Parameters'
            Command = 'Set-MongoBackupExpiration cmgo-p8vnipr5 -BackId 500003 -ExpireTime (Get-Date).AddDays(-1) @common'
            ExpectedErrorId = 'ExpireTimeInPast'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'has passed: give a later time.*Remove-MongoBackup'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Set-MongoBackupExpiration -ExpireTime not a date'; Area = 'Parameters'
            Command = 'Set-MongoBackupExpiration cmgo-p8vnipr5 -BackId 500003 -ExpireTime "next tuesday" @common'
            ExpectedErrorId = 'CannotConvertArgumentNoMessage'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'next tuesday.*DateTimeOffset'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Set-MongoBackupExpiration of an id the service reports failed'; Area = 'Parameters'
            Command = 'Set-MongoBackupExpiration cmgo-p8vnipr5 -BackId 4242 -ExpireTime (Get-Date).AddDays(3) @common @noRetry'
            ExpectedErrorId = 'BackupExpireTimeFailed'; ExpectedCategory = 'InvalidResult'
            MessageMatch = 'BackId 4242.*FailedBackups.*Check the backup with Get-MongoBackup'
            Requests = @{ ModifyBackupExpireTime = 1 }
        }
        @{
            Name = 'Restore-MongoInstance -RestoreTime in the future'; Area = 'Parameters'
            Command = 'Restore-MongoInstance cmgo-p8vnipr5 (Get-Date).AddHours(1) -Database orders -Force @common'
            ExpectedErrorId = 'RestoreTimeOutOfRange'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'is in the future: give a time that has passed.*Nothing was sent'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Restore-MongoInstance -RestoreTime before the backups'; Area = 'Parameters'
            Command = 'Restore-MongoInstance cmgo-p8vnipr5 (Get-Date).AddDays(-30) -Database orders -Force @common'
            ExpectedErrorId = 'RestoreTimeOutOfRange'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'is before .* the earliest point cmgo-p8vnipr5 can be restored to.*give a time from then to now'
            Requests = @{ RestoreDBInstance = 0 }
        }
        @{
            Name = 'Restore-MongoInstance -RestoreTime not a date'; Area = 'Parameters'
            Command = 'Restore-MongoInstance cmgo-p8vnipr5 "an hour ago" -Database orders -Force @common'
            ExpectedErrorId = 'CannotConvertArgumentNoMessage'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = 'an hour ago.*DateTimeOffset'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Restore-MongoInstance -Database without Db'; Area = 'Parameters'
            Command = 'Restore-MongoInstance cmgo-p8vnipr5 (Get-Date).AddMinutes(-5) -Database @{ Collections = "x" } -Force @common'
            ExpectedErrorId = 'ParameterArgumentTransformationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = 'has no Db.*-Database takes database names, Database objects from Get-MongoDatabase'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Restore-MongoInstance of an unknown database'; Area = 'Parameters'
            Command = 'Restore-MongoInstance cmgo-p8vnipr5 (Get-Date).AddMinutes(-5) -Database nosuchdb -Force @common @noRetry'
            ExpectedErrorId = 'InvalidParameter'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = '`nosuchdb` is not a database of cmgo-p8vnipr5.*Correct the parameter'
            Requests = @{ DescribeDBInstanceNamespace = 1; RestoreDBInstance = 0 }
        }
        @{
            Name = 'Get-MongoDatabase -Name empty'; Area = 'Parameters'
            Command = 'Get-MongoDatabase cmgo-p8vnipr5 -Name "" @common'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = "parameter 'Name'. The argument is null, empty"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'An async request status the module does not know'; Area = 'Service'
            Setup = @{ Answers = @(@{ Action = 'DescribeAsyncRequestInfo'; Count = 20; Response = @{ Status = 'frozen'; StartTime = '2026-01-01 03:00:00' } }) }
            Command = 'Wait-MongoAsyncRequest -AsyncRequestId 1 -PollInterval 0.1 @common @noRetry'
            ExpectedErrorId = 'InvalidResponse'; ExpectedCategory = 'InvalidResult'
            MessageMatch = 'Status.*frozen.*not one of initial, running, paused, undoed, failed, success'
            Requests = @{ DescribeAsyncRequestInfo = 1 }
        }
        @{
            Name = 'A backup rule whose ActiveWeekdays are not numbers'; Area = 'Service'
            Setup = @{ Answers = @(@{ Action = 'DescribeBackupRules'; Count = 20; Response = @{ BackupTime = 3; ActiveWeekdays = 'Mon,Tue' } }) }
            Command = 'Get-MongoBackupRule cmgo-p8vnipr5 @common @noRetry'
            ExpectedErrorId = 'InvalidResponse'; ExpectedCategory = 'InvalidResult'
            MessageMatch = 'ActiveWeekdays.*numbers from 0 to 6.*Mon,Tue'
            Requests = @{ DescribeBackupRules = 1 }
        }
        @{
            Name = 'A backup rule answer without BackupTotalSize reads as zero sizes'; Area = 'Service'
            Setup = @{ Answers = @(@{ Action = 'DescribeBackupRules'; Count = 1; Response = @{ BackupTime = 4; LongTermInterval = ''; ActiveWeekdays = '' } }) }
            Command = 'Get-MongoBackupRule cmgo-p8vnipr5 @common @noRetry'
            ResultCheck = '$result.Count -eq 1 -and $result[0].BackupTime -eq 4 -and $result[0].BackupTotalSize.SnapshotSize -eq 0 -and $result[0].LongTermInterval -eq "None" -and $result[0].ActiveWeekdays.Count -eq 0'
            Requests = @{ DescribeBackupRules = 1 }
        }
        @{
            Name = 'A backup start answered with InternalError is not retried'; Area = 'Service'
            Setup = @{ Answers = @(@{ Action = 'CreateBackupDBInstance'; Count = 20; Response = @{ Error = @{ Code = 'InternalError'; Message = 'An internal error occurred.' } } }) }
            Command = 'New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical @common -RetryMaxDelay 0.05'
            ExpectedErrorId = 'InternalError'; ExpectedCategory = 'NotSpecified'
            MessageMatch = 'Try again in a minute.*RequestId'
            Documents = 'A write the service may have acted on is never repeated by the module: one request, whatever -MaxRetries.'
            Requests = @{ CreateBackupDBInstance = 1 }
        }
        @{
            Name = 'A restore answer without FlowId'; Area = 'Service'
            Setup = @{ Answers = @(@{ Action = 'RestoreDBInstance'; Count = 1; Response = @{} }) }
            Command = 'Restore-MongoInstance cmgo-p8vnipr5 (Get-Date).AddMinutes(-5) -Database audit -Force @common @noRetry'
            ExpectedErrorId = 'InvalidResponse'; ExpectedCategory = 'InvalidResult'
            MessageMatch = 'no FlowId'
            Requests = @{ RestoreDBInstance = 1 }
        }

        # ------------------------------------------------------------------ Roles: the CVM instance role, STS, TKE OIDC
        @{
            Name = 'No CAM role bound to the instance, nothing else set'; Area = 'Roles'
            Setup = @{ Script = '$env:TENCENTCLOUD_METADATA_ENDPOINT = $emu.Endpoint' }
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint $emu.Endpoint'
            ExpectedErrorId = 'MissingCredential'; ExpectedCategory = 'AuthenticationError'
            MessageMatch = '(?s)No Tencent Cloud credentials were found\. What was found: .*says no CAM role is bound to this instance.*Provide them in one of these ways:.*a CAM role bound to this CVM instance'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'Connect-TencentCloud -UseInstanceRole with no role bound'; Area = 'Roles'
            Setup = @{ Script = '$env:TENCENTCLOUD_METADATA_ENDPOINT = $emu.Endpoint' }
            Command = 'Connect-TencentCloud -UseInstanceRole -Region ap-guangzhou -Endpoint $emu.Endpoint'
            ExpectedErrorId = 'InstanceRoleNotFound'; ExpectedCategory = 'ObjectNotFound'
            MessageMatch = 'no CAM role is bound to this instance \(HTTP 404\).*Bind a CAM role to the instance'
            Requests = @{ Total = 0 }
        }
        @{
            Name = '-RoleName of a role that is not the one bound'; Area = 'Roles'
            Setup = @{ Script = 'Set-EmulatorIdentity $emu -InstanceRole MongoBackupCvmRole | Out-Null; $env:TENCENTCLOUD_METADATA_ENDPOINT = $emu.Endpoint' }
            Command = 'Connect-TencentCloud -UseInstanceRole -RoleName SomeOtherRole -Region ap-guangzhou -Endpoint $emu.Endpoint'
            ExpectedErrorId = 'InstanceRoleNotFound'; ExpectedCategory = 'ObjectNotFound'
            MessageMatch = "role 'SomeOtherRole' is not bound to this instance.*-RoleName"
            Requests = @{ Total = 0 }
        }
        @{
            Name = '-UseInstanceRole where no metadata service answers'; Area = 'Roles'
            Command = 'Connect-TencentCloud -UseInstanceRole -Region ap-guangzhou'
            ExpectedErrorId = 'InstanceMetadataUnavailable'; ExpectedCategory = 'ConnectionError'
            MessageMatch = 'No instance metadata service answers.*TENCENTCLOUD_METADATA_ENDPOINT.*Run this on a CVM instance'
            MaxSeconds = 10; Requests = @{ Total = 0 }
            Documents = 'The isolated environment points TENCENTCLOUD_METADATA_ENDPOINT at a closed loopback port: the probe fails at once (at most 1 s for a silent address), once per process.'
        }
        @{
            Name = 'A metadata answer that is not JSON'; Area = 'Roles'
            Setup = @{ Script = 'Set-EmulatorIdentity $emu -InstanceRole MongoBackupCvmRole -MetadataAnswer NotJson | Out-Null; $env:TENCENTCLOUD_METADATA_ENDPOINT = $emu.Endpoint' }
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint $emu.Endpoint'
            ExpectedErrorId = 'InstanceMetadataInvalid'; ExpectedCategory = 'InvalidResult'
            MessageMatch = "keys of role 'MongoBackupCvmRole' with something that is not a JSON object.*Try again in a minute"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'A metadata answer whose Code is not Success'; Area = 'Roles'
            Setup = @{ Script = 'Set-EmulatorIdentity $emu -InstanceRole MongoBackupCvmRole -MetadataAnswer Failure | Out-Null; $env:TENCENTCLOUD_METADATA_ENDPOINT = $emu.Endpoint' }
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint $emu.Endpoint'
            ExpectedErrorId = 'InstanceMetadataInvalid'; ExpectedCategory = 'InvalidResult'
            MessageMatch = "its Code is 'Failure', not Success.*Try again in a minute"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'TENCENTCLOUD_METADATA_ENDPOINT with plain http to another machine'; Area = 'Roles'
            Setup = @{ Env = @{ TENCENTCLOUD_METADATA_ENDPOINT = 'http://10.0.0.1' } }
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint $emu.Endpoint'
            ExpectedErrorId = 'InvalidEndpoint'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = "TENCENTCLOUD_METADATA_ENDPOINT is 'http://10\.0\.0\.1': plain http to another machine.*metadata address"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'STS: the account of the role ARN is not available'; Area = 'Roles'
            Setup = @{ Env = @{ TENCENTCLOUD_SECRET_ID = '{SecretId}'; TENCENTCLOUD_SECRET_KEY = '{SecretKey}' }; Script = '$env:TENCENTCLOUD_STS_ENDPOINT = $emu.Endpoint' }
            Command = 'Connect-TencentCloud -RoleArn qcs::cam::uin/100000000002:roleName/MongoBackupRunbook -Region ap-guangzhou -Endpoint $emu.Endpoint'
            ExpectedErrorId = 'AssumeRoleFailed'; ExpectedCategory = 'AuthenticationError'
            MessageMatch = 'STS did not give the keys of role qcs::cam::uin/100000000002.*InvalidParameter\.AccountNotAvaliable.*check the uin'
            Requests = @{ AssumeRole = 1; Total = 1 }
            Documents = 'STS codes come inside AssumeRoleFailed (one ErrorId for a role that cannot be assumed), with the service code, its RequestId and the advice of that code.'
        }
        @{
            Name = 'STS: AuthFailure for the key that assumes the role'; Area = 'Roles'
            Setup = @{ Env = @{ TENCENTCLOUD_SECRET_ID = '{SecretId}'; TENCENTCLOUD_SECRET_KEY = 'NotTheRightKeyNotTheRightKey0000000000' }; Script = '$env:TENCENTCLOUD_STS_ENDPOINT = $emu.Endpoint' }
            Command = 'Connect-TencentCloud -RoleArn qcs::cam::uin/100000000001:roleName/MongoBackupRunbook -Region ap-guangzhou -Endpoint $emu.Endpoint -MaxRetries 0'
            ExpectedErrorId = 'AssumeRoleFailed'; ExpectedCategory = 'AuthenticationError'
            MessageMatch = 'AuthFailure\.SignatureFailure.*The SecretKey does not match the SecretId'
            Requests = @{ AssumeRole = 1; Total = 1 }
        }
        @{
            Name = 'STS: a role that does not exist'; Area = 'Roles'
            Setup = @{ Env = @{ TENCENTCLOUD_SECRET_ID = '{SecretId}'; TENCENTCLOUD_SECRET_KEY = '{SecretKey}' }; Script = '$env:TENCENTCLOUD_STS_ENDPOINT = $emu.Endpoint' }
            Command = 'Connect-TencentCloud -RoleArn qcs::cam::uin/100000000001:roleName/NoSuchRole -Region ap-guangzhou -Endpoint $emu.Endpoint'
            ExpectedErrorId = 'AssumeRoleFailed'; ExpectedCategory = 'AuthenticationError'
            MessageMatch = 'ResourceNotFound\.RoleNotFound.*check the role in the ARN'
            Requests = @{ AssumeRole = 1; Total = 1 }
        }
        @{
            Name = '-DurationSeconds below 900'; Area = 'Roles'
            Command = 'Connect-TencentCloud -Credential $emu.Credential -RoleArn qcs::cam::uin/100000000001:roleName/MongoBackupRunbook -DurationSeconds 899 -Region ap-guangzhou'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = '899.*minimum allowed range of 900'
            Requests = @{ Total = 0 }
        }
        @{
            Name = '-DurationSeconds above 43200'; Area = 'Roles'
            Command = 'Connect-TencentCloud -RoleArn qcs::cam::uin/100000000001:roleName/MongoBackupRunbook -DurationSeconds 43201 -Region ap-guangzhou'
            ExpectedErrorId = 'ParameterArgumentValidationError'; ExpectedCategory = 'InvalidData'
            MessageMatch = '43201.*maximum allowed range of 43200'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'A role ARN of the wrong shape'; Area = 'Roles'
            Command = 'Connect-TencentCloud -Credential $emu.Credential -RoleArn arn:aws:iam::123456789012:role/BackupReader -Region ap-guangzhou'
            ExpectedErrorId = 'InvalidRoleArn'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = "'arn:aws:iam::123456789012:role/BackupReader' is not a role ARN: one looks like qcs::cam::uin/.*CAM console"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'A profile''s role_arn of the wrong shape'; Area = 'Roles'
            Setup = @{ Files = @{ '{Home}/.tencentcloud/credentials' = "[default]`nsecret_id = {SecretId}`nsecret_key = {SecretKey}`nrole_arn = roleName/BackupReader`n" } }
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint $emu.Endpoint'
            ExpectedErrorId = 'InvalidRoleArn'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = "role_arn in section \[default\] of .*credentials: 'roleName/BackupReader' is not a role ARN: one looks like qcs::cam::uin/"
            NothingLost = @('{Home}/.tencentcloud/credentials'); Requests = @{ Total = 0 }
        }
        @{
            Name = 'TENCENTCLOUD_STS_ENDPOINT with plain http to another machine'; Area = 'Roles'
            Setup = @{ Env = @{ TENCENTCLOUD_SECRET_ID = '{SecretId}'; TENCENTCLOUD_SECRET_KEY = '{SecretKey}'; TENCENTCLOUD_STS_ENDPOINT = 'http://sts.example.com' } }
            Command = 'Connect-TencentCloud -RoleArn qcs::cam::uin/100000000001:roleName/MongoBackupRunbook -Region ap-guangzhou -Endpoint $emu.Endpoint'
            ExpectedErrorId = 'InvalidEndpoint'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = "TENCENTCLOUD_STS_ENDPOINT is 'http://sts\.example\.com': plain http to another machine.*Use https"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'A role session name with a space'; Area = 'Roles'
            Command = 'Connect-TencentCloud -Credential $emu.Credential -RoleArn qcs::cam::uin/100000000001:roleName/MongoBackupRunbook -RoleSessionName "nightly backup" -Region ap-guangzhou'
            ExpectedErrorId = 'InvalidRoleSessionName'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = "'nightly backup' is not a role session name: give 2 to 128 letters"
            Requests = @{ Total = 0 }
        }
        @{
            Name = '-RoleSessionName without -RoleArn'; Area = 'Roles'
            Command = 'Connect-TencentCloud -Credential $emu.Credential -RoleSessionName nightly -Region ap-guangzhou'
            ExpectedErrorId = 'InvalidRoleArn'; ExpectedCategory = 'InvalidArgument'
            MessageMatch = '-RoleSessionName goes with -RoleArn'
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'An OIDC token file that is missing'; Area = 'Roles'
            Setup = @{ Env = @{ TKE_REGION = 'ap-guangzhou'; TKE_PROVIDER_ID = 'tke-oidc-provider'; TKE_WEB_IDENTITY_TOKEN_FILE = '{Work}/no-such-token'; TKE_ROLE_ARN = 'qcs::cam::uin/100000000001:roleName/MongoBackupRunbook' } }
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint $emu.Endpoint'
            ExpectedErrorId = 'WebIdentityTokenMissing'; ExpectedCategory = 'InvalidData'
            MessageMatch = "no-such-token' \(TKE_WEB_IDENTITY_TOKEN_FILE\) does not exist.*Mount the service account token"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'An OIDC token file that is empty'; Area = 'Roles'
            Setup = @{ Files = @{ '{Work}/token' = "`n" }; Env = @{ TKE_REGION = 'ap-guangzhou'; TKE_PROVIDER_ID = 'tke-oidc-provider'; TKE_WEB_IDENTITY_TOKEN_FILE = '{Work}/token'; TKE_ROLE_ARN = 'qcs::cam::uin/100000000001:roleName/MongoBackupRunbook' } }
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint $emu.Endpoint'
            ExpectedErrorId = 'WebIdentityTokenMissing'; ExpectedCategory = 'InvalidData'
            MessageMatch = "token' \(TKE_WEB_IDENTITY_TOKEN_FILE\) is empty.*Mount the service account token"
            Requests = @{ Total = 0 }
        }
        @{
            Name = 'An OIDC token that STS refuses'; Area = 'Roles'
            Setup = @{ Files = @{ '{Work}/token' = 'a-token-sts-does-not-know' }; Script = '$env:TENCENTCLOUD_STS_ENDPOINT = $emu.Endpoint'
                Env = @{ TKE_REGION = 'ap-guangzhou'; TKE_PROVIDER_ID = 'tke-oidc-provider'; TKE_WEB_IDENTITY_TOKEN_FILE = '{Work}/token'; TKE_ROLE_ARN = 'qcs::cam::uin/100000000001:roleName/MongoBackupRunbook' } }
            Command = 'Get-MongoBackupDownloadTask -Region ap-guangzhou cmgo-p8vnipr5 -Endpoint $emu.Endpoint @noRetry'
            ExpectedErrorId = 'WebIdentityFailed'; ExpectedCategory = 'AuthenticationError'
            MessageMatch = 'InvalidParameter\.WebIdentityTokenError.*TKE_PROVIDER_ID names the identity provider'
            Requests = @{ AssumeRoleWithWebIdentity = 1; Total = 1 }
        }
    )
}
