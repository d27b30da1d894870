using System;
using System.Linq;
using System.Reflection;
using MongoBackup.Client;
using Xunit;

namespace MongoBackup.Tests
{
    public class ErrorCatalogTests
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
        [InlineData(ErrorCatalog.ConnectionFailure, "ConnectionError")]
        [InlineData(ErrorCatalog.RequestTimeout, "OperationTimeout")]
        [InlineData(ErrorCatalog.InvalidResponse, "InvalidResult")]
        [InlineData(ErrorCatalog.MissingCredential, "AuthenticationError")]
        [InlineData(ErrorCatalog.InvalidEndpoint, "InvalidArgument")]
        [InlineData(ErrorCatalog.FileExists, "ResourceExists")]
        [InlineData(ErrorCatalog.SizeMismatch, "InvalidResult")]
        [InlineData(ErrorCatalog.LinkExpired, "PermissionDenied")]
        [InlineData(ErrorCatalog.WriteFailed, "WriteError")]
        [InlineData(ErrorCatalog.ObjectNotFound, "ObjectNotFound")]
        [InlineData(ErrorCatalog.DownloadInterrupted, "ConnectionError")]
        [InlineData(ErrorCatalog.DownloadRefused, "ProtocolError")]
        [InlineData(ErrorCatalog.InvalidDownloadUrl, "InvalidArgument")]
        [InlineData("SomethingNew.Entirely", "NotSpecified")]
        public void CodesMapToCategories(string code, string expected) => Assert.Equal(expected, ErrorCatalog.Categorize(code).ToString());

        [Fact]
        public void PrefixesMatchWholeSegmentsOnly() => Assert.Equal(FailureCategory.NotSpecified, ErrorCatalog.Categorize("AuthFailureish"));

        [Fact]
        public void EveryCategoryIsThePowerShellErrorCategoryOfItsName()
        {
            foreach (FailureCategory category in Enum.GetValues(typeof(FailureCategory)))
                Assert.Equal(category.ToString(), MongoBackup.Cmdlets.ErrorRecords.ToErrorCategory(category).ToString());
        }

        [Fact]
        public void EveryOwnErrorIdIsInTheTableOnce()
        {
            string[] constants = typeof(ErrorCatalog).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()).ToArray();
            Assert.NotEmpty(constants);
            foreach (string id in constants)
                Assert.True(ErrorCatalog.All.Count(e => e.Id == id) == 1, $"{id} is not in the table exactly once");
            Assert.Equal(ErrorCatalog.All.Count, ErrorCatalog.All.Select(e => e.Id).Distinct().Count());
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void AnErrorOfTheModuleBecomesARecordWithItsIdCategoryAndItsAdviceOnce(bool adviceInMessage)
        {
            var error = new TencentCloudException(ErrorCatalog.DownloadTaskNotFound, "No task.");
            var record = MongoBackup.Cmdlets.ErrorRecords.From(error, "target", adviceInMessage);
            Assert.Equal(ErrorCatalog.DownloadTaskNotFound, record.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, record.CategoryInfo.Category);
            Assert.Equal("target", record.TargetObject);
            Assert.Equal("Create one with New-MongoBackupDownloadTask.", record.ErrorDetails.RecommendedAction);
            // The advice is in the message only where the error view would not show the recommendation.
            Assert.Equal(adviceInMessage ? "No task." + Environment.NewLine + "Create one with New-MongoBackupDownloadTask." : "No task.", record.ErrorDetails.Message);
            Assert.Equal("No task.", error.Message);
        }

        [Theory]
        [InlineData("AuthFailure.Something", "AuthFailure")]
        [InlineData("InvalidParameterValue.Other", "InvalidParameterValue")]
        [InlineData("InvalidParameter.PermissionDenied", "InvalidParameter.PermissionDenied")]
        [InlineData("RequestLimitExceeded.UinLimitExceeded", "RequestLimitExceeded")]
        public void ASubCodeFallsBackToItsNearestFamily(string code, string entry) => Assert.Equal(entry, ErrorCatalog.Find(code).Id);

        [Theory]
        [InlineData("InvalidParameterValue.NotFoundInstance", "Get-MongoInstance")]
        [InlineData("AuthFailure.SignatureFailure", "SecretKey")]
        [InlineData("AuthFailure.SignatureExpire", "clock")]
        [InlineData("RequestLimitExceeded.IPLimitExceeded", "try again")]
        [InlineData(ErrorCatalog.ConnectionFailure, "proxy")]
        [InlineData(ErrorCatalog.FileExists, "-Force")]
        [InlineData(ErrorCatalog.FileExists, "-SkipExisting")]
        [InlineData(ErrorCatalog.LinkExpired, "Get-MongoBackupDownloadTask")]
        [InlineData(ErrorCatalog.WriteFailed, "Free disk space")]
        [InlineData(ErrorCatalog.DownloadInterrupted, ".partial file is resumed")]
        [InlineData(ErrorCatalog.ObjectNotFound, "New-MongoBackupDownloadTask")]
        public void AdviceSaysWhatToDo(string code, string expected) => Assert.Contains(expected, ErrorCatalog.Advise(code));

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
