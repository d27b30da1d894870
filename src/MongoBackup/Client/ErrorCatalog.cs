using System;
using System.Collections.Generic;
using System.Linq;

namespace MongoBackup.Client
{
    /// <summary>
    /// The kinds of failure the module reports. Each maps to the PowerShell ErrorCategory of the same name (the cmdlet
    /// layer converts; a test checks every value maps), and is kept here so the vocabulary is unit-tested without PowerShell.
    /// </summary>
    internal enum FailureCategory
    {
        NotSpecified,
        AuthenticationError,
        ConnectionError,
        InvalidArgument,
        InvalidData,
        InvalidOperation,
        InvalidResult,
        LimitsExceeded,
        NotEnabled,
        NotImplemented,
        ObjectNotFound,
        OperationTimeout,
        PermissionDenied,
        ProtocolError,
        QuotaExceeded,
        ResourceExists,
        ResourceUnavailable,
        WriteError,
    }

    /// <summary>One ErrorId: its category and the advice the error gives (null where the message says all).</summary>
    internal sealed class ErrorEntry
    {
        public ErrorEntry(string id, FailureCategory category, string advice, bool family = false, bool service = false)
        {
            Id = id;
            Category = category;
            Advice = advice;
            Family = family;
            Service = service;
        }

        public string Id { get; }
        public FailureCategory Category { get; }
        public string Advice { get; }
        /// <summary>Also covers the service's sub-codes <c>Id.Anything</c> that have no entry of their own.</summary>
        public bool Family { get; }
        /// <summary>A code of the Tencent Cloud API (the others are the module's own).</summary>
        public bool Service { get; }
    }

    /// <summary>
    /// The module's error vocabulary: every ErrorId it writes, with its category and advice, in one table. The module's
    /// own ids are the constants below and are spelled nowhere else; a service code the table does not know keeps its
    /// code as ErrorId and gets <see cref="UnknownServiceCodeAdvice"/>.
    /// </summary>
    internal static class ErrorCatalog
    {
        // The module's own ErrorIds.
        public const string ConnectionFailure = "ConnectionFailure";
        public const string RequestTimeout = "RequestTimeout";
        public const string InvalidResponse = "InvalidResponse";
        public const string HttpError = "HttpError";
        public const string UnknownError = "UnknownError";
        public const string IncompleteListing = "IncompleteListing";
        public const string MissingCredential = "MissingCredential";
        public const string InvalidCredential = "InvalidCredential";
        public const string InvalidProfile = "InvalidProfile";
        public const string InvalidEndpoint = "InvalidEndpoint";
        public const string MissingRegion = "MissingRegion";
        public const string InvalidRegion = "InvalidRegion";
        public const string InvalidRetryMaxDelay = "InvalidRetryMaxDelay";
        public const string StartTimeAfterEndTime = "StartTimeAfterEndTime";
        public const string InvalidPollInterval = "InvalidPollInterval";
        public const string InvalidTimeout = "InvalidTimeout";
        public const string IncompleteTask = "IncompleteTask";
        public const string DownloadTaskNotFound = "DownloadTaskNotFound";
        public const string DownloadTaskNotReady = "DownloadTaskNotReady";
        public const string BackupDownloadTaskFailed = "BackupDownloadTaskFailed";
        public const string WaitTimeout = "WaitTimeout";
        public const string ForceAndSkipExisting = "ForceAndSkipExisting";
        public const string DestinationIsFile = "DestinationIsFile";
        public const string FileExists = "FileExists";
        public const string SizeMismatch = "SizeMismatch";
        public const string ChecksumMismatch = "ChecksumMismatch";
        public const string LinkExpired = "LinkExpired";
        public const string WriteFailed = "WriteFailed";
        public const string ObjectNotFound = "ObjectNotFound";
        public const string DownloadInterrupted = "DownloadInterrupted";
        public const string DownloadRefused = "DownloadRefused";
        public const string InvalidDownloadUrl = "InvalidDownloadUrl";
        public const string DownloadFailed = "DownloadFailed";
        // The backup life cycle.
        public const string AsyncRequestFailed = "AsyncRequestFailed";
        public const string AsyncRequestPaused = "AsyncRequestPaused";
        public const string AsyncRequestUndoed = "AsyncRequestUndoed";
        public const string IncompleteAsyncRequest = "IncompleteAsyncRequest";
        public const string NewBackupNotListed = "NewBackupNotListed";
        public const string NewBackupAmbiguous = "NewBackupAmbiguous";
        public const string IncompleteBackup = "IncompleteBackup";
        public const string BackupRunning = "BackupRunning";
        public const string BackupExpireTimeFailed = "BackupExpireTimeFailed";
        public const string ExpireTimeInPast = "ExpireTimeInPast";
        public const string InvalidBackupRule = "InvalidBackupRule";
        public const string RestoreTimeOutOfRange = "RestoreTimeOutOfRange";
        public const string NoCollectionToRestore = "NoCollectionToRestore";
        // Credential sources: the CVM instance role, assumed roles, TKE's web identity.
        public const string InstanceMetadataUnavailable = "InstanceMetadataUnavailable";
        public const string InstanceRoleNotFound = "InstanceRoleNotFound";
        public const string InstanceMetadataInvalid = "InstanceMetadataInvalid";
        public const string InvalidRoleName = "InvalidRoleName";
        public const string InvalidRoleArn = "InvalidRoleArn";
        public const string InvalidRoleSessionName = "InvalidRoleSessionName";
        public const string AssumeRoleFailed = "AssumeRoleFailed";
        public const string WebIdentityFailed = "WebIdentityFailed";
        public const string WebIdentityTokenMissing = "WebIdentityTokenMissing";

