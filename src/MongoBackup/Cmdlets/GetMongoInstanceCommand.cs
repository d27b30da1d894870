using System;
using System.Linq;
using System.Management.Automation;
using MongoBackup.Client;

namespace MongoBackup.Commands
{
    /// <summary>Gets TencentDB for MongoDB instances.</summary>
    /// <remarks>
    /// Calls DescribeDBInstances and returns every matching instance of the region, page after page. Filter by instance
    /// ID, architecture, state, project, VPC and subnet, or a search key (part of an instance ID or name). Each instance
    /// carries its ReplicaSets (the shards of a sharded cluster) and its Region, so it pipes into Get-MongoBackup and
    /// Get-MongoBackupDownloadTask, which then query that region. Memory and Volume are in MB, as the API gives them.
    /// </remarks>
    /// <example>
    /// <code>Get-MongoInstance -Region ap-guangzhou</code>
    /// <para>Lists every instance of the region.</para>
    /// </example>
    /// <example>
    /// <code>Get-MongoInstance -InstanceId cmgo-p8vnipr5 | Get-MongoBackup</code>
    /// <para>Lists the backups of one instance.</para>
    /// </example>
    /// <example>
    /// <code>Get-MongoInstance -ClusterType Sharded -ProjectId 1002 | Select-Object InstanceId, InstanceName, @{ n = 'Shards'; e = { $_.ReplicaSets.Count } }</code>
    /// <para>The sharded clusters of a project with their number of shards.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "MongoInstance", SupportsPaging = true)]
    [OutputType(typeof(Instance))]
    public sealed class GetMongoInstanceCommand : MongoBackupPagedCmdlet
    {
        internal const string Action = "DescribeDBInstances";

        /// <summary>Only these instances (IDs such as cmgo-p8vnipr5). Accepts strings and objects with an InstanceId property from the pipeline.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateInstanceId]
        public string[] InstanceId { get; set; }

        /// <summary>Only replica sets (ReplicaSet) or only sharded clusters (Sharded). Both when omitted.</summary>
        [Parameter]
        public ClusterType ClusterType { get; set; }

        /// <summary>Only instances in these states: Initializing, Processing, Running, IsolatedPrepaid, IsolatedPostpaid.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public InstanceStatus[] Status { get; set; }

        /// <summary>Only instances of these projects (numeric project IDs; 0 is the default project).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public long[] ProjectId { get; set; }

        /// <summary>Only instances whose ID or name contains this text.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SearchKey { get; set; }

        /// <summary>Only instances in this VPC (vpc-...).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string VpcId { get; set; }

        /// <summary>Only instances in this subnet (subnet-...).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SubnetId { get; set; }

        /// <summary>Sort key: ProjectId, InstanceName or CreateTime. The service's order when omitted.</summary>
        [Parameter]
        public InstanceOrderBy OrderBy { get; set; }

        /// <summary>Sort direction: Asc or Desc.</summary>
        [Parameter]
        public SortOrder OrderByType { get; set; }



        protected override void ProcessRecord()
        {
            string target = InstanceId == null ? (Region ?? Settings.Region ?? "all instances") : string.Join(", ", InstanceId);
            WriteAllPages(Action, BuildRequest(), target, (object)InstanceId ?? target, "instances",
                response => response.GetObjectArray("InstanceDetails").Select(Instance.FromJson).ToList(),
                response => response.GetInt64("TotalCount"));
        }

        private bool Has(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        private JsonObject BuildRequest()
        {
            var request = new JsonObject();
            if (InstanceId != null) request["InstanceIds"] = InstanceId.Distinct().ToList();
            request["ClusterType"] = Has(nameof(ClusterType)) ? (long)ClusterType : -1L;
            if (Status != null) request["Status"] = Status.Distinct().Select(s => (long)s).ToList();
            if (ProjectId != null) request["ProjectIds"] = ProjectId.Distinct().ToList();
            if (SearchKey != null) request["SearchKey"] = SearchKey;
            if (VpcId != null) request["VpcId"] = VpcId;
            if (SubnetId != null) request["SubnetId"] = SubnetId;
            if (Has(nameof(OrderBy))) request["OrderBy"] = OrderBy.ToString();
            if (Has(nameof(OrderByType))) request["OrderByType"] = OrderByType == SortOrder.Asc ? "ASC" : "DESC";
            return request;
        }
    }
}
