using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using MongoBackup.Client;
using Xunit;

namespace MongoBackup.Tests
{
    public class SignerTests
    {
        [Fact]
        public void ReproducesTheReferenceWorkedExample()
        {
            // Tencent's public example (service cvm); the body's backslash escapes are literal text.
            const string body = "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}";
            Tc3Signature s = Tc3Signer.Sign("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "cvm",
                "cvm.tencentcloudapi.com", "application/json; charset=utf-8", Encoding.UTF8.GetBytes(body), 1551113065);

            Assert.Equal("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064", s.PayloadHash);
            Assert.Equal("5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031", s.CanonicalRequestHash);
            Assert.Equal("72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168", s.Signature);
            Assert.Equal("2019-02-25", s.Date);
            Assert.Equal(
                "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
                s.Authorization);
        }

        /// <summary>The vectors, read with the module's own JSON reader (the tests also run on the .NET Framework).</summary>
        private static IEnumerable<JsonObject> Vectors()
        {
            string path = Path.Combine(AppContext.BaseDirectory, "Vectors", "sign3-vectors.json");
            return ((List<object>)MongoBackup.Client.Json.Parse(File.ReadAllText(path))).Cast<JsonObject>();
        }

        public static IEnumerable<object[]> NodeSdkVectors() => Vectors().Select(v => new object[] { v.GetString("name") });

        [Theory]
        [MemberData(nameof(NodeSdkVectors))]
        public void MatchesTheOfficialNodeSdkSign3(string name)
        {
            JsonObject v = Vectors().Single(e => e.GetString("name") == name);

            Tc3Signature s = Tc3Signer.Sign(v.GetString("secretId"), v.GetString("secretKey"),
                v.GetString("service"), v.GetString("host"), v.GetString("contentType"),
                Encoding.UTF8.GetBytes(v.GetString("payload")), v.GetInt64("timestamp"));

            Assert.Equal(v.GetString("signature"), s.Signature);
            Assert.Equal(v.GetString("authorization"), s.Authorization);
        }

        [Fact]
        public void TheNodeSdkVectorsCoverTheCasesThatMatter()
        {
            var dates = new HashSet<string>();
            bool nonAscii = false, token = false;
            int count = 0;
            foreach (JsonObject v in Vectors())
            {
                count++;
                dates.Add(DateTimeOffset.FromUnixTimeSeconds(v.GetInt64("timestamp")).UtcDateTime.ToString("yyyy-MM-dd"));
                foreach (char c in v.GetString("payload")) nonAscii |= c > 127;
                token |= v["token"] is string;
            }
            Assert.True(count >= 6, "at least 6 vectors");
            Assert.True(nonAscii, "a vector with non-ASCII text");
            Assert.True(token, "a vector with a token");
            Assert.True(dates.Count >= 3, "vectors on several UTC dates (around midnight)");
        }

        [Fact]
        public void TheDateIsTheUtcDateOfTheTimestamp()
        {
            // 2021-03-26 23:59:59 UTC and one second later: the credential scope's date changes at UTC midnight.
            var before = Tc3Signer.Sign("id", "key", "mongodb", "h", "application/json", new byte[0], 1616803199);
            var after = Tc3Signer.Sign("id", "key", "mongodb", "h", "application/json", new byte[0], 1616803200);
            Assert.Equal("2021-03-26", before.Date);
            Assert.Equal("2021-03-27", after.Date);
            Assert.NotEqual(before.Signature, after.Signature);
        }

        [Fact]
        public void HostIsSignedLowerCaseWithItsPort()
        {
            var s = Tc3Signer.Sign("id", "key", "mongodb", "LocalHost:8080", "application/json; charset=utf-8", new byte[0], 1616803199);
            Assert.Contains("\nhost:localhost:8080\n", s.CanonicalRequest);
            Assert.Contains("content-type:application/json; charset=utf-8\n", s.CanonicalRequest);
            Assert.StartsWith("POST\n/\n\n", s.CanonicalRequest);
        }

        [Fact]
        public void MissingKeyIsRefused()
        {
            Assert.Throws<ArgumentException>(() => Tc3Signer.Sign("id", "", "mongodb", "h", "c", new byte[0], 1));
        }
    }
}