        // Service codes the module itself raises or acts on.
        public const string NotFoundInstance = "InvalidParameterValue.NotFoundInstance";
        public const string BackupFileNotFound = "InvalidParameterValue.BackupFileNotFound";
        public const string Throttled = "RequestLimitExceeded";
        public const string InternalError = "InternalError";
        public const string ResourceUnavailable = "ResourceUnavailable";
        public const string TokenFailure = "AuthFailure.TokenFailure";
        public const string SignatureExpire = "AuthFailure.SignatureExpire";

        private const string Retry5xx = "The service failed on its side. Try again in a minute; if it persists, open a ticket with the RequestId.";
        private const string FixParameter = "Correct the parameter named in the message and try again.";
        private const string GetFreshLink = "Get a fresh link with Get-MongoBackupDownloadTask and try again.";
        private const string ResumeAfterFix = "Check the network and the proxy (HTTPS_PROXY), then run the download again: the .partial file is resumed.";

        private static readonly ErrorEntry[] Entries =
        {
            // The module's own.
            Own(ConnectionFailure, FailureCategory.ConnectionError, "Check the network, the proxy (HTTPS_PROXY) and the endpoint (-Endpoint); Get-TencentCloudContext shows the endpoint in use."),
            Own(RequestTimeout, FailureCategory.OperationTimeout, "The service did not answer in time. Try again, or raise the timeout with Connect-TencentCloud -TimeoutSec."),
            Own(InvalidResponse, FailureCategory.InvalidResult, "The endpoint did not answer like the Tencent Cloud API. A gateway error usually passes: try again in a minute. If it persists, check -Endpoint and any proxy between this machine and the service."),
            Own(HttpError, FailureCategory.ProtocolError, "The endpoint did not answer like the Tencent Cloud API. A gateway error (HTTP 5xx) usually passes: try again in a minute. If it persists, check -Endpoint and any proxy between this machine and the service."),
            Own(UnknownError, FailureCategory.NotSpecified, "The service refused the request without saying why. Try again; if it persists, open a ticket with the RequestId."),
            Own(IncompleteListing, FailureCategory.InvalidResult, "The service's pages ended before the count it reported, so the list is incomplete. Run the command again; if it persists, open a ticket with the RequestId."),
            Own(MissingCredential, FailureCategory.AuthenticationError, null),
            Own(InvalidCredential, FailureCategory.AuthenticationError, null),
            Own(InvalidProfile, FailureCategory.InvalidData, null),
            Own(InvalidEndpoint, FailureCategory.InvalidArgument, null),
            Own(MissingRegion, FailureCategory.InvalidArgument, null),
            Own(InvalidRegion, FailureCategory.InvalidArgument, "Give a region where TencentDB for MongoDB runs, such as ap-guangzhou or ap-shanghai (press Tab after -Region to list them), or -Region * for all of them."),
            Own(InvalidRetryMaxDelay, FailureCategory.InvalidArgument, null),
            Own(StartTimeAfterEndTime, FailureCategory.InvalidArgument, null),
            Own(InvalidPollInterval, FailureCategory.InvalidArgument, null),
            Own(InvalidTimeout, FailureCategory.InvalidArgument, null),
            Own(IncompleteTask, FailureCategory.InvalidArgument, "Pipe the tasks that New-MongoBackupDownloadTask or Get-MongoBackupDownloadTask write, or give -InstanceId and -BackupName."),
            Own(DownloadTaskNotFound, FailureCategory.ObjectNotFound, "Create one with New-MongoBackupDownloadTask."),
            Own(DownloadTaskNotReady, FailureCategory.NotEnabled, "Pipe the task through Wait-MongoBackupDownloadTask first."),
            Own(BackupDownloadTaskFailed, FailureCategory.InvalidResult, "Create a new task with New-MongoBackupDownloadTask; if it fails again, open a ticket with the backup name."),
            Own(WaitTimeout, FailureCategory.OperationTimeout, "Wait again with a longer -Timeout: the task goes on on the service side."),
            Own(ForceAndSkipExisting, FailureCategory.InvalidArgument, null),
            Own(DestinationIsFile, FailureCategory.InvalidArgument, null),
            Own(FileExists, FailureCategory.ResourceExists, "Add -Force to replace the file or -SkipExisting to keep it, or choose another destination."),
            Own(SizeMismatch, FailureCategory.InvalidResult, "The object in storage does not have the backup's size. Get a fresh link with Get-MongoBackupDownloadTask and run again; if it persists, create a new task with New-MongoBackupDownloadTask."),
            Own(ChecksumMismatch, FailureCategory.InvalidResult, "Run the download again: it starts over from byte 0. If the CRC64 differs again, something between object storage and this machine alters data (a proxy, a faulty network card or memory): try from another machine or network."),
            Own(LinkExpired, FailureCategory.PermissionDenied, "Get a new link with Get-MongoBackupDownloadTask (or New-MongoBackupDownloadTask if the task is gone), then run the download again."),
            Own(WriteFailed, FailureCategory.WriteError, "Free disk space or fix the permissions of the destination, then run the download again: the .partial file is resumed."),
            Own(ObjectNotFound, FailureCategory.ObjectNotFound, "The backup file is no longer in object storage. Check the task with Get-MongoBackupDownloadTask, or create a new one with New-MongoBackupDownloadTask."),
            Own(DownloadInterrupted, FailureCategory.ConnectionError, ResumeAfterFix),
            Own(DownloadRefused, FailureCategory.ProtocolError, "Object storage refused the download. " + GetFreshLink),
            Own(InvalidDownloadUrl, FailureCategory.InvalidArgument, "The task has no usable link yet: wait until Get-MongoBackupDownloadTask shows it ready (Status Downloaded), then run again."),
            Own(DownloadFailed, FailureCategory.NotSpecified, ResumeAfterFix),
            Own(AsyncRequestFailed, FailureCategory.InvalidResult, "The service's task failed and stopped. Check the instance with Get-MongoInstance and start it again; if it fails again, open a ticket with the AsyncRequestId."),
            Own(AsyncRequestPaused, FailureCategory.InvalidResult, "The service's task failed and is paused, waiting for Tencent Cloud. Open a ticket with the AsyncRequestId; do not start the same operation again until it is resolved."),
            Own(AsyncRequestUndoed, FailureCategory.InvalidResult, "The service's task failed and was rolled back: nothing changed. Start it again; if it fails again, open a ticket with the AsyncRequestId."),
            Own(IncompleteAsyncRequest, FailureCategory.InvalidArgument, "Pipe the requests that New-MongoBackup or Restore-MongoInstance write, or give -AsyncRequestId."),
            Own(NewBackupNotListed, FailureCategory.OperationTimeout, "The backup request succeeded but the backup is not listed yet. Look for it later with Get-MongoBackup (a manual backup with your -BackupRemark), or wait with a longer -Timeout."),
            Own(NewBackupAmbiguous, FailureCategory.InvalidResult, "Several new manual backups match. Give -BackupRemark a text of its own so the new backup can be told apart, or pick it with Get-MongoBackup."),
            Own(IncompleteBackup, FailureCategory.InvalidArgument, "Pipe the backups that Get-MongoBackup writes, or give -InstanceId and -BackId."),
            Own(BackupRunning, FailureCategory.InvalidOperation, "Wait until Get-MongoBackup shows the backup Succeeded, then try again."),
            Own(BackupExpireTimeFailed, FailureCategory.InvalidResult, "Check the backup with Get-MongoBackup (it may have been deleted or have expired) and try again."),
            Own(ExpireTimeInPast, FailureCategory.InvalidArgument, null),
            Own(InvalidBackupRule, FailureCategory.InvalidArgument, null),
            Own(RestoreTimeOutOfRange, FailureCategory.InvalidArgument, null),
            Own(NoCollectionToRestore, FailureCategory.InvalidArgument, "Check the database with Get-MongoDatabase -Name, or list the collections in -Database."),
            Own(InstanceMetadataUnavailable, FailureCategory.ConnectionError, "Run this on a CVM instance with a CAM role bound to it, or give another credential (Connect-TencentCloud -SecretId, -RoleArn, the environment or a profile). TENCENTCLOUD_METADATA_ENDPOINT changes the metadata service's address."),
            Own(InstanceRoleNotFound, FailureCategory.ObjectNotFound, "Bind a CAM role to the instance (CVM console: Instance, More, Instance Settings, Bind Role), or name the role that is bound with -RoleName; Get-TencentCloudContext shows the source in use."),
            Own(InstanceMetadataInvalid, FailureCategory.InvalidResult, "The instance metadata service did not answer as documented. Try again in a minute; if it persists, check TENCENTCLOUD_METADATA_ENDPOINT and any proxy, or open a ticket for the instance."),
            Own(InvalidRoleName, FailureCategory.InvalidArgument, null),
            Own(InvalidRoleArn, FailureCategory.InvalidArgument, "Copy the role's ARN from the CAM console (Roles, the role's name, RoleArn)."),
            Own(InvalidRoleSessionName, FailureCategory.InvalidArgument, null),
            Own(AssumeRoleFailed, FailureCategory.AuthenticationError, "Check the role ARN, that the role's trust policy lets the calling key's account or user assume it, and the key that calls STS (Get-TencentCloudContext shows the source in use). TENCENTCLOUD_STS_ENDPOINT changes the address of STS."),
            Own(WebIdentityFailed, FailureCategory.AuthenticationError, "Check TKE_ROLE_ARN and TKE_PROVIDER_ID, that the role trusts that OIDC identity provider, and that the pod's service account token is current."),
            Own(WebIdentityTokenMissing, FailureCategory.InvalidData, "Mount the service account token where TKE_WEB_IDENTITY_TOKEN_FILE points (TKE's pod identity webhook does it), or unset the TKE_ variables to use another credential."),

            // The service's codes (Tencent Cloud API common errors and the actions' own).
            Api(NotFoundInstance, FailureCategory.ObjectNotFound, "Check the instance ID and the region (-Region): an instance is found only in its own region, or use -Region * to look in every region. Get-MongoInstance lists the instances of a region."),
            Api(BackupFileNotFound, FailureCategory.ObjectNotFound, "Check the backup name: Get-MongoBackup lists the backups of the last 7 days."),
            Api("InvalidParameterValue.IllegalInstanceStatus", FailureCategory.InvalidOperation, "The instance is not in a state that allows this (it must be running). Check it with Get-MongoInstance and try again when it is Running."),
            Api("InvalidParameterValue.StatusAbnormal", FailureCategory.InvalidOperation, "The instance is busy or in an abnormal state. Check it with Get-MongoInstance and try again later."),
            Api("InvalidParameter.PermissionDenied", FailureCategory.PermissionDenied, PermissionAdvice()),
            Api("UnauthorizedOperation", FailureCategory.PermissionDenied, PermissionAdvice(), family: true),
            Api("AuthFailure.UnauthorizedOperation", FailureCategory.PermissionDenied, PermissionAdvice()),
            Api("AuthFailure.MFAFailure", FailureCategory.PermissionDenied, "The action needs multi-factor authentication for this key's user. Use a key whose CAM policy does not require MFA for API calls."),
            Api("AuthFailure.SignatureFailure", FailureCategory.AuthenticationError, "The SecretKey does not match the SecretId. Check the key (Connect-TencentCloud, -Credential, TENCENTCLOUD_SECRET_KEY or the credentials file); Get-TencentCloudContext shows which source is in use."),
            Api(SignatureExpire, FailureCategory.AuthenticationError, "The request's timestamp is more than 5 minutes off the service's clock. Correct this machine's clock (NTP) and try again."),
            Api("AuthFailure.SecretIdNotFound", FailureCategory.AuthenticationError, SecretIdAdvice()),
            Api("AuthFailure.InvalidSecretId", FailureCategory.AuthenticationError, SecretIdAdvice()),
            Api(TokenFailure, FailureCategory.AuthenticationError, "The temporary credentials' token is wrong or expired. Fetch new temporary credentials (STS) and pass them with Connect-TencentCloud -SessionToken."),
            // STS (AssumeRole, AssumeRoleWithWebIdentity): the codes its documentation lists that need their own advice.
            Api("InvalidParameter.AccountNotAvaliable", FailureCategory.ObjectNotFound, "The account of the role ARN does not exist or is not available: check the uin in the ARN (qcs::cam::uin/<uin>:roleName/<name>)."),
            Api("ResourceNotFound.RoleNotFound", FailureCategory.ObjectNotFound, "The account has no role of that name or id: check the role in the ARN against the CAM console (Roles)."),
            Api("InvalidParameter.OverTimeError", FailureCategory.InvalidArgument, "Ask for a shorter -DurationSeconds: at most 43200, and no more than the role's maximum session duration (CAM console, the role, Maximum session duration)."),
            Api("InvalidParameter.WebIdentityTokenError", FailureCategory.AuthenticationError, "STS refused the OIDC token: check that TKE_PROVIDER_ID names the identity provider that issued it and that the token file is the pod's current service account token."),
            Api("AuthFailure", FailureCategory.AuthenticationError, "The service refused the credentials. Check the key; Get-TencentCloudContext shows which source is in use.", family: true),
            Api(Throttled, FailureCategory.LimitsExceeded, "Too many requests per second for this action. Wait a moment and try again, or run fewer calls in parallel.", family: true),
            Api("RequestSizeLimitExceeded", FailureCategory.LimitsExceeded, "The request is larger than the service accepts (10 MB). Send fewer items per call.", family: true),
            Api("LimitExceeded", FailureCategory.QuotaExceeded, "A quota of the account or the instance is reached. Remove what is no longer needed, or ask for a higher quota.", family: true),
            Api("ResourceNotFound", FailureCategory.ObjectNotFound, "Check the ID and the region (-Region).", family: true),
            Api(ResourceUnavailable, FailureCategory.ResourceUnavailable, Retry5xx, family: true),
            Api(InternalError, FailureCategory.NotSpecified, Retry5xx, family: true),
            Api("InvalidParameterValue", FailureCategory.InvalidArgument, FixParameter, family: true),
            Api("InvalidParameter", FailureCategory.InvalidArgument, FixParameter, family: true),
            Api("MissingParameter", FailureCategory.InvalidArgument, FixParameter, family: true),
            Api("UnknownParameter", FailureCategory.InvalidArgument, FixParameter, family: true),
            Api("UnsupportedRegion", FailureCategory.InvalidArgument, "Give a region where TencentDB for MongoDB runs, such as ap-guangzhou or ap-shanghai (press Tab after -Region to list them)."),
            Api("InvalidAction", FailureCategory.NotImplemented, "The endpoint does not know this action. Check -Endpoint: it must be the TencentDB for MongoDB API."),
            Api("NoSuchVersion", FailureCategory.NotImplemented, "The endpoint does not speak this API version. Check -Endpoint: it must be the TencentDB for MongoDB API."),
            Api("UnsupportedOperation", FailureCategory.NotImplemented, "The instance does not support this operation (its type or version). Check it with Get-MongoInstance.", family: true),
            Api("FailedOperation", FailureCategory.InvalidOperation, "The service could not do this now, often because of the instance's state. Check it with Get-MongoInstance and try again later.", family: true),
            Api("OperationDenied", FailureCategory.InvalidOperation, "The service refused the operation in the instance's current state. Check it with Get-MongoInstance.", family: true),
        };

