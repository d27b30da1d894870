using System;
using MongoBackup.Client;
using Xunit;

namespace MongoBackup.Tests
{
    public class EndpointValidatorTests
    {
        [Theory]
        [InlineData("https://mongodb.tencentcloudapi.com", "https://mongodb.tencentcloudapi.com/")]
        [InlineData("mongodb.ap-shanghai.tencentcloudapi.com", "https://mongodb.ap-shanghai.tencentcloudapi.com/")]
        [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
        [InlineData("http://localhost:5000/", "http://localhost:5000/")]
        [InlineData("http://[::1]:5000", "http://[::1]:5000/")]
        [InlineData("http://127.0.0.2:80", "http://127.0.0.2/")]
        public void AcceptsHttpsAndLoopbackHttp(string text, string expected) => Assert.Equal(new Uri(expected), EndpointValidator.Parse(text));

        [Theory]
        [InlineData("http://mongodb.tencentcloudapi.com", "plain http")]
        [InlineData("http://10.0.0.5:8080", "plain http")]
        [InlineData("ftp://example.com", "must use https")]
        [InlineData("https://mongodb.tencentcloudapi.com/v3", "path")]
        [InlineData("https://mongodb.tencentcloudapi.com/?a=1", "path or query")]
        [InlineData("https://user:pw@mongodb.tencentcloudapi.com", "user name")]
        [InlineData("https://", "not a URI")]
        [InlineData("  ", "empty")]
        public void RefusesWithAClearMessage(string text, string fragment)
        {
            var e = Assert.Throws<TencentCloudException>(() => EndpointValidator.Parse(text));
            Assert.Equal(ErrorCatalog.InvalidEndpoint, e.Code);
            Assert.Contains(fragment, e.Message);
        }

        [Theory]
        [InlineData("https://mongodb.tencentcloudapi.com/", "mongodb.tencentcloudapi.com")]
        [InlineData("https://MongoDB.TencentCloudAPI.com:8443/", "mongodb.tencentcloudapi.com:8443")]
        [InlineData("http://127.0.0.1:41234/", "127.0.0.1:41234")]
        public void HostHeaderHasThePortOnlyWhenNotDefault(string uri, string expected) =>
            Assert.Equal(expected, EndpointValidator.HostHeader(new Uri(uri)));
    }
}
