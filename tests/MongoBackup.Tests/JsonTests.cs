using System.Collections.Generic;
using MongoBackup.Client;
using Xunit;

namespace MongoBackup.Tests
{
    public class JsonTests
    {
        [Fact]
        public void ParsesTheServiceShapes()
        {
            var root = (JsonObject)MongoBackup.Client.Json.Parse("{\"Response\":{\"TotalCount\":2,\"Tasks\":[{\"BackupSize\":5368709120,\"Url\":\"\"}],\"RequestId\":\"r-1\"}}");
            JsonObject response = root.GetObject("Response");
            Assert.Equal(2, response.GetInt64("TotalCount"));
            Assert.Equal(5368709120L, response.GetObjectArray("Tasks")[0].GetInt64("BackupSize"));
            Assert.Equal("r-1", response.GetString("RequestId"));
        }

        [Theory]
        [InlineData("\"a\\u00e9\\ud83d\\ude00\\n\\\"\\/\"", "aé😀\n\"/")]
        [InlineData("\"未命名\"", "未命名")]
        [InlineData("\"\"", "")]
        public void ParsesStrings(string json, string expected) => Assert.Equal(expected, MongoBackup.Client.Json.Parse(json));

        [Theory]
        [InlineData("0", 0L)]
        [InlineData("-12", -12L)]
        [InlineData("9223372036854775807", long.MaxValue)]
        public void ParsesIntegersAsInt64(string json, long expected) => Assert.Equal(expected, MongoBackup.Client.Json.Parse(json));

        [Fact]
        public void ParsesOtherNumbers()
        {
            Assert.Equal(1.5, MongoBackup.Client.Json.Parse("1.5"));
            Assert.Equal(1e3, MongoBackup.Client.Json.Parse("1E3"));
            Assert.Equal(18446744073709551616m, MongoBackup.Client.Json.Parse("18446744073709551616"));
        }

        [Theory]
        [InlineData("{\"Response\":{\"Tasks\":[{\"A\":1}")] // truncated
        [InlineData("{\"a\":")]
        [InlineData("\"abc")]
        [InlineData("[1,2")]
        [InlineData("tru")]
        [InlineData("")]
        [InlineData("   ")]
        public void TruncatedTextIsAClearError(string json)
        {
            var e = Assert.Throws<JsonParseException>(() => MongoBackup.Client.Json.Parse(json));
            Assert.Matches("(ends too early|empty)", e.Message);
        }

        [Theory]
        [InlineData("<html><body>502 Bad Gateway</body></html>")]
        [InlineData("{\"a\":1,}")]
        [InlineData("{'a':1}")]
        [InlineData("[01]")]
        [InlineData("{\"a\":1} trailing")]
        [InlineData("\"tab\there\"")]
        [InlineData("\"\\x\"")]
        public void MalformedTextIsRejected(string json) => Assert.Throws<JsonParseException>(() => MongoBackup.Client.Json.Parse(json));

        [Fact]
        public void DeepNestingIsRejectedNotAStackOverflow()
        {
            string deep = new string('[', 10000) + new string(']', 10000);
            Assert.Throws<JsonParseException>(() => MongoBackup.Client.Json.Parse(deep));
        }

        [Fact]
        public void SerializesInInsertionOrderWithEscapes()
        {
            var obj = new JsonObject { ["InstanceId"] = "cmgo-dygv1rnp", ["Status"] = new List<long> { 2, 3 }, ["Name"] = "a\"b\\c\n未", ["Flag"] = true, ["Nothing"] = null };
            Assert.Equal("{\"InstanceId\":\"cmgo-dygv1rnp\",\"Status\":[2,3],\"Name\":\"a\\\"b\\\\c\\n未\",\"Flag\":true,\"Nothing\":null}", MongoBackup.Client.Json.Serialize(obj));
        }

        [Fact]
        public void RoundTrips()
        {
            const string text = "{\"a\":[1,-2.5,\"x\",null,true,{\"b\":{}}],\"c\":\"\\u0001\"}";
            Assert.Equal(text, MongoBackup.Client.Json.Serialize(MongoBackup.Client.Json.Parse(text)));
        }

        [Fact]
        public void FieldsAreLenient()
        {
            var obj = (JsonObject)MongoBackup.Client.Json.Parse("{\"n\":\"42\",\"z\":null,\"e\":\"\",\"d\":7.0,\"s\":12,\"b\":\"true\"}");
            Assert.Equal(42, obj.GetInt64("n"));
            Assert.Equal(0, obj.GetInt64("z"));
            Assert.Equal(0, obj.GetInt64("missing"));
            Assert.Null(obj.GetNullableInt64("e"));
            Assert.Equal(7, obj.GetInt64("d"));
            Assert.Equal("12", obj.GetString("s"));
            Assert.Null(obj.GetString("z"));
            Assert.True(obj.GetBoolean("b"));
            Assert.Empty(obj.GetObjectArray("missing"));
            Assert.Empty(obj.GetObjectArray("z"));
        }

        [Theory]
        [InlineData("{\"n\":\"forty\"}")]
        [InlineData("{\"n\":1.5}")]
        [InlineData("{\"n\":[1]}")]
        [InlineData("{\"n\":{}}")]
        public void FieldsThatCannotBeNumbersNameTheField(string json)
        {
            var obj = (JsonObject)MongoBackup.Client.Json.Parse(json);
            var e = Assert.Throws<InvalidResponseException>(() => obj.GetInt64("n"));
            Assert.Contains("'n'", e.Message);
        }

        [Fact]
        public void ArrayFieldOfWrongShapeNamesTheField()
        {
            var obj = (JsonObject)MongoBackup.Client.Json.Parse("{\"Tasks\":{\"a\":1}}");
            Assert.Contains("'Tasks'", Assert.Throws<InvalidResponseException>(() => obj.GetObjectArray("Tasks")).Message);
        }
    }
}
