using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace MongoBackup.Cmdlets
{
    /// <summary>
    /// Lets Restore-MongoInstance -Database take what a user has at hand: database names ('orders'), Database objects
    /// from Get-MongoDatabase, RestoreDatabase objects, or hashtables / objects shaped like the API's Databases items
    /// (@{ Db = 'orders'; Collections = @('orders', @{ OldCollection = 'refunds'; NewCollection = 'refunds_old' }) }).
    /// A collection given by name alone gets the naming rule's new name later.
    /// </summary>
    public sealed class RestoreDatabaseTransformationAttribute : ArgumentTransformationAttribute
    {
        internal const string Expected =
            "-Database takes database names, Database objects from Get-MongoDatabase, or objects such as @{ Db = 'orders'; Collections = @('orders', @{ OldCollection = 'refunds'; NewCollection = 'refunds_old' }) }.";

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = Unwrap(inputData);
            if (value == null) return null;
            if (value is IEnumerable many && !(value is string) && !(value is IDictionary))
                return many.Cast<object>().Select(ToDatabase).ToArray();
            return new[] { ToDatabase(value) };
        }

        internal static RestoreDatabase ToDatabase(object item)
        {
            object value = Unwrap(item);
            switch (value)
            {
                case RestoreDatabase database:
                    return Checked(database.Db, database.Collections);
                case Database listed:
                    return Checked(listed.Name, listed.Collections?.Select(c => new RestoreCollection { OldCollection = c }).ToArray());
                case string name:
                    return Checked(name, null);
                case null:
                    throw Fail("a database is null.");
            }
            object db = Member(value, nameof(RestoreDatabase.Db)) ?? Member(value, nameof(Database.Name));
            if (!(Unwrap(db) is string dbName)) throw Fail($"'{value}' has no Db (the database's name).");
            object collections = Unwrap(Member(value, nameof(RestoreDatabase.Collections)));
            RestoreCollection[] list = null;
            if (collections != null)
            {
                IEnumerable<object> items = collections is IEnumerable e && !(collections is string) && !(collections is IDictionary) ? e.Cast<object>() : new[] { collections };
                list = items.Select(c => ToCollection(dbName, c)).ToArray();
            }
            return Checked(dbName, list);
        }

        private static RestoreCollection ToCollection(string db, object item)
        {
            object value = Unwrap(item);
            switch (value)
            {
                case string name: return new RestoreCollection { OldCollection = name };
                case RestoreCollection collection: return collection;
                case null: throw Fail($"a collection of database '{db}' is null.");
            }
            return new RestoreCollection
            {
                OldCollection = Unwrap(Member(value, nameof(RestoreCollection.OldCollection))) as string
                    ?? throw Fail($"a collection of database '{db}' has no OldCollection."),
                NewCollection = Unwrap(Member(value, nameof(RestoreCollection.NewCollection))) as string,
            };
        }

        private static RestoreDatabase Checked(string db, RestoreCollection[] collections)
        {
            if (string.IsNullOrWhiteSpace(db)) throw Fail("a database name is empty.");
            foreach (RestoreCollection c in collections ?? Array.Empty<RestoreCollection>())
            {
                if (string.IsNullOrWhiteSpace(c?.OldCollection)) throw Fail($"a collection name of database '{db}' is empty.");
                if (c.NewCollection != null && c.NewCollection.Trim().Length == 0) throw Fail($"the NewCollection of '{db}.{c.OldCollection}' is empty.");
            }
            return new RestoreDatabase { Db = db.Trim(), Collections = collections?.Length > 0 ? collections : null };
        }

        /// <summary>A hashtable's key (any case) or an object's property.</summary>
        private static object Member(object value, string name)
        {
            if (value is IDictionary dictionary)
            {
                foreach (object key in dictionary.Keys)
                    if (string.Equals(key as string, name, StringComparison.OrdinalIgnoreCase)) return dictionary[key];
                return null;
            }
            return PSObject.AsPSObject(value).Properties[name]?.Value;
        }

        private static object Unwrap(object value) => value is PSObject ps && !(ps.BaseObject is PSCustomObject) ? ps.BaseObject : value;

        private static ArgumentTransformationMetadataException Fail(string what) =>
            new ArgumentTransformationMetadataException("The database list is not usable: " + what + " " + Expected);
    }
}
