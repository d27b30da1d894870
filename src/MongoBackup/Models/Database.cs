namespace MongoBackup
{
    /// <summary>A database of an instance, as DescribeDBInstanceNamespace lists it.</summary>
    public sealed class Database
    {
        /// <summary>The instance (not an API field: the one asked about), so a database pipes into Restore-MongoInstance.</summary>
        public string InstanceId { get; set; }
        /// <summary>The database's name.</summary>
        public string Name { get; set; }
        /// <summary>The database's collections; null when they were not asked for (Get-MongoDatabase without -Name).</summary>
        public string[] Collections { get; set; }
        /// <summary>The region the database was read from (not an API field).</summary>
        public string RequestRegion { get; set; }
    }

    /// <summary>A database to roll back (one item of RestoreDBInstance's Databases): its name and the collections.</summary>
    public sealed class RestoreDatabase
    {
        /// <summary>The database's name.</summary>
        public string Db { get; set; }
        /// <summary>The collections to roll back; none: every collection of the database (Restore-MongoInstance looks them up).</summary>
        public RestoreCollection[] Collections { get; set; }

        public override string ToString() => Db;
    }

    /// <summary>A collection to roll back and the collection its rolled-back data is written to.</summary>
    public sealed class RestoreCollection
    {
        public string OldCollection { get; set; }
        /// <summary>Where the rolled-back data goes; null: Restore-MongoInstance's naming rule.</summary>
        public string NewCollection { get; set; }

        public override string ToString() => NewCollection == null ? OldCollection : OldCollection + " -> " + NewCollection;
    }
}
