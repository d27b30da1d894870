using System;

namespace MongoBackup.Client
{
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

        public FailureCategory Category => ErrorCatalog.Categorize(Code);

        /// <summary>Advice for this one failure, when the code's usual advice would not fit it.</summary>
        public string Advice { get; set; }

        /// <summary>One sentence telling the user what to do about it.</summary>
        public string RecommendedAction =>
            Advice ?? ErrorCatalog.Advise(Code) ?? (this is TencentCloudApiException ? ErrorCatalog.UnknownServiceCodeAdvice(Code) : null);
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
}
