using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>
    /// The backups given to Remove-MongoBackup or Set-MongoBackupExpiration, gathered per region and instance so that each
    /// instance gets one request (in EndProcessing). Each id keeps the input it came from, for its errors.
    /// </summary>
    internal sealed class BackupBatch
    {
        private readonly List<Group> _groups = new List<Group>();

        public IReadOnlyList<Group> Groups => _groups;

        /// <summary>A piped backup; false (with the error written) when it lacks its InstanceId or BackId.</summary>
        public bool Add(CancellableCmdlet cmdlet, Backup backup, string region)
        {
            if (backup == null || string.IsNullOrWhiteSpace(backup.InstanceId) || backup.BackId <= 0)
            {
                cmdlet.WriteError(ErrorRecords.Create(cmdlet, ErrorCatalog.IncompleteBackup, "The backup object lacks its InstanceId or BackId.", backup));
                return false;
            }
            Add(string.IsNullOrWhiteSpace(backup.RequestRegion) ? region : backup.RequestRegion, backup.InstanceId, backup.BackId, backup.BackupName, backup);
            return true;
        }

        public void Add(string region, string instanceId, long backId, string name, object input)
        {
            region = string.IsNullOrWhiteSpace(region) ? null : region.Trim();
            Group group = _groups.FirstOrDefault(g => g.Region == region && g.InstanceId == instanceId);
            if (group == null) _groups.Add(group = new Group(region, instanceId));
            if (group.Items.All(i => i.BackId != backId)) group.Items.Add(new Item(backId, name, input));
        }

        internal sealed class Group
        {
            public Group(string region, string instanceId)
            {
                Region = region;
                InstanceId = instanceId;
            }

            public string Region { get; }
            public string InstanceId { get; }
            public List<Item> Items { get; } = new List<Item>();

            public IReadOnlyList<long> BackIds => Items.Select(i => i.BackId).ToList();

            /// <summary>The inputs of the group, as the TargetObject of an error of the whole request.</summary>
            public object Target => Items.Count == 1 ? Items[0].Input : Items.Select(i => i.Input).ToArray();

            /// <summary>"'name' (BackId 1), BackId 2" for messages.</summary>
            public string Describe() => string.Join(", ", Items.Select(i => i.Name == null
                ? "BackId " + i.BackId.ToString(CultureInfo.InvariantCulture)
                : $"'{i.Name}' (BackId {i.BackId.ToString(CultureInfo.InvariantCulture)})"));
        }

        internal sealed class Item
        {
            public Item(long backId, string name, object input)
            {
                BackId = backId;
                Name = name;
                Input = input;
            }

            public long BackId { get; }
            public string Name { get; }
            public object Input { get; }
        }
    }
}
