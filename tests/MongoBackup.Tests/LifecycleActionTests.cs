using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MongoBackup.Api;
using MongoBackup.Client;
using MongoBackup.Cmdlets;
using Xunit;

namespace MongoBackup.Tests
{
    /// <summary>The life-cycle actions of the API layer: the bodies they write and how they read the answers.</summary>
    public class LifecycleActionTests
    {
        private static JsonObject Parse(string json) => (JsonObject)MongoBackup.Client.Json.Parse(json);

        [Fact]
        public void CreateBackupDBInstanceSendsOnlyWhatIsGiven()
        {
            JsonObject bare = CreateBackupDBInstance.Action.Write(new CreateBackupRequest { InstanceId = "cmgo-p8vnipr5", BackupMethod = BackupMethod.Physical });
            Assert.Equal("{\"InstanceId\":\"cmgo-p8vnipr5\",\"BackupMethod\":1}", MongoBackup.Client.Json.Serialize(bare));
            JsonObject full = CreateBackupDBInstance.Action.Write(new CreateBackupRequest
            { InstanceId = "cmgo-p8vnipr5", BackupMethod = BackupMethod.Logical, BackupRemark = "r", BackupRetentionDays = -2 });
            Assert.Equal("{\"InstanceId\":\"cmgo-p8vnipr5\",\"BackupMethod\":0,\"BackupRemark\":\"r\",\"BackupRetentionDays\":-2}", MongoBackup.Client.Json.Serialize(full));
            Assert.False(CreateBackupDBInstance.Action.Descriptor.Safe);
        }

        [Fact]
        public void CreateBackupDBInstanceReadsTheRequestWithItsInstanceAndRegion()
        {
            AsyncRequest r = CreateBackupDBInstance.Action.Read(Parse("{\"AsyncRequestId\":\"77\"}"), new CreateBackupRequest { InstanceId = "cmgo-p8vnipr5" }, "ap-shanghai");
            Assert.Equal("77", r.AsyncRequestId);
            Assert.Equal("cmgo-p8vnipr5", r.InstanceId);
            Assert.Equal("ap-shanghai", r.Region);
            Assert.Equal("ap-shanghai", r.RequestRegion);
            Assert.Null(r.Status);
            Assert.Throws<InvalidResponseException>(() => CreateBackupDBInstance.Action.Read(Parse("{}"), new CreateBackupRequest(), "ap-shanghai"));
        }

        [Theory]
        [InlineData("initial", AsyncRequestStatus.Initial)]
        [InlineData("running", AsyncRequestStatus.Running)]
        [InlineData("paused", AsyncRequestStatus.Paused)]
        [InlineData("undoed", AsyncRequestStatus.Undoed)]
        [InlineData("failed", AsyncRequestStatus.Failed)]
        [InlineData("success", AsyncRequestStatus.Success)]
        [InlineData("Success", AsyncRequestStatus.Success)]
        public void ReadsEveryDocumentedStatus(string text, AsyncRequestStatus expected)
        {
            AsyncRequest r = DescribeAsyncRequestInfo.Action.Read(Parse($"{{\"Status\":\"{text}\",\"StartTime\":\"2026-01-01 03:00:00\",\"EndTime\":\"\"}}"),
                new AsyncRequestQuery { AsyncRequestId = "1", InstanceId = "cmgo-p8vnipr5" }, "ap-guangzhou");
            Assert.Equal(expected, r.Status);
            Assert.Equal(new DateTimeOffset(2026, 1, 1, 3, 0, 0, TimeSpan.FromHours(8)), r.StartTime);
            Assert.Null(r.EndTime);
            Assert.Equal("cmgo-p8vnipr5", r.InstanceId);
        }

        [Theory]
        [InlineData("{\"Status\":\"frozen\"}")]
        [InlineData("{}")]
        public void AnUnknownStatusIsAnInvalidResponse(string json) =>
            Assert.Throws<InvalidResponseException>(() => DescribeAsyncRequestInfo.Action.Read(Parse(json), new AsyncRequestQuery { AsyncRequestId = "1" }, "ap-guangzhou"));

