using System;

namespace MongoBackup
{
    /// <summary>
    /// An asynchronous request of the service: a manual backup (CreateBackupDBInstance's AsyncRequestId) or a restore
    /// (RestoreDBInstance's FlowId, as text), as DescribeAsyncRequestInfo reports it.
    /// </summary>
    public sealed class AsyncRequest
    {
        /// <summary>The request's id: CreateBackupDBInstance's AsyncRequestId, or RestoreDBInstance's FlowId as text.</summary>
        public string AsyncRequestId { get; set; }
        /// <summary>The instance the request works on (not an API field of DescribeAsyncRequestInfo: carried from the request that started it).</summary>
        public string InstanceId { get; set; }
        /// <summary>The region of the request.</summary>
        public string Region { get; set; }
        /// <summary>The state, once asked (null on a request just started).</summary>
        public AsyncRequestStatus? Status { get; set; }
        public DateTimeOffset? StartTime { get; set; }
        /// <summary>When it ended (null while it runs).</summary>
        public DateTimeOffset? EndTime { get; set; }
        /// <summary>The region the request was made in or read from (not an API field): Wait-MongoAsyncRequest asks that region.</summary>
        public string RequestRegion { get; set; }

        /// <summary>Whether the request has ended (succeeded, or failed, paused or undoed).</summary>
        internal bool HasEnded => Status.HasValue && Status != AsyncRequestStatus.Initial && Status != AsyncRequestStatus.Running;
    }
}
