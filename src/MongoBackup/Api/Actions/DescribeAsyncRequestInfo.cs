using System;
using MongoBackup.Client;

namespace MongoBackup.Api
{
    internal sealed class AsyncRequestQuery
    {
        public string AsyncRequestId { get; set; }
        /// <summary>Carried to the result (the action does not take it).</summary>
        public string InstanceId { get; set; }
    }

    /// <summary>
    /// DescribeAsyncRequestInfo: the state of an async request (a manual backup's AsyncRequestId, or a restore's FlowId as
    /// text, as other tools pass it). Status is one of initial, running, paused, undoed, failed, success.
    /// </summary>
    internal sealed class DescribeAsyncRequestInfo : ApiAction<AsyncRequestQuery, AsyncRequest>
    {
        public static readonly DescribeAsyncRequestInfo Action = new DescribeAsyncRequestInfo();

        private DescribeAsyncRequestInfo() : base(MongoDb.Read("DescribeAsyncRequestInfo")) { }

        public override JsonObject Write(AsyncRequestQuery query) => new JsonObject { ["AsyncRequestId"] = query.AsyncRequestId };

        public override AsyncRequest Read(JsonObject response, AsyncRequestQuery query, string region) => new AsyncRequest
        {
            AsyncRequestId = query.AsyncRequestId,
            InstanceId = query.InstanceId,
            Region = region,
            Status = ParseStatus(response.GetString("Status")),
            StartTime = response.GetBeijingTime("StartTime"),
            EndTime = response.GetBeijingTime("EndTime"),
            RequestRegion = region,
        };

        internal static AsyncRequestStatus ParseStatus(string text)
        {
            switch ((text ?? "").Trim().ToLowerInvariant())
            {
                case "initial": return AsyncRequestStatus.Initial;
                case "running": return AsyncRequestStatus.Running;
                case "paused": return AsyncRequestStatus.Paused;
                case "undoed": return AsyncRequestStatus.Undoed;
                case "failed": return AsyncRequestStatus.Failed;
                case "success": return AsyncRequestStatus.Success;
                default:
                    throw new InvalidResponseException($"The field 'Status' is {JsonFields.Describe(text)}, not one of initial, running, paused, undoed, failed, success.");
            }
        }
    }
}
