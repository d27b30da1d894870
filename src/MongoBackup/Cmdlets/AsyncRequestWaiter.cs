using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MongoBackup.Api;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>
    /// The one way of waiting for async requests (Wait-MongoAsyncRequest, New-MongoBackup -Wait, Restore-MongoInstance
    /// -Wait): polls DescribeAsyncRequestInfo every poll interval, one request per pending id and round, in the region each
    /// request was made in; shows a progress bar per request; hands each success to the caller the moment it is seen; and
    /// writes an error carrying the service's status for a request that ends failed, paused or undoed, and one per request
    /// still pending when the timeout passes. Pipeline thread only; every wait takes the cmdlet's CancelToken.
    /// </summary>
    internal sealed class AsyncRequestWaiter
    {
        private const int ParentActivityId = 21;
        private readonly ApiCmdlet _cmdlet;
        private readonly TimeSpan _pollInterval;
        private readonly TimeSpan _timeout;
        private readonly string _what;
        private readonly Timing _timing;
        private readonly TimeSpan _started;
        private readonly List<Entry> _pending = new List<Entry>();
        private int _total;
        private int _done;
        private int _nextChildId = ParentActivityId + 1;

        /// <summary>A waiter whose timeout counts from now; <c>what</c> names the requests in progress bars and messages ("backup", "restore", "async").</summary>
        public AsyncRequestWaiter(ApiCmdlet cmdlet, TimeSpan pollInterval, TimeSpan timeout, string what, Timing timing = null)
        {
            _cmdlet = cmdlet;
            _pollInterval = pollInterval;
            _timeout = timeout;
            _what = what;
            _timing = timing ?? Timing.System;
            _started = _timing.Monotonic();
        }

        /// <summary>Time left before the timeout (negative when it has passed); counted from the waiter's creation.</summary>
        public TimeSpan Remaining => _timeout - (_timing.Monotonic() - _started);

        public TimeSpan Timeout => _timeout;

        public void Add(AsyncRequest request, object input)
        {
            if (_pending.Any(e => e.Request.AsyncRequestId == request.AsyncRequestId && e.Region == Region(request))) return;
            _pending.Add(new Entry(request, input, Region(request), _nextChildId++));
            _total++;
        }

        /// <summary>Waits until every request has ended or the timeout passed; <paramref name="onSuccess"/> gets each success.</summary>
        public void Run(Action<AsyncRequest, object> onSuccess)
        {
            while (_pending.Count > 0)
            {
                foreach (Entry entry in _pending.ToList()) Poll(entry, onSuccess);
                if (_pending.Count == 0) break;
                TimeSpan left = Remaining;
                if (left <= TimeSpan.Zero)
                {
                    GiveUp();
                    break;
                }
                TimeSpan pause = _pollInterval < left ? _pollInterval : left;
                _cmdlet.Await(ct => _timing.Delay(pause, ct));
            }
            if (_total > 0)
                _cmdlet.WriteProgress(new ProgressRecord(ParentActivityId, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        private string Activity => $"Waiting for {_what} requests";

        private static string Region(AsyncRequest request) =>
            string.IsNullOrWhiteSpace(request.RequestRegion) ? (string.IsNullOrWhiteSpace(request.Region) ? null : request.Region) : request.RequestRegion;

        private void Poll(Entry entry, Action<AsyncRequest, object> onSuccess)
        {
            AsyncRequest current;
            try
            {
                MongoDbApi api = _cmdlet.ApiFor(entry.Region);
                var query = new AsyncRequestQuery { AsyncRequestId = entry.Request.AsyncRequestId, InstanceId = entry.Request.InstanceId };
                current = _cmdlet.Await(ct => api.DescribeAsyncRequestInfoAsync(query, ct));
                _cmdlet.WriteVerbose($"{api.LastResponse.Action} {entry.Request.AsyncRequestId}{Of(entry.Request)}: {Text(current.Status)} in {api.LastResponse.Elapsed.TotalMilliseconds:0} ms (RequestId {api.LastResponse.RequestId})");
            }
            catch (Exception e) when (e is TencentCloudException || e is InvalidResponseException)
            {
                _cmdlet.WriteFailure(e, entry.Input);
                Finish(entry);
                return;
            }
            entry.Last = current;
            switch (current.Status)
            {
                case AsyncRequestStatus.Success:
                    Finish(entry);
                    onSuccess(current, entry.Input);
                    break;
                case AsyncRequestStatus.Failed:
                case AsyncRequestStatus.Paused:
                case AsyncRequestStatus.Undoed:
                    string id = current.Status == AsyncRequestStatus.Failed ? ErrorCatalog.AsyncRequestFailed
                        : current.Status == AsyncRequestStatus.Paused ? ErrorCatalog.AsyncRequestPaused : ErrorCatalog.AsyncRequestUndoed;
                    _cmdlet.WriteError(ErrorRecords.Create(_cmdlet, id,
                        $"The {_what} request {current.AsyncRequestId}{Of(current)} ended with the status '{Text(current.Status)}' on the service side{Times(current)}.", current));
                    Finish(entry);
                    break;
                default:
                    ShowProgress(entry);
                    break;
            }
        }

        /// <summary>The timeout passed: one error per request still pending (the requests go on on the service side).</summary>
        private void GiveUp()
        {
            foreach (Entry entry in _pending.ToList())
            {
                string state = entry.Last?.Status == null ? "not asked yet" : Text(entry.Last.Status);
                _cmdlet.WriteError(ErrorRecords.Create(_cmdlet, ErrorCatalog.WaitTimeout,
                    $"The {_what} request {entry.Request.AsyncRequestId}{Of(entry.Request)} is still {state} after {_timeout}.", (object)entry.Last ?? entry.Input));
                Finish(entry);
            }
        }

        private void ShowProgress(Entry entry)
        {
            _cmdlet.WriteProgress(new ProgressRecord(ParentActivityId, Activity, $"{_done} of {_total} done") { PercentComplete = _total == 0 ? 0 : _done * 100 / _total });
            _cmdlet.WriteProgress(new ProgressRecord(entry.ProgressId, $"{_what} {entry.Request.AsyncRequestId}{Of(entry.Request)}", Text(entry.Last?.Status))
            {
                ParentActivityId = ParentActivityId,
                PercentComplete = entry.Last?.Status == AsyncRequestStatus.Running ? 50 : 0,
            });
        }

        private void Finish(Entry entry)
        {
            _pending.Remove(entry);
            _done++;
            if (entry.Last != null)
                _cmdlet.WriteProgress(new ProgressRecord(entry.ProgressId, $"{_what} {entry.Request.AsyncRequestId}{Of(entry.Request)}", "Done")
                { ParentActivityId = ParentActivityId, RecordType = ProgressRecordType.Completed });
        }

        /// <summary>The service's word for a status (initial, running, paused, undoed, failed, success).</summary>
        internal static string Text(AsyncRequestStatus? status) => status?.ToString().ToLowerInvariant() ?? "unknown";

        private static string Of(AsyncRequest request) => string.IsNullOrEmpty(request.InstanceId) ? "" : " of " + request.InstanceId;

        private static string Times(AsyncRequest request) =>
            request.StartTime.HasValue
                ? $" (started {BeijingTime.ToApiString(request.StartTime.Value)}{(request.EndTime.HasValue ? ", ended " + BeijingTime.ToApiString(request.EndTime.Value) : "")} Beijing time)"
                : "";

        private sealed class Entry
        {
            public Entry(AsyncRequest request, object input, string region, int progressId)
            {
                Request = request;
                Input = input;
                Region = region;
                ProgressId = progressId;
            }

            public AsyncRequest Request { get; }
            public object Input { get; }
            public string Region { get; }
            public int ProgressId { get; }
            public AsyncRequest Last { get; set; }
        }
    }
}