        private static readonly Dictionary<string, ErrorEntry> ById = Entries.ToDictionary(e => e.Id, StringComparer.Ordinal);

        /// <summary>Every entry of the vocabulary.</summary>
        public static IReadOnlyList<ErrorEntry> All => Entries;

        /// <summary>The entry for a code: its own, else its nearest family's (longest prefix), else null.</summary>
        public static ErrorEntry Find(string code)
        {
            if (string.IsNullOrEmpty(code)) return null;
            if (ById.TryGetValue(code, out ErrorEntry entry)) return entry;
            for (int dot = code.LastIndexOf('.'); dot > 0; dot = code.LastIndexOf('.', dot - 1))
                if (ById.TryGetValue(code.Substring(0, dot), out entry) && entry.Family) return entry;
            return null;
        }

        public static FailureCategory Categorize(string code) => Find(code)?.Category ?? FailureCategory.NotSpecified;

        public static string Advise(string code) => Find(code)?.Advice;

        /// <summary>Whether <paramref name="code"/> is <paramref name="family"/> or one of its sub-codes (family.Anything).</summary>
        public static bool InFamily(string code, string family) =>
            code != null && code.StartsWith(family, StringComparison.Ordinal) && (code.Length == family.Length || code[family.Length] == '.');

        /// <summary>For a service error code the module has no advice of its own for.</summary>
        public static string UnknownServiceCodeAdvice(string code) =>
            $"Look {code} up in the error codes of the TencentDB for MongoDB API documentation; if it persists, open a ticket with the RequestId.";

        private static ErrorEntry Own(string id, FailureCategory category, string advice) => new ErrorEntry(id, category, advice);

        private static ErrorEntry Api(string id, FailureCategory category, string advice, bool family = false) =>
            new ErrorEntry(id, category, advice, family, service: true);

        private static string PermissionAdvice() =>
            "The credentials lack permission for this action. Grant the CAM policy QcloudMongoDBReadOnlyAccess (or a policy allowing this action) to the key's user or role.";

        private static string SecretIdAdvice() =>
            "The SecretId is unknown to Tencent Cloud. Check it in the CAM console (API keys); Get-TencentCloudContext shows which source is in use.";
    }
}
