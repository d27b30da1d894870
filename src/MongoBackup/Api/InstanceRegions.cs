using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Client;

namespace MongoBackup.Api
{
    /// <summary>
    /// Finds the region of an instance among several (-Region *): one DescribeDBInstances request per region, in parallel,
    /// and remembers the answer for the process (per endpoint), since an instance never moves.
    /// </summary>
    internal sealed class InstanceRegions
    {
        private readonly ConcurrentDictionary<string, string> _known = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        public static InstanceRegions Shared { get; } = new InstanceRegions();

        /// <summary>The instance's region, or InvalidParameterValue.NotFoundInstance when no region has it.</summary>
        public async Task<string> FindAsync(string instanceId, IReadOnlyList<string> regions, Func<string, MongoDbApi> apiFor, string endpoint, CancellationToken cancellationToken)
        {
            string key = endpoint + "|" + instanceId;
            if (_known.TryGetValue(key, out string cached) && regions.Contains(cached, StringComparer.Ordinal)) return cached;
            var query = new InstanceQuery { InstanceIds = new[] { instanceId } };
            var errors = new ConcurrentBag<TencentCloudException>();
            string[] found = await Task.WhenAll(regions.Select(async region =>
            {
                try
                {
                    List<Instance> instances = await MongoDbApi.AllAsync(apiFor(region).DescribeDBInstances(query, new PageWindow(first: 1, pageSize: 2)), cancellationToken).ConfigureAwait(false);
                    return instances.Any(i => i.InstanceId == instanceId) ? region : null;
                }
                catch (TencentCloudException e)
                {
                    errors.Add(e);
                    return null;
                }
            })).ConfigureAwait(false);
            string hit = found.FirstOrDefault(r => r != null);
            if (hit != null)
            {
                _known[key] = hit;
                return hit;
            }
            TencentCloudException failure = errors.FirstOrDefault(e => e.Category != FailureCategory.InvalidArgument && e.Category != FailureCategory.ObjectNotFound);
            if (failure != null) throw failure;
            throw new TencentCloudException(ErrorCatalog.NotFoundInstance,
                $"The instance {instanceId} was found in none of the {regions.Count} regions asked ({string.Join(", ", regions)}).");
        }
    }
}
