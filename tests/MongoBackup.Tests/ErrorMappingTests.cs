using System;
using System.Linq;
using MongoBackup.Client;
using Xunit;

namespace MongoBackup.Tests
{
    public class ErrorMappingTests
    {
        [Theory]
        [InlineData("InvalidParameterValue.NotFoundInstance", "ObjectNotFound")]
        [InlineData("InvalidParameterValue.BackupFileNotFound", "ObjectNotFound")]
        [InlineData("ResourceNotFound", "ObjectNotFound")]
        [InlineData("InvalidParameterValue", "InvalidArgument")]
        [InlineData("InvalidParameter", "InvalidArgument")]
        [InlineData("MissingParameter", "InvalidArgument")]
        [InlineData("UnknownParameter", "InvalidArgument")]
        [InlineData("InvalidParameter.PermissionDenied", "PermissionDenied")]
        [InlineData("UnauthorizedOperation", "PermissionDenied")]
        [InlineData("AuthFailure.SignatureFailure", "AuthenticationError")]
        [InlineData("AuthFailure.SignatureExpire", "AuthenticationError")]
        [InlineData("AuthFailure.SecretIdNotFound", "AuthenticationError")]
        [InlineData("AuthFailure.TokenFailure", "AuthenticationError")]
        [InlineData("AuthFailure.UnauthorizedOperation", "PermissionDenied")]
        [InlineData("RequestLimitExceeded", "LimitsExceeded")]
        [InlineData("RequestLimitExceeded.UinLimitExceeded", "LimitsExceeded")]
        [InlineData("RequestSizeLimitExceeded", "LimitsExceeded")]
        [InlineData("LimitExceeded", "QuotaExceeded")]
        [InlineData("ResourceUnavailable", "ResourceUnavailable")]
        [InlineData("InvalidAction", "NotImplemented")]
        [InlineData("NoSuchVersion", "NotImplemented")]
        [InlineData("UnsupportedRegion", "InvalidArgument")]
        [InlineData("InternalError", "NotSpecified")]
        [InlineData(ClientErrorCodes.ConnectionFailure, "ConnectionError")]
        [InlineData(ClientErrorCodes.Timeout, "OperationTimeout")]
        [InlineData(ClientErrorCodes.InvalidResponse, "InvalidResult")]
        [InlineData(ClientErrorCodes.MissingCredential, "AuthenticationError")]
        [InlineData(ClientErrorCodes.InvalidEndpoint, "InvalidArgument")]
        [InlineData(ClientErrorCodes.FileExists, "ResourceExists")]
        [InlineData(ClientErrorCodes.SizeMismatch, "InvalidResult")]
        [InlineData(ClientErrorCodes.LinkExpired, "PermissionDenied")]
        [InlineData(ClientErrorCodes.WriteFailed, "WriteError")]
        [InlineData(ClientErrorCodes.ObjectNotFound, "ObjectNotFound")]
        [InlineData(ClientErrorCodes.DownloadInterrupted, "ConnectionError")]
        [InlineData(ClientErrorCodes.DownloadRefused, "ProtocolError")]
        [InlineData(ClientErrorCodes.InvalidDownloadUrl, "InvalidArgument")]
        [InlineData("SomethingNew.Entirely", "NotSpecified")]
        public void CodesMapToCategories(string code, string expected) => Assert.Equal(expected, ErrorMapping.Categorize(code).ToString());

        [Fact]
        public void PrefixesMatchWholeSegmentsOnly() => Assert.Equal(FailureCategory.NotSpecified, ErrorMapping.Categorize("AuthFailureish"));

        [Fact]
        public void EveryCategoryNameIsAPowerShellErrorCategory()
        {
            // The cmdlet layer converts by name; these are System.Management.Automation.ErrorCategory's member names.
            string[] powerShell = { "NotSpecified", "OpenError", "CloseError", "DeviceError", "DeadlockDetected", "InvalidArgument",
                "InvalidData", "InvalidOperation", "InvalidResult", "InvalidType", "MetadataError", "NotImplemented", "NotInstalled",
                "ObjectNotFound", "OperationStopped", "OperationTimeout", "SyntaxError", "ParserError", "PermissionDenied", "ResourceBusy",
                "ResourceExists", "ResourceUnavailable", "ReadError", "WriteError", "FromStdErr", "SecurityError", "ProtocolError",
                "ConnectionError", "AuthenticationError", "LimitsExceeded", "QuotaExceeded", "NotEnabled" };
            foreach (string name in Enum.GetNames(typeof(FailureCategory)))
                Assert.Contains(name, powerShell);
        }

        [Theory]
        [InlineData("InvalidParameterValue.NotFoundInstance", "Get-MongoInstance")]
        [InlineData("AuthFailure.SignatureFailure", "SecretKey")]
        [InlineData("AuthFailure.SignatureExpire", "clock")]
        [InlineData("RequestLimitExceeded.IPLimitExceeded", "try again")]
        [InlineData(ClientErrorCodes.ConnectionFailure, "proxy")]
        [InlineData(ClientErrorCodes.FileExists, "-Force")]
        [InlineData(ClientErrorCodes.FileExists, "-SkipExisting")]
        [InlineData(ClientErrorCodes.LinkExpired, "Get-MongoBackupDownloadTask")]
        [InlineData(ClientErrorCodes.WriteFailed, "Free disk space")]
        [InlineData(ClientErrorCodes.DownloadInterrupted, ".partial file is resumed")]
        [InlineData(ClientErrorCodes.ObjectNotFound, "New-MongoBackupDownloadTask")]
        public void AdviceSaysWhatToDo(string code, string expected) => Assert.Contains(expected, ErrorMapping.Advise(code));

        [Fact]
        public void ApiExceptionMessageCarriesCodeAndRequestId()
        {
            var e = new TencentCloudApiException("InvalidParameterValue.NotFoundInstance", "Instance not found.", "req-42");
            Assert.Equal("Instance not found. (InvalidParameterValue.NotFoundInstance, RequestId req-42)", e.Message);
            Assert.Equal(FailureCategory.ObjectNotFound, e.Category);
            Assert.Equal("req-42", e.RequestId);
        }
    }
}
