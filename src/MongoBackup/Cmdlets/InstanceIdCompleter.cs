using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using MongoBackup.Api;

namespace MongoBackup.Cmdlets
{
    /// <summary>
    /// Tab completion for -InstanceId: the instances of the region in force (the typed -Region, else the default), from one
    /// DescribeDBInstances request (the first 100 instances) cached a minute (<see cref="CompletionCache"/>). Matches the
    /// start of the ID or of the instance's name.
    /// </summary>
    public sealed class InstanceIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            MongoDbApi api = CompletionCache.ApiFor(fakeBoundParameters, out string key);
            if (api == null) return Array.Empty<CompletionResult>();
            IReadOnlyList<Instance> instances = CompletionCache.Shared.Get<Instance>(nameof(MongoDbApi.DescribeDBInstances) + "|" + key, async ct =>
            {
                IPager<Instance> pager = api.DescribeDBInstances(new InstanceQuery(), new PageWindow(first: 100, pageSize: 100));
                PageResult<Instance> page = await pager.NextAsync(ct).ConfigureAwait(false);
                return page.Items;
            });
            string prefix = CompletionCache.Prefix(wordToComplete);
            return instances
                .Where(i => i.InstanceId != null && (i.InstanceId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                    || (i.InstanceName ?? "").StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
                .OrderBy(i => i.InstanceId, StringComparer.Ordinal)
                .Select(i => new CompletionResult(i.InstanceId, i.InstanceId, CompletionResultType.ParameterValue,
                    $"{i.InstanceId} {i.InstanceName} ({i.ClusterType}, {i.Status}, {i.Region})"))
                .ToList();
        }
    }

    /// <summary>
    /// Tab completion for -BackupName (and -BackId): the backups of the instance already typed (-InstanceId), from one
    /// DescribeDBBackups request (the first 100 backups) cached a minute (<see cref="CompletionCache"/>), newest first.
    /// Nothing without a well-formed -InstanceId.
    /// </summary>
    public sealed class BackupCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string instanceId = CompletionCache.First(fakeBoundParameters, nameof(RemoveMongoBackupCommand.InstanceId));
            if (instanceId == null || !ValidateInstanceIdAttribute.Pattern.IsMatch(instanceId)) return Array.Empty<CompletionResult>();
            MongoDbApi api = CompletionCache.ApiFor(fakeBoundParameters, out string key);
            if (api == null) return Array.Empty<CompletionResult>();
            IReadOnlyList<Backup> backups = CompletionCache.Shared.Get<Backup>(nameof(MongoDbApi.DescribeDBBackups) + "|" + key + "|" + instanceId, async ct =>
            {
                IPager<Backup> pager = api.DescribeDBBackups(new BackupQuery { InstanceId = instanceId }, new PageWindow(first: 100, pageSize: 100));
                PageResult<Backup> page = await pager.NextAsync(ct).ConfigureAwait(false);
                return page.Items;
            });
            string prefix = CompletionCache.Prefix(wordToComplete);
            bool byId = string.Equals(parameterName, nameof(RemoveMongoBackupCommand.BackId), StringComparison.OrdinalIgnoreCase);
            return backups
                .OrderByDescending(b => b.StartTime ?? DateTimeOffset.MinValue)
                .Select(b => (Backup: b, Value: byId ? b.BackId.ToString(System.Globalization.CultureInfo.InvariantCulture) : b.BackupName))
                .Where(x => x.Value != null && x.Value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(x => new CompletionResult(CompletionCache.Quote(x.Value), x.Value, CompletionResultType.ParameterValue,
                    $"{x.Backup.BackupName} (BackId {x.Backup.BackId}): {x.Backup.BackupType} {x.Backup.BackupMethod}, {x.Backup.Status}, {DisplayFormat.Size(x.Backup.BackupSize)}"))
                .ToList();
        }
    }
}
