using System;

namespace MongoBackup.Client
{
    /// <summary>Maps the service's error codes (and the module's own) to a category and a piece of advice.</summary>
    internal static class ErrorMapping
    {
        public static FailureCategory Categorize(string code)
        {
            if (string.IsNullOrEmpty(code)) return FailureCategory.NotSpecified;
            switch (code)
            {
                case ClientErrorCodes.ConnectionFailure: return FailureCategory.ConnectionError;
                case ClientErrorCodes.Timeout: return FailureCategory.OperationTimeout;
                case ClientErrorCodes.InvalidResponse: return FailureCategory.InvalidResult;
                case ClientErrorCodes.HttpError: return FailureCategory.ProtocolError;
                case ClientErrorCodes.MissingCredential: return FailureCategory.AuthenticationError;
                case ClientErrorCodes.InvalidCredential: return FailureCategory.AuthenticationError;
                case ClientErrorCodes.InvalidEndpoint: return FailureCategory.InvalidArgument;
                case "InvalidRetryMaxDelay": return FailureCategory.InvalidArgument;
                case ClientErrorCodes.InvalidProfile: return FailureCategory.InvalidData;
                case ClientErrorCodes.FileExists: return FailureCategory.ResourceExists;
                case ClientErrorCodes.SizeMismatch: return FailureCategory.InvalidResult;
                case ClientErrorCodes.LinkExpired: return FailureCategory.PermissionDenied;
                case ClientErrorCodes.WriteFailed: return FailureCategory.WriteError;
                case ClientErrorCodes.ObjectNotFound: return FailureCategory.ObjectNotFound;
                case ClientErrorCodes.DownloadInterrupted: return FailureCategory.ConnectionError;
                case ClientErrorCodes.DownloadRefused: return FailureCategory.ProtocolError;
                case ClientErrorCodes.InvalidDownloadUrl: return FailureCategory.InvalidArgument;
                case "InvalidParameter.PermissionDenied":
                case "UnauthorizedOperation":
                case "AuthFailure.UnauthorizedOperation":
                case "AuthFailure.MFAFailure":
                    return FailureCategory.PermissionDenied;
                case "InvalidParameterValue.NotFoundInstance":
                case "InvalidParameterValue.BackupFileNotFound":
                case "ResourceNotFound":
                    return FailureCategory.ObjectNotFound;
                case "InternalError":
                    return FailureCategory.NotSpecified;
                case "ResourceUnavailable":
                    return FailureCategory.ResourceUnavailable;
                case "InvalidAction":
                case "NoSuchVersion":
                case "UnsupportedOperation":
                    return FailureCategory.NotImplemented;
                case "LimitExceeded":
                    return FailureCategory.QuotaExceeded;
            }
            if (StartsWith(code, "AuthFailure")) return FailureCategory.AuthenticationError;
            if (StartsWith(code, "RequestLimitExceeded") || StartsWith(code, "RequestSizeLimitExceeded")) return FailureCategory.LimitsExceeded;
            if (StartsWith(code, "LimitExceeded")) return FailureCategory.QuotaExceeded;
            if (StartsWith(code, "ResourceNotFound")) return FailureCategory.ObjectNotFound;
            if (StartsWith(code, "ResourceUnavailable")) return FailureCategory.ResourceUnavailable;
            if (StartsWith(code, "UnauthorizedOperation")) return FailureCategory.PermissionDenied;
            if (StartsWith(code, "InvalidParameter") || StartsWith(code, "InvalidParameterValue") || StartsWith(code, "MissingParameter") || StartsWith(code, "UnknownParameter")
                || code == "UnsupportedRegion" || code == "InvalidRegion")
                return FailureCategory.InvalidArgument;
            if (StartsWith(code, "InternalError")) return FailureCategory.NotSpecified;
            if (StartsWith(code, "FailedOperation") || StartsWith(code, "OperationDenied")) return FailureCategory.InvalidOperation;
            return FailureCategory.NotSpecified;
        }

