using System;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Client;

namespace MongoBackup.Transfer
{
    /// <summary>
    /// The current link of one file, shared by its parallel workers. After HTTP 403 the first worker refreshes it
    /// (once per file); the others, which saw the same old version, wait for that refresh and use the new link.
    /// </summary>
    internal sealed class LinkState
    {
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private readonly object _lock = new object();
        private readonly Func<CancellationToken, Task<string>> _refresh;
        private readonly string _name;
        private readonly Action<string> _verbose;
        private string _url;
        private int _version;
        private int _refreshes;

        public LinkState(string url, Func<CancellationToken, Task<string>> refresh, string name, Action<string> verbose)
        {
            _url = url;
            _refresh = refresh;
            _name = name;
            _verbose = verbose;
        }

        public int Refreshes => Volatile.Read(ref _refreshes);

        /// <summary>The link and its version (to pass to <see cref="RefreshAsync"/> if it is refused).</summary>
        public void Current(out string url, out int version)
        {
            lock (_lock)
            {
                url = _url;
                version = _version;
            }
        }

        /// <summary>
        /// Called after the link of <paramref name="deniedVersion"/> got HTTP 403: returns once a newer link is in
        /// place, or throws LinkExpired when no (further) refresh is possible.
        /// </summary>
        public async Task RefreshAsync(int deniedVersion, CancellationToken token)
        {
            await _gate.WaitAsync(token).ConfigureAwait(false);
            try
            {
                if (_version != deniedVersion) return;
                if (_refresh == null || _refreshes >= 1) throw DownloadErrors.LinkExpired(_name, _url, _refreshes > 0);
                string fresh;
                try
                {
                    fresh = await _refresh(token).ConfigureAwait(false);
                }
                catch (Exception e) when (!(e is OperationCanceledException) && !(e is TencentCloudException))
                {
                    throw new TencentCloudException(ErrorCatalog.LinkExpired,
                        $"The download link of {_name} has expired (HTTP 403) and fetching a fresh one failed: {Redaction.ScrubUrl(e.Message, _url)}");
                }
                _refreshes++;
                if (string.IsNullOrEmpty(fresh)) throw DownloadErrors.LinkExpired(_name, _url, true);
                lock (_lock)
                {
                    _url = fresh;
                    _version++;
                }
                _verbose($"{_name}: the link had expired (HTTP 403); continuing with a fresh one.");
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
