using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Api;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>
    /// The one cache of the argument completers (for this and later completers): what one request answered, kept a minute
    /// per process (15 seconds when the request failed, so an unreachable service is not asked at every Tab). A completion
    /// makes at most one request, with a short timeout and no retries, and never throws: no credentials, no region or an
    /// unreachable service mean no completions, quickly.
    /// </summary>
    internal sealed class CompletionCache
    {
        public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
        public static readonly TimeSpan FailureLifetime = TimeSpan.FromSeconds(15);
        public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(3);

        private readonly ConcurrentDictionary<string, Entry> _entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);

        public static CompletionCache Shared { get; } = new CompletionCache();

        internal Timing Timing { get; set; } = Timing.System;

        /// <summary>The cached items of <paramref name="key"/>, or what <paramref name="fetch"/> (one request) answers now.</summary>
        public IReadOnlyList<T> Get<T>(string key, Func<CancellationToken, Task<IReadOnlyList<T>>> fetch)
        {
            TimeSpan now = Timing.Monotonic();
            if (_entries.TryGetValue(key, out Entry cached) && cached.Expires > now) return (IReadOnlyList<T>)cached.Items;
            IReadOnlyList<T> items = Array.Empty<T>();
            bool answered = false;
            using (var timeout = new CancellationTokenSource(RequestTimeout))
            {
                try
                {
                    Task<IReadOnlyList<T>> task = Task.Run(() => fetch(timeout.Token));
                    if (task.Wait(RequestTimeout + TimeSpan.FromMilliseconds(500)))
                    {
                        items = task.Result ?? Array.Empty<T>();
                        answered = true;
                    }
                }
                catch (Exception)
                {
                    // Silent by design: a completer never shows errors.
                }
            }
            _entries[key] = new Entry(items, now + (answered ? Lifetime : FailureLifetime));
            return items;
        }

        /// <summary>Forgets everything (for tests).</summary>
        internal void Clear() => _entries.Clear();

        /// <summary>
        /// The typed API a completion would call, from the parameters already typed (-Region, -Endpoint, -ProfileName,
        /// -Credential) and the usual defaults; null when there is no credential or no region. The key names the endpoint,
        /// the SecretId and the region, so cached answers never cross accounts.
        /// </summary>
        public static MongoDbApi ApiFor(IDictionary fakeBoundParameters, out string key)
        {
            key = null;
            try
            {
                string region = First(fakeBoundParameters, nameof(RegionalCmdlet.Region));
                if (region == RegionCatalog.AllRegions) region = null;
                var credential = Unwrap(fakeBoundParameters?[nameof(ApiCmdlet.Credential)]) as PSCredential;
                ExplicitSettings given = SettingsInput.Build(
                    credential == null ? null : new TencentCloudCredential(credential.UserName, credential.GetNetworkCredential().Password),
                    region, First(fakeBoundParameters, nameof(ApiCmdlet.ProfileName)), First(fakeBoundParameters, nameof(ApiCmdlet.Endpoint)), null, null, null);
                ResolvedSettings settings = SettingsInput.Resolve(given, requireCredential: false);
                if (!settings.HasCredential || string.IsNullOrWhiteSpace(settings.Region)) return null;
                settings.Timeout = RequestTimeout;
                settings.Retry = new RetryPolicy(0, TimeSpan.Zero);
                key = $"{settings.Endpoint.GetLeftPart(UriPartial.Authority)}|{settings.CredentialProvider.Identity}|{settings.Region}";
                return new MongoDbApi(new TencentCloudClient(settings, NullApiLog.Instance));
            }
            catch (Exception)
            {
                return null;
            }
        }

        /// <summary>The first text value of a parameter already typed (a string, or the first of an array).</summary>
        public static string First(IDictionary fakeBoundParameters, string name)
        {
            if (fakeBoundParameters == null || !fakeBoundParameters.Contains(name)) return null;
            object value = Unwrap(fakeBoundParameters[name]);
            if (value is IEnumerable many && !(value is string))
                value = many.Cast<object>().Select(Unwrap).FirstOrDefault();
            string text = value as string;
            return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        }

        /// <summary>The word being completed without its quotes.</summary>
        public static string Prefix(string wordToComplete) => (wordToComplete ?? "").Trim().Trim('\'', '"');

        /// <summary>A completion text that PowerShell reads back as the value: quoted when it holds spaces or quotes.</summary>
        public static string Quote(string value) =>
            value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ';', '(', ')', '{', '}', ',', '@', '#', '&', '|' }) < 0 ? value : "'" + value.Replace("'", "''") + "'";

        private static object Unwrap(object value) => value is PSObject ps ? ps.BaseObject : value;

        private sealed class Entry
        {
            public Entry(object items, TimeSpan expires)
            {
                Items = items;
                Expires = expires;
            }

            public object Items { get; }
            public TimeSpan Expires { get; }
        }
    }
}