        [Fact]
        public void DescribeBackupRulesTypesEveryField()
        {
            BackupRule rule = DescribeBackupRules.Action.Read(Parse(
                "{\"BackupSaveTime\":14,\"BackupFrequency\":12,\"BackupTime\":2,\"BackupMethod\":1,\"ActiveWeekdays\":\"0,6\",\"LongTermInterval\":\"weekly\"," +
                "\"LongTermActiveDays\":\"0\",\"LongTermExpiredDays\":180,\"OplogExpiredDays\":14,\"BackupVersion\":1," +
                "\"BackupTotalSize\":{\"SnapshotSize\":1073741824,\"OplogSize\":1.5,\"FreeQuota\":\"2048\"},\"AlertThreshold\":150}"),
                "cmgo-9d0p6umb", "ap-shanghai");
            Assert.Equal("cmgo-9d0p6umb", rule.InstanceId);
            Assert.Equal(14, rule.BackupSaveTime);
            Assert.Equal(12, rule.BackupFrequency);
            Assert.Equal(BackupMethod.Physical, rule.BackupMethod);
            Assert.Equal(new[] { DayOfWeek.Sunday, DayOfWeek.Saturday }, rule.ActiveWeekdays);
            Assert.Equal(LongTermInterval.Weekly, rule.LongTermInterval);
            Assert.Equal(new[] { 0 }, rule.LongTermActiveDays);
            Assert.Equal(BackupVersion.Advanced, rule.BackupVersion);
            Assert.Equal(1073741824L, rule.BackupTotalSize.SnapshotSize);
            Assert.Equal(1.5, rule.BackupTotalSize.OplogSize);
            Assert.Equal(2048.0, rule.BackupTotalSize.FreeQuota);
            Assert.Equal(150, rule.AlertThreshold);
            Assert.Equal("ap-shanghai", rule.RequestRegion);
            Assert.Equal(20, DescribeBackupRules.Action.Descriptor.RequestsPerSecond);
        }

        [Theory]
        [InlineData("{\"ActiveWeekdays\":\"Mon\"}")]
        [InlineData("{\"ActiveWeekdays\":\"0,7\"}")]
        [InlineData("{\"LongTermInterval\":\"daily\"}")]
        [InlineData("{\"LongTermActiveDays\":\"1,40\"}")]
        public void ARuleThatCannotMeanItsTypeIsAnInvalidResponse(string json) =>
            Assert.Throws<InvalidResponseException>(() => DescribeBackupRules.Action.Read(Parse(json), "cmgo-p8vnipr5", "ap-guangzhou"));

        [Fact]
        public void AnEmptyLongTermIntervalIsNone() =>
            Assert.Equal(LongTermInterval.None, DescribeBackupRules.Action.Read(Parse("{\"LongTermInterval\":\"\"}"), "cmgo-p8vnipr5", "ap-guangzhou").LongTermInterval);

        private static BackupRuleRequest Rule(LongTermInterval interval, bool? notify = null) => new BackupRuleRequest
        {
            InstanceId = "cmgo-p8vnipr5", BackupMethod = BackupMethod.Logical, BackupTime = 3, BackupFrequency = 24, Notify = notify,
            BackupRetentionPeriod = 30, ActiveWeekdays = new[] { DayOfWeek.Friday, DayOfWeek.Monday, DayOfWeek.Friday },
            LongTermInterval = interval, LongTermActiveDays = new[] { 15, 1 }, LongTermExpiredDays = 365, OplogExpiredDays = 7,
            BackupVersion = BackupVersion.Advanced, AlertThreshold = 100,
        };

        [Fact]
        public void SetBackupRulesSendsTheWholeRuleWithTheCurrentNames()
        {
            JsonObject body = SetBackupRules.Action.Write(Rule(LongTermInterval.Monthly));
            Assert.Equal("{\"InstanceId\":\"cmgo-p8vnipr5\",\"BackupMethod\":0,\"BackupTime\":3,\"BackupFrequency\":24,\"BackupRetentionPeriod\":30," +
                "\"ActiveWeekdays\":\"1,5\",\"LongTermInterval\":\"monthly\",\"OplogExpiredDays\":7,\"BackupVersion\":1,\"AlertThreshold\":100," +
                "\"LongTermActiveDays\":\"1,15\",\"LongTermExpiredDays\":365}", MongoBackup.Client.Json.Serialize(body));
            Assert.False(body.ContainsKey("LongTermUnit"));
            Assert.False(body.ContainsKey("AlarmWaterLevel"));
            Assert.False(body.ContainsKey("Notify"));
        }

