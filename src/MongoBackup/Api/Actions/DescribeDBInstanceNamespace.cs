using System.Collections.Generic;
using System.Linq;
using MongoBackup.Client;

namespace MongoBackup.Api
{
    internal sealed class NamespaceQuery
    {
        public string InstanceId { get; set; }
        /// <summary>One database, whose collections are then listed; null: the databases only.</summary>
        public string DbName { get; set; }
    }

    /// <summary>DescribeDBInstanceNamespace: an instance's databases, or with DbName that database's collections.</summary>
    internal sealed class DescribeDBInstanceNamespace : ApiAction<NamespaceQuery, IReadOnlyList<Database>>
    {
        public static readonly DescribeDBInstanceNamespace Action = new DescribeDBInstanceNamespace();

        private DescribeDBInstanceNamespace() : base(MongoDb.Read("DescribeDBInstanceNamespace")) { }

        public override JsonObject Write(NamespaceQuery query)
        {
            var body = new JsonObject { ["InstanceId"] = query.InstanceId };
            if (!string.IsNullOrEmpty(query.DbName)) body["DbName"] = query.DbName;
            return body;
        }

        public override IReadOnlyList<Database> Read(JsonObject response, NamespaceQuery query, string region)
        {
            if (!string.IsNullOrEmpty(query.DbName))
                return new[] { new Database { InstanceId = query.InstanceId, Name = query.DbName, Collections = response.GetStringArray("Collections").ToArray(), RequestRegion = region } };
            return response.GetStringArray("Databases")
                .Select(name => new Database { InstanceId = query.InstanceId, Name = name, RequestRegion = region }).ToList();
        }
    }
}