        public static string Advise(string code)
        {
            if (string.IsNullOrEmpty(code)) return null;
            switch (code)
            {
                case "InvalidParameterValue.NotFoundInstance":
                    return "Check the instance ID and the region (-Region): an instance is found only in its own region. Get-MongoInstance lists the instances of a region.";
                case "InvalidParameterValue.BackupFileNotFound":
                    return "Check the backup name: Get-MongoBackup lists the backups of the last 7 days.";
                case "AuthFailure.SignatureFailure":
                    return "The SecretKey does not match the SecretId. Check the key (Connect-TencentCloud, -Credential, TENCENTCLOUD_SECRET_KEY or the credentials file); Get-TencentCloudContext shows which source is in use.";
                case "AuthFailure.SignatureExpire":
                    return "The request's timestamp is more than 5 minutes off the service's clock. Correct this machine's clock (NTP) and try again.";
                case "AuthFailure.SecretIdNotFound":
                case "AuthFailure.InvalidSecretId":
                    return "The SecretId is unknown to Tencent Cloud. Check it in the CAM console (API keys); Get-TencentCloudContext shows which source is in use.";
                case "AuthFailure.TokenFailure":
                    return "The temporary credentials' token is wrong or expired. Fetch new temporary credentials (STS) and pass them with Connect-TencentCloud -SessionToken.";
                case "InvalidParameter.PermissionDenied":
                case "UnauthorizedOperation":
                case "AuthFailure.UnauthorizedOperation":
                    return "The credentials lack permission for this action. Grant the CAM policy QcloudMongoDBReadOnlyAccess (or a policy allowing this action) to the key's user or role.";
                case ClientErrorCodes.ConnectionFailure:
                    return "Check the network, the proxy (HTTPS_PROXY) and the endpoint (-Endpoint); Get-TencentCloudContext shows the endpoint in use.";
                case ClientErrorCodes.Timeout:
                    return "The service did not answer in time. Try again, or raise the timeout with Connect-TencentCloud -TimeoutSec.";
                case ClientErrorCodes.InvalidResponse:
                case ClientErrorCodes.HttpError:
                    return "The endpoint did not answer like the Tencent Cloud API. A gateway error (HTTP 5xx) usually passes: try again in a minute. If it persists, check -Endpoint and any proxy between this machine and the service.";
                case "UnsupportedRegion":
                case "InvalidRegion":
                    return "Give a region where TencentDB for MongoDB runs, such as ap-guangzhou or ap-shanghai (press Tab after -Region to list them).";
                case ClientErrorCodes.FileExists:
                    return "Add -Force to replace the file or -SkipExisting to keep it, or choose another destination.";
                case ClientErrorCodes.SizeMismatch:
                    return "The object in storage does not have the backup's size. Get a fresh link with Get-MongoBackupDownloadTask and run again; if it persists, create a new task with New-MongoBackupDownloadTask.";
                case ClientErrorCodes.LinkExpired:
                    return "Get a new link with Get-MongoBackupDownloadTask (or New-MongoBackupDownloadTask if the task is gone), then run the download again.";
                case ClientErrorCodes.WriteFailed:
                    return "Free disk space or fix the permissions of the destination, then run the download again: the .partial file is resumed.";
                case ClientErrorCodes.ObjectNotFound:
                    return "The backup file is no longer in object storage. Check the task with Get-MongoBackupDownloadTask, or create a new one with New-MongoBackupDownloadTask.";
                case ClientErrorCodes.DownloadInterrupted:
                    return "Check the network and the proxy (HTTPS_PROXY), then run the download again: the .partial file is resumed.";
                case ClientErrorCodes.DownloadRefused:
                    return "Object storage refused the download. Get a fresh link with Get-MongoBackupDownloadTask and try again.";
                case ClientErrorCodes.InvalidDownloadUrl:
                    return "The task has no usable link yet: wait until Get-MongoBackupDownloadTask shows it ready (Status 2), then run again.";
            }
            if (StartsWith(code, "RequestLimitExceeded"))
                return "Too many requests per second for this action. Wait a moment and try again, or run fewer calls in parallel.";
            if (StartsWith(code, "InternalError") || StartsWith(code, "ResourceUnavailable"))
                return "The service failed on its side. Try again in a minute; if it persists, open a ticket with the RequestId.";
            if (StartsWith(code, "InvalidParameter") || StartsWith(code, "InvalidParameterValue") || StartsWith(code, "MissingParameter") || StartsWith(code, "UnknownParameter"))
                return "Correct the parameter named in the message and try again.";
            return null;
        }

        /// <summary>For a service error code the module has no advice of its own for.</summary>
        public static string UnknownServiceCodeAdvice(string code) =>
            $"Look {code} up in the error codes of the TencentDB for MongoDB API documentation; if it persists, open a ticket with the RequestId.";

        private static bool StartsWith(string code, string prefix) =>
            code.StartsWith(prefix, StringComparison.Ordinal) && (code.Length == prefix.Length || code[prefix.Length] == '.');
    }
}
