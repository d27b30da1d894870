using System;
using System.Management.Automation;
using MongoBackup.Client;

namespace MongoBackup.Commands
{
    /// <summary>Turns the client's failures into ErrorRecords: ErrorId = the service's code, a fitting category, advice.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(Exception exception, object target)
        {
            TencentCloudException tc = exception as TencentCloudException;
            if (tc == null && exception is InvalidResponseException invalid)
                tc = new TencentCloudException(ClientErrorCodes.InvalidResponse,
                    "The service's answer has an unexpected shape: " + invalid.Message, null, invalid);
            if (tc == null)
                return new ErrorRecord(exception, exception.GetType().Name, ErrorCategory.NotSpecified, target);

            var category = (ErrorCategory)Enum.Parse(typeof(ErrorCategory), tc.Category.ToString());
            var record = new ErrorRecord(tc, tc.Code, category, target);
            string advice = tc.RecommendedAction;
            string tries = tc.Attempts > 1 ? $" (tried {tc.Attempts} times)" : "";
            if (advice != null || tries.Length > 0)
                record.ErrorDetails = new ErrorDetails(tc.Message + tries + (advice == null ? "" : " " + advice)) { RecommendedAction = advice };
            return record;
        }

        public static ErrorRecord Argument(string errorId, string message, object target) =>
            new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target);
    }
}
