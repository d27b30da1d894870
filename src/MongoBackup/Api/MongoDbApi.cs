using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Client;

namespace MongoBackup.Api
{
    /// <summary>
    /// The typed TencentDB for MongoDB API of one region: one method per action. Listings return a pager that hands on
    /// items page by page as they arrive; other actions return their typed result. Cmdlets call only this.
    /// </summary>
    internal sealed class MongoDbApi
    {
        public MongoDbApi(TencentCloudClient client)
        {
            Client = client ?? throw new ArgumentNullException(nameof(client));
        }

        public TencentCloudClient Client { get; }

        public string Region => Client.Region;

        public IPager<BackupDownloadTask> DescribeBackupDownloadTask(DownloadTaskQuery query, PageWindow window = null) =>
            new Pager<DownloadTaskQuery, BackupDownloadTask>(Client, Api.DescribeBackupDownloadTask.Action, query, window, query.InstanceId);

        public IPager<Instance> DescribeDBInstances(InstanceQuery query, PageWindow window = null) =>
            new Pager<InstanceQuery, Instance>(Client, Api.DescribeDBInstances.Action, query, window,
                query.InstanceIds != null && query.InstanceIds.Count > 0 ? string.Join(", ", query.InstanceIds) : "the instances of " + Region);

        public IPager<Backup> DescribeDBBackups(BackupQuery query, PageWindow window = null) =>
            new Pager<BackupQuery, Backup>(Client, Api.DescribeDBBackups.Action, query, window, query.InstanceId);

        public Task<IReadOnlyList<BackupDownloadTask>> CreateBackupDownloadTaskAsync(CreateDownloadTaskRequest request, CancellationToken cancellationToken) =>
            CallAsync(Api.CreateBackupDownloadTask.Action, request, cancellationToken);

        public Task<AsyncRequest> CreateBackupDBInstanceAsync(CreateBackupRequest request, CancellationToken cancellationToken) =>
            CallAsync(Api.CreateBackupDBInstance.Action, request, cancellationToken);

        public Task<AsyncRequest> DescribeAsyncRequestInfoAsync(AsyncRequestQuery query, CancellationToken cancellationToken) =>
            CallAsync(Api.DescribeAsyncRequestInfo.Action, query, cancellationToken);

        public Task<BackupRule> DescribeBackupRulesAsync(string instanceId, CancellationToken cancellationToken) =>
            CallAsync(Api.DescribeBackupRules.Action, instanceId, cancellationToken);

        public Task<NoOutput> SetBackupRulesAsync(BackupRuleRequest request, CancellationToken cancellationToken) =>
            CallAsync(Api.SetBackupRules.Action, request, cancellationToken);

        public Task<NoOutput> DeleteDBBackupsAsync(BackupIdsRequest request, CancellationToken cancellationToken) =>
            CallAsync(Api.DeleteDBBackups.Action, request, cancellationToken);

        /// <summary>The ids the service could not change (FailedBackups).</summary>
        public Task<IReadOnlyList<long>> ModifyBackupExpireTimeAsync(BackupIdsRequest request, CancellationToken cancellationToken) =>
            CallAsync(Api.ModifyBackupExpireTime.Action, request, cancellationToken);

        public Task<AsyncRequest> RestoreDBInstanceAsync(RestoreRequest request, CancellationToken cancellationToken) =>
            CallAsync(Api.RestoreDBInstance.Action, request, cancellationToken);

        public Task<IReadOnlyList<Database>> DescribeDBInstanceNamespaceAsync(NamespaceQuery query, CancellationToken cancellationToken) =>
            CallAsync(Api.DescribeDBInstanceNamespace.Action, query, cancellationToken);

        /// <summary>Every item of a listing, for commands that work on the whole set; a listing that ends short throws.</summary>
        public static async Task<List<T>> AllAsync<T>(IPager<T> pager, CancellationToken cancellationToken, Action<PageResult<T>> onPage = null)
        {
            var all = new List<T>();
            while (pager.HasMore)
            {
                PageResult<T> page = await pager.NextAsync(cancellationToken).ConfigureAwait(false);
                onPage?.Invoke(page);
                all.AddRange(page.Items);
            }
            if (pager.Shortfall != null) throw pager.Shortfall;
            return all;
        }

        private async Task<TResult> CallAsync<TRequest, TResult>(ApiAction<TRequest, TResult> action, TRequest request, CancellationToken cancellationToken)
        {
            ApiResponse response = await Client.InvokeAsync(action.Descriptor, action.Write(request), cancellationToken).ConfigureAwait(false);
            LastResponse = response;
            return action.Read(response.Response, request, Region);
        }

        /// <summary>The last non-paged answer (its RequestId and time, for verbose lines).</summary>
        public ApiResponse LastResponse { get; private set; }
    }
}
