using System;
using System.Collections.Generic;
using System.Management.Automation;
using MongoBackup.Api;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>Gets the databases of TencentDB for MongoDB instances, and their collections.</summary>
    /// <remarks>
    /// Calls DescribeDBInstanceNamespace. Without -Name it writes one Database per database of the instance, without its
    /// collections (Collections is null: the API lists them only for a named database). With -Name it writes each named
    /// database with its Collections (one request per name). A Database pipes into Restore-MongoInstance, which rolls back
    /// the collections it lists, or all the database's collections when it lists none.
    /// </remarks>
    /// <example>
    /// <code>Get-MongoDatabase -InstanceId cmgo-p8vnipr5</code>
    /// <para>Lists the databases of an instance.</para>
    /// </example>
    /// <example>
    /// <code>Get-MongoDatabase cmgo-p8vnipr5 -Name orders | Select-Object -ExpandProperty Collections</code>
    /// <para>Lists the collections of one database.</para>
    /// </example>
    /// <example>
    /// <code>Get-MongoDatabase cmgo-p8vnipr5 -Name orders | Restore-MongoInstance -RestoreTime (Get-Date).AddHours(-2) -WhatIf</code>
    /// <para>Shows how every collection of a database would be rolled back two hours.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "MongoDatabase")]
    [OutputType(typeof(Database))]
    public sealed class GetMongoDatabaseCommand : RegionalCmdlet
    {
        /// <summary>The instance, such as cmgo-p8vnipr5. Accepts strings and objects with an InstanceId property (instances) from the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateInstanceId]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string InstanceId { get; set; }

        /// <summary>Only these databases (exact names), each with its collections.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; }

        protected override void ProcessRecord()
        {
            IEnumerable<string> names = Name ?? new string[] { null };
            foreach (string name in names)
            {
                try
                {
                    MongoDbApi api = ApiFor(Region);
                    var query = new NamespaceQuery { InstanceId = InstanceId, DbName = name };
                    IReadOnlyList<Database> found = Await(ct => api.DescribeDBInstanceNamespaceAsync(query, ct));
                    WriteVerbose($"{api.LastResponse.Action} {InstanceId}{(name == null ? "" : " " + name)}: {(name == null ? found.Count + " databases" : (found.Count == 0 ? 0 : found[0].Collections.Length) + " collections")} in {api.LastResponse.Elapsed.TotalMilliseconds:0} ms (RequestId {api.LastResponse.RequestId})");
                    foreach (Database database in found) WriteObject(database);
                }
                catch (Exception e) when (e is TencentCloudException || e is InvalidResponseException)
                {
                    WriteFailure(e, (object)name ?? InstanceId);
                }
            }
        }
    }
}
