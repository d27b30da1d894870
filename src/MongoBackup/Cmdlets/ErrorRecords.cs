using System;
using System.Management.Automation;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>
    /// Turns failures into ErrorRecords: ErrorId = the service's code or one of the module's own (ErrorCatalog), the
    /// category and advice the catalog gives that id, and the failing input as TargetObject.
    /// </summary>
    internal static class ErrorRecords
    {
        /// <summary>
        /// The record of a failure, written by <paramref name="cmdlet"/>. The advice is given once: as the
        /// ErrorDetails' RecommendedAction, which PowerShell 7's ConciseView shows as "Recommendation:" with its line breaks
        /// kept; under any other view (NormalView, CategoryView, Windows PowerShell 5.1), which does not show it, it is also
        /// the end of the message, on lines of its own.
        /// </summary>
        public static ErrorRecord From(Cmdlet cmdlet, Exception exception, object target) =>
            From(exception, target, adviceInMessage: !ShowsRecommendation(cmdlet));

        /// <summary>An error of the module's own vocabulary (its category and advice come from the catalog).</summary>
        public static ErrorRecord Create(Cmdlet cmdlet, string errorId, string message, object target) =>
            From(cmdlet, new TencentCloudException(errorId, message), target);

        internal static ErrorRecord From(Exception exception, object target, bool adviceInMessage)
        {
            TencentCloudException tc = exception as TencentCloudException;
            if (tc == null && exception is InvalidResponseException invalid)
                tc = new TencentCloudException(ErrorCatalog.InvalidResponse, "The service's answer has an unexpected shape: " + invalid.Message, null, invalid);
            if (tc == null)
                return new ErrorRecord(exception, exception.GetType().Name, ErrorCategory.NotSpecified, target);

            var record = new ErrorRecord(tc, tc.Code, ToErrorCategory(tc.Category), target);
            string advice = tc.RecommendedAction;
            string tries = tc.Attempts > 1 ? $" (tried {tc.Attempts} times)" : "";
            if (advice != null || tries.Length > 0)
            {
                string message = tc.Message + tries + (advice != null && adviceInMessage ? Environment.NewLine + advice : "");
                record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = advice };
            }
            return record;
        }

        /// <summary>Whether the session's error view shows ErrorDetails.RecommendedAction (PowerShell 7's ConciseView does).</summary>
        internal static bool ShowsRecommendation(Cmdlet cmdlet)
        {
            try
            {
                object view = (cmdlet as PSCmdlet)?.SessionState.PSVariable.GetValue("ErrorView");
                if (view is PSObject ps) view = ps.BaseObject;
                return view != null && string.Equals(view.ToString(), "ConciseView", StringComparison.OrdinalIgnoreCase);
            }
            catch (PSInvalidOperationException)
            {
                return false; // no session state (not running in a pipeline)
            }
        }

        /// <summary>The PowerShell category of a failure category (the compiler checks the names; a test checks every value maps).</summary>
        public static ErrorCategory ToErrorCategory(FailureCategory category)
        {
            switch (category)
            {
                case FailureCategory.AuthenticationError: return ErrorCategory.AuthenticationError;
                case FailureCategory.ConnectionError: return ErrorCategory.ConnectionError;
                case FailureCategory.InvalidArgument: return ErrorCategory.InvalidArgument;
                case FailureCategory.InvalidData: return ErrorCategory.InvalidData;
                case FailureCategory.InvalidOperation: return ErrorCategory.InvalidOperation;
                case FailureCategory.InvalidResult: return ErrorCategory.InvalidResult;
                case FailureCategory.LimitsExceeded: return ErrorCategory.LimitsExceeded;
                case FailureCategory.NotEnabled: return ErrorCategory.NotEnabled;
                case FailureCategory.NotImplemented: return ErrorCategory.NotImplemented;
                case FailureCategory.ObjectNotFound: return ErrorCategory.ObjectNotFound;
                case FailureCategory.OperationTimeout: return ErrorCategory.OperationTimeout;
                case FailureCategory.PermissionDenied: return ErrorCategory.PermissionDenied;
                case FailureCategory.ProtocolError: return ErrorCategory.ProtocolError;
                case FailureCategory.QuotaExceeded: return ErrorCategory.QuotaExceeded;
                case FailureCategory.ResourceExists: return ErrorCategory.ResourceExists;
                case FailureCategory.ResourceUnavailable: return ErrorCategory.ResourceUnavailable;
                case FailureCategory.WriteError: return ErrorCategory.WriteError;
                case FailureCategory.NotSpecified: return ErrorCategory.NotSpecified;
                default: throw new ArgumentOutOfRangeException(nameof(category), category, "A failure category without a PowerShell category.");
            }
        }
    }
}
