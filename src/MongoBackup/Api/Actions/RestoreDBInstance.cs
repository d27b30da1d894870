using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MongoBackup.Client;

namespace MongoBackup.Api
{
    internal sealed class RestoreRequest
    {
        public string InstanceId { get; set; }
        public DateTimeOffset RestoreTime { get; set; }
        /// <summary>Every database with every collection listed and named (NewCollection set).</summary>
        public IReadOnlyList<RestoreDatabase> Databases { get; set; }
    }

    /// <summary>
    /// RestoreDBInstance: rolls collections back to a point in time; answers a FlowId (integer), which the module follows
    /// with DescribeAsyncRequestInfo as its AsyncRequestId, as other tools do (no action to follow a FlowId is documented).
    /// </summary>
    internal sealed class RestoreDBInstance : ApiAction<RestoreRequest, AsyncRequest>
    {
        public static readonly RestoreDBInstance Action = new RestoreDBInstance();

        private RestoreDBInstance() : base(MongoDb.Write("RestoreDBInstance")) { }

        public override JsonObject Write(RestoreRequest request) => new JsonObject
        {
            ["InstanceId"] = request.InstanceId,
            ["RestoreTime"] = BeijingTime.ToApiString(request.RestoreTime),
            ["Databases"] = request.Databases.Select(d => (object)new JsonObject
            {
                ["Db"] = d.Db,
                ["Collections"] = d.Collections.Select(c => (object)new JsonObject
                {
                    ["OldCollection"] = c.OldCollection,
                    ["NewCollection"] = c.NewCollection,
                }).ToList(),
            }).ToList(),
        };

        public override AsyncRequest Read(JsonObject response, RestoreRequest request, string region)
        {
            long flow = response.GetNullableInt64("FlowId") ?? throw new InvalidResponseException("The answer to RestoreDBInstance has no FlowId.");
            return new AsyncRequest
            {
                AsyncRequestId = flow.ToString(CultureInfo.InvariantCulture),
                InstanceId = request.InstanceId,
                Region = region,
                RequestRegion = region,
            };
        }
    }
}