        [Fact]
        public void SetBackupRulesSendsLongTermOffAsEmptyWithoutItsDaysAndNotifyOnlyWhenGiven()
        {
            JsonObject body = SetBackupRules.Action.Write(Rule(LongTermInterval.None, notify: false));
            Assert.Equal("", body["LongTermInterval"]);
            Assert.False(body.ContainsKey("LongTermActiveDays"));
            Assert.False(body.ContainsKey("LongTermExpiredDays"));
            Assert.Equal(false, body["Notify"]);
        }

        [Fact]
        public void ModifyBackupExpireTimeWritesBeijingTimeAndReadsFailedBackups()
        {
            var request = new BackupIdsRequest
            {
                InstanceId = "cmgo-p8vnipr5", BackupIds = new long[] { 5, 6, 5 },
                ExpireTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            };
            Assert.Equal("{\"InstanceId\":\"cmgo-p8vnipr5\",\"ExpireTime\":\"2026-01-01 08:00:00\",\"BackupIds\":[5,6]}", MongoBackup.Client.Json.Serialize(ModifyBackupExpireTime.Action.Write(request)));
            Assert.Equal(new long[] { 6, 7 }, ModifyBackupExpireTime.Action.Read(Parse("{\"FailedBackups\":[6,\"7\"]}"), request, "ap-guangzhou"));
            Assert.Empty(ModifyBackupExpireTime.Action.Read(Parse("{}"), request, "ap-guangzhou"));
            Assert.Equal("{\"InstanceId\":\"cmgo-p8vnipr5\",\"BackupIds\":[5,6]}", MongoBackup.Client.Json.Serialize(DeleteDBBackups.Action.Write(request)));
        }

        [Fact]
        public void RestoreDBInstanceWritesTheApiShapeAndReadsTheFlowIdAsAnAsyncRequest()
        {
            var request = new RestoreRequest
            {
                InstanceId = "cmgo-p8vnipr5",
                RestoreTime = new DateTimeOffset(2026, 1, 1, 3, 0, 0, TimeSpan.FromHours(8)),
                Databases = new[] { new RestoreDatabase { Db = "orders", Collections = new[] { new RestoreCollection { OldCollection = "a", NewCollection = "a_bak" } } } },
            };
            Assert.Equal("{\"InstanceId\":\"cmgo-p8vnipr5\",\"RestoreTime\":\"2026-01-01 03:00:00\",\"Databases\":[{\"Db\":\"orders\",\"Collections\":[{\"OldCollection\":\"a\",\"NewCollection\":\"a_bak\"}]}]}",
                MongoBackup.Client.Json.Serialize(RestoreDBInstance.Action.Write(request)));
            AsyncRequest flow = RestoreDBInstance.Action.Read(Parse("{\"FlowId\":3000002}"), request, "ap-guangzhou");
            Assert.Equal("3000002", flow.AsyncRequestId);
            Assert.Equal("cmgo-p8vnipr5", flow.InstanceId);
            Assert.Throws<InvalidResponseException>(() => RestoreDBInstance.Action.Read(Parse("{}"), request, "ap-guangzhou"));
        }

        [Fact]
        public void DescribeDBInstanceNamespaceReadsDatabasesOrOneDatabasesCollections()
        {
            IReadOnlyList<Database> all = DescribeDBInstanceNamespace.Action.Read(Parse("{\"Databases\":[\"a\",\"b\"],\"Collections\":[]}"),
                new NamespaceQuery { InstanceId = "cmgo-p8vnipr5" }, "ap-guangzhou");
            Assert.Equal(new[] { "a", "b" }, all.Select(d => d.Name));
            Assert.All(all, d => Assert.Null(d.Collections));
            IReadOnlyList<Database> one = DescribeDBInstanceNamespace.Action.Read(Parse("{\"Databases\":[\"a\"],\"Collections\":[\"x\",\"y\"]}"),
                new NamespaceQuery { InstanceId = "cmgo-p8vnipr5", DbName = "a" }, "ap-guangzhou");
            Assert.Equal("a", Assert.Single(one).Name);
            Assert.Equal(new[] { "x", "y" }, one[0].Collections);
            Assert.Equal("{\"InstanceId\":\"cmgo-p8vnipr5\"}", MongoBackup.Client.Json.Serialize(DescribeDBInstanceNamespace.Action.Write(new NamespaceQuery { InstanceId = "cmgo-p8vnipr5" })));
        }
    }
}
