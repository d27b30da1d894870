using System;
using System.Management.Automation;
using MongoBackup.Api;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>Gets the state of asynchronous requests: manual backups and restores.</summary>
    /// <remarks>
    /// Calls DescribeAsyncRequestInfo once per id and writes the request with its Status (Initial, Running, Paused,
    /// Undoed, Failed or Success), StartTime and EndTime. Takes the ids that New-MongoBackup writes (its AsyncRequestId)
    /// and that Restore-MongoInstance writes (the restore's FlowId, which DescribeAsyncRequestInfo takes as an
    /// AsyncRequestId, as other tools such as the Terraform provider do). A request is found only in the region it was
    /// made in: piped requests are asked there (their RequestRegion). To wait until requests end, use
    /// Wait-MongoAsyncRequest.
    /// </remarks>
    /// <example>
    /// <code>Get-MongoAsyncRequest -AsyncRequestId 3000001 -Region ap-guangzhou</code>
    /// <para>Shows the state of one request.</para>
    /// </example>
    /// <example>
    /// <code>New-MongoBackup cmgo-p8vnipr5 -BackupMethod Logical | Get-MongoAsyncRequest</code>
    /// <para>Starts a backup and shows the state of its request right away.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "MongoAsyncRequest")]
    [OutputType(typeof(AsyncRequest))]
    public sealed class GetMongoAsyncRequestCommand : RegionalCmdlet
    {
        /// <summary>The request ids: New-MongoBackup's AsyncRequestId, or Restore-MongoInstance's FlowId. Accepts strings and objects with an AsyncRequestId property from the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] AsyncRequestId { get; set; }

        /// <summary>The instance the requests work on, such as cmgo-p8vnipr5: only carried to the output (the API does not take it). Taken by property name from piped requests.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string InstanceId { get; set; }

        protected override void ProcessRecord()
        {
            foreach (string id in AsyncRequestId)
            {
                try
                {
                    MongoDbApi api = ApiFor(Region);
                    AsyncRequest request = Await(ct => api.DescribeAsyncRequestInfoAsync(new AsyncRequestQuery { AsyncRequestId = id.Trim(), InstanceId = string.IsNullOrEmpty(InstanceId) ? null : InstanceId }, ct));
                    WriteVerbose($"{api.LastResponse.Action} {id}: {AsyncRequestWaiter.Text(request.Status)} in {api.LastResponse.Elapsed.TotalMilliseconds:0} ms (RequestId {api.LastResponse.RequestId})");
                    WriteObject(request);
                }
                catch (Exception e) when (e is TencentCloudException || e is InvalidResponseException)
                {
                    WriteFailure(e, id);
                }
            }
        }
    }
}
