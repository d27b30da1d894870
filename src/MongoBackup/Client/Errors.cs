using System;

namespace MongoBackup.Client
{
    /// <summary>
    /// The kinds of failure the module reports, named exactly as PowerShell's ErrorCategory members so the cmdlet layer
    /// converts by name; kept here so the mapping is unit-tested without PowerShell.
    /// </summary>
    internal enum FailureCategory
    {
        NotSpecified,
        ConnectionError,
        InvalidArgument,
        InvalidData,
        InvalidOperation,
        InvalidResult,
        ObjectNotFound,
        OperationTimeout,
        PermissionDenied,
        AuthenticationError,
        LimitsExceeded,
        QuotaExceeded,
        ResourceUnavailable,
        NotImplemented,
        ProtocolError,
        SecurityError,
        ReadError,
        WriteError,
        ResourceExists,
        OperationStopped,
    }

    /// <summary>Any failure of a call to the Tencent Cloud API. <see cref="Code"/> becomes the ErrorRecord's ErrorId.</summary>
    internal class TencentCloudException : Exception
    {
        public TencentCloudException(string code, string message, string requestId = null, Exception inner = null)
            : base(message, inner)
        {
            Code = code;
            RequestId = requestId;
        }

        /// <summary>The service's error code (e.g. InvalidParameterValue.NotFoundInstance) or the module's own for client-side failures.</summary>
        public string Code { get; }

        public string RequestId { get; }

        /// <summary>The action that failed, when known.</summary>
        public string Action { get; set; }

        /// <summary>HTTP status of the answer, when there was one.</summary>
        public int? HttpStatus { get; set; }

        /// <summary>No connection was ever made, so the service cannot have acted on the request.</summary>
        public bool RequestNotSent { get; set; }

        /// <summary>The endpoint's host name did not resolve (a likely typo: not worth retrying).</summary>
        public bool HostNotFound { get; set; }

        /// <summary>How many times the call was tried in all (1 when it was not retried).</summary>
        public int Attempts { get; set; } = 1;

        public FailureCategory Category => ErrorMapping.Categorize(Code);

        /// <summary>Advice for this one failure, when the code's usual advice would not fit it.</summary>
        public string Advice { get; set; }

        /// <summary>One sentence telling the user what to do about it.</summary>
        public string RecommendedAction =>
            Advice ?? ErrorMapping.Advise(Code) ?? (this is TencentCloudApiException ? ErrorMapping.UnknownServiceCodeAdvice(Code) : null);
    }

    /// <summary>The service answered with {"Response":{"Error":…}}.</summary>
    internal sealed class TencentCloudApiException : TencentCloudException
    {
        public TencentCloudApiException(string code, string serviceMessage, string requestId)
            : base(code, FormatMessage(code, serviceMessage, requestId), requestId)
        {
            ServiceMessage = serviceMessage;
        }

        public string ServiceMessage { get; }

        private static string FormatMessage(string code, string message, string requestId) =>
            $"{(string.IsNullOrEmpty(message) ? "The service refused the request." : message.TrimEnd())} ({code}{(string.IsNullOrEmpty(requestId) ? "" : ", RequestId " + requestId)})";
    }

    /// <summary>The answer was not the service's JSON document (truncated, HTML from a proxy, wrong shape).</summary>
    internal sealed class InvalidResponseException : FormatException
    {
        public InvalidResponseException(string message, Exception inner = null) : base(message, inner) { }
    }

    /// <summary>Client-side error codes (never the service's).</summary>
    internal static class ClientErrorCodes
    {
        public const string ConnectionFailure = "ConnectionFailure";
        public const string Timeout = "RequestTimeout";
        public const string InvalidResponse = "InvalidResponse";
        public const string HttpError = "HttpError";
        public const string MissingCredential = "MissingCredential";
        public const string InvalidCredential = "InvalidCredential";
        public const string InvalidEndpoint = "InvalidEndpoint";
        public const string InvalidProfile = "InvalidProfile";

        // Downloads of presigned object-storage links (MongoBackup.Transfer).
        public const string FileExists = "FileExists";
        public const string SizeMismatch = "SizeMismatch";
        public const string LinkExpired = "LinkExpired";
        public const string WriteFailed = "WriteFailed";
        public const string ObjectNotFound = "ObjectNotFound";
        public const string DownloadInterrupted = "DownloadInterrupted";
        public const string DownloadRefused = "DownloadRefused";
        public const string InvalidDownloadUrl = "InvalidDownloadUrl";
    }
}
