using System;
using System.Collections.Generic;
using System.Management.Automation;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>Waits until asynchronous requests (manual backups, restores) end, and writes each one that succeeds.</summary>
    /// <remarks>
    /// Polls DescribeAsyncRequestInfo every -PollInterval seconds, one request per pending id and round, in the region each
    /// request was made in (its RequestRegion), with a progress bar per request. A request that reaches Success is written
    /// at once, with its StartTime and EndTime. One that ends Failed, Paused or Undoed is a non-terminating error whose
    /// ErrorId is AsyncRequestFailed, AsyncRequestPaused or AsyncRequestUndoed, whose message carries the service's status,
    /// and whose TargetObject is the request with that Status. When -Timeout passes, one WaitTimeout error names each
    /// request still pending (the requests go on on the service side). Ctrl+C stops at once. Takes the requests that
    /// New-MongoBackup and Restore-MongoInstance write (a restore's FlowId is followed as an AsyncRequestId, as other tools
    /// do), or ids with -AsyncRequestId.
    /// </remarks>
    /// <example>
    /// <code>New-MongoBackup cmgo-p8vnipr5 -BackupMethod Physical | Wait-MongoAsyncRequest</code>
    /// <para>Starts a backup and waits until its request succeeds.</para>
    /// </example>
    /// <example>
    /// <code>Wait-MongoAsyncRequest -AsyncRequestId 3000001, 3000002 -Region ap-guangzhou -PollInterval 10 -Timeout 7200</code>
    /// <para>Waits up to two hours for two requests, asking every 10 seconds.</para>
    /// </example>
    [Cmdlet(VerbsLifecycle.Wait, "MongoAsyncRequest", DefaultParameterSetName = RequestSet)]
    [OutputType(typeof(AsyncRequest))]
    public sealed class WaitMongoAsyncRequestCommand : RegionalCmdlet
    {
        private const string RequestSet = "Request";
        private const string IdSet = "Id";
        private readonly List<(AsyncRequest Request, object Input)> _requests = new List<(AsyncRequest, object)>();

        /// <summary>The requests to wait for, from New-MongoBackup, Restore-MongoInstance or Get-MongoAsyncRequest.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = RequestSet)]
        [ValidateNotNull]
        public AsyncRequest[] InputObject { get; set; }

        /// <summary>The ids of the requests to wait for: New-MongoBackup's AsyncRequestId, or Restore-MongoInstance's FlowId.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [ValidateNotNullOrEmpty]
        public string[] AsyncRequestId { get; set; }

        /// <summary>The instance the requests work on, such as cmgo-p8vnipr5: only named in messages and carried to the output.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string InstanceId { get; set; }

        /// <summary>Time between two rounds of polling: seconds, or a TimeSpan, from 0.1 seconds to 1 hour (default 5 seconds).</summary>
        [Parameter]
        [SecondsTransformation]
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>How long to wait in all before giving up on the requests still pending: seconds, or a TimeSpan, 0 or more (default 1 hour).</summary>
        [Parameter]
        [SecondsTransformation]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(1);

        protected override void BeginProcessing()
        {
            WaitLimits.Check(this, PollInterval, Timeout);
            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == RequestSet)
            {
                foreach (AsyncRequest request in InputObject)
                {
                    if (string.IsNullOrWhiteSpace(request.AsyncRequestId))
                    {
                        WriteError(ErrorRecords.Create(this, ErrorCatalog.IncompleteAsyncRequest, "The request object lacks its AsyncRequestId.", request));
                        continue;
                    }
                    var copy = new AsyncRequest
                    {
                        AsyncRequestId = request.AsyncRequestId.Trim(), InstanceId = request.InstanceId, Region = request.Region,
                        Status = request.Status, StartTime = request.StartTime, EndTime = request.EndTime,
                        RequestRegion = string.IsNullOrWhiteSpace(request.RequestRegion) ? (string.IsNullOrWhiteSpace(request.Region) ? Region : request.Region) : request.RequestRegion,
                    };
                    _requests.Add((copy, request));
                }
                return;
            }
            foreach (string id in AsyncRequestId)
                _requests.Add((new AsyncRequest { AsyncRequestId = id.Trim(), InstanceId = string.IsNullOrEmpty(InstanceId) ? null : InstanceId, RequestRegion = Region }, id));
        }

        protected override void EndProcessing()
        {
            if (_requests.Count > 0)
            {
                var waiter = new AsyncRequestWaiter(this, PollInterval, Timeout, "async");
                foreach ((AsyncRequest request, object input) in _requests) waiter.Add(request, input);
                waiter.Run((done, input) => WriteObject(done));
            }
            base.EndProcessing();
        }
    }
}
