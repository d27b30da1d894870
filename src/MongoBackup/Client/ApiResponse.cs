using System;

namespace MongoBackup.Client
{
    /// <summary>One successful answer: the Response object, its RequestId and how long the call took.</summary>
    internal sealed class ApiResponse
    {
        public ApiResponse(ActionDescriptor action, JsonObject response, string requestId, TimeSpan elapsed)
        {
            Action = action;
            Response = response;
            RequestId = requestId;
            Elapsed = elapsed;
        }

        public ActionDescriptor Action { get; }
        public JsonObject Response { get; }
        public string RequestId { get; }
        public TimeSpan Elapsed { get; }
    }
}
