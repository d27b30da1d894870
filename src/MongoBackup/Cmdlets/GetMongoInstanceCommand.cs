using System;
using System.Linq;
using System.Management.Automation;
using MongoBackup.Api;

namespace MongoBackup.Cmdlets
{
    /// <summary>Gets TencentDB for MongoDB instances.</summary>
    /// <remarks>
    /// Calls DescribeDBInstances and returns every matching instance of the region, page after page. Filter by instance
    /// ID, architecture, state, project, VPC and subnet, or a search key (part of an instance ID or name). Each instance
    /// carries its ReplicaSets (the shards of a sharded cluster) and its Region, so it pipes into Get-MongoBackup and
    /// Get-MongoBackupDownloadTask, which then query that region. Memory, Volume and UsedVolume are in MB, as the API gives
    /// them. -Region takes several regions, or * for every region where TencentDB for MongoDB is sold: the regions are
    /// listed in parallel and the instances stream as they arrive; a region that fails is that region's error.
    /// </remarks>
    /// <example>
    /// <code>Get-MongoInstance -Region ap-guangzhou</code>
    /// <para>Lists every instance of the region.</para>
    /// </example>
    /// <example>
    /// <code>Get-MongoInstance -Region * | Group-Object Region | Select-Object Name, Count</code>
    /// <para>Counts the instances of every region.</para>
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
    public sealed class GetMongoInstanceCommand : PagedCmdlet
    {
        /// <summary>Only these instances (IDs such as cmgo-p8vnipr5). Accepts strings and objects with an InstanceId property from the pipeline.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateInstanceId]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string[] InstanceId { get; set; }

        /// <summary>Only instances of this kind: All, Regular, Temporary, ReadOnly, or AllButTemporary (regular, read-only and disaster-recovery instances). The service's default when omitted.</summary>
        [Parameter]
        public InstanceTypeFilter InstanceType { get; set; }

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
            var query = new InstanceQuery
            {
                InstanceIds = InstanceId,
                InstanceType = Has(nameof(InstanceType)) ? InstanceType : (InstanceTypeFilter?)null,
                ClusterType = Has(nameof(ClusterType)) ? ClusterType : (ClusterType?)null,
                Status = Status,
                ProjectIds = ProjectId,
                SearchKey = SearchKey,
                VpcId = VpcId,
                SubnetId = SubnetId,
                OrderBy = Has(nameof(OrderBy)) ? OrderBy : (InstanceOrderBy?)null,
                OrderByType = Has(nameof(OrderByType)) ? OrderByType : (SortOrder?)null,
            };
            object target = (object)InstanceId ?? "the instances";
            WriteRegionListings(api => api.DescribeDBInstances(query, Window), target, "instances");
        }
    }
}
