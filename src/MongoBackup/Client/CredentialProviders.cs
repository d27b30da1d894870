using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace MongoBackup.Client
{
    /// <summary>A credential and the moment it stops working (null: it does not expire, or not that we know).</summary>
    internal sealed class TimedCredential
    {
        public TimedCredential(TencentCloudCredential credential, DateTimeOffset? expiration, string roleName = null)
        {
            Credential = credential ?? throw new ArgumentNullException(nameof(credential));
            Expiration = expiration;
            RoleName = roleName;
        }

        public TencentCloudCredential Credential { get; }
        public DateTimeOffset? Expiration { get; }
        /// <summary>The CAM role the key belongs to, when the source found it (an instance role discovered through the metadata service).</summary>
        public string RoleName { get; }

        public override string ToString() => Credential.MaskedSecretId + (Expiration.HasValue ? " until " + Expiration.Value.ToString("u") : "");
    }

    /// <summary>What the call that needs a credential knows: its region (STS requests name one too) and where it reports.</summary>
    internal sealed class CredentialRequest
    {
        public CredentialRequest(string region, IApiLog log)
        {
            Region = region;
            Log = log ?? NullApiLog.Instance;
        }

        public string Region { get; }
        public IApiLog Log { get; }
    }

    /// <summary>
    /// Where a call's credential comes from. The transport asks for it at every attempt, so a temporary key that rolled
    /// over is picked up without the caller knowing. Implementations are thread-safe and never show a key.
    /// </summary>
    internal interface ICredentialProvider
    {
        /// <summary>
        /// A stable, non-secret name of the source (a permanent SecretId, a role ARN with the identity of the key that
        /// assumes it, the metadata endpoint and role...): the key of the process-wide cache and of the rate limiter, so
        /// neither changes when a temporary key rotates.
        /// </summary>
        string Identity { get; }

        CredentialType Type { get; }

        /// <summary>The credential is temporary and obtained again before it expires (or once when the service refuses it).</summary>
        bool Refreshes { get; }

        /// <summary>The CAM role's name, for an instance role (null until it is found, when the role is discovered).</summary>
        string RoleName { get; }

        /// <summary>The role's ARN, for an assumed role or a web identity.</summary>
        string RoleArn { get; }

        string RoleSessionName { get; }

        /// <summary>The credential last obtained (possibly stale), or null when none was obtained yet.</summary>
        TimedCredential Current { get; }

        /// <summary>A credential valid for at least the refresh margin, obtained again when needed (once for the whole process).</summary>
        Task<TimedCredential> GetAsync(CredentialRequest request, CancellationToken cancellationToken);

        /// <summary>The service refused <paramref name="rejected"/> as expired: forget it, so the next call obtains a new one.</summary>
        void Invalidate(TencentCloudCredential rejected);
    }

    /// <summary>A key given as it is: a permanent key, or a temporary one pasted with its token (never refreshed).</summary>
    internal sealed class StaticCredentialProvider : ICredentialProvider
    {
        private readonly TimedCredential _timed;

        public StaticCredentialProvider(TencentCloudCredential credential)
        {
            Credential = credential ?? throw new ArgumentNullException(nameof(credential));
            _timed = new TimedCredential(credential, null);
        }

        public TencentCloudCredential Credential { get; }
        public string Identity => "key|" + Credential.SecretId;
        public CredentialType Type => Credential.IsTemporary ? CredentialType.TemporaryKey : CredentialType.Key;
        public bool Refreshes => false;
        public string RoleName => null;
        public string RoleArn => null;
        public string RoleSessionName => null;
        public TimedCredential Current => _timed;

        public Task<TimedCredential> GetAsync(CredentialRequest request, CancellationToken cancellationToken) => Task.FromResult(_timed);

        public void Invalidate(TencentCloudCredential rejected) { }
    }

    /// <summary>
    /// A temporary credential obtained from a service (the instance metadata, STS) and kept in the process-wide
    /// <see cref="TemporaryKeyCache"/> under <see cref="Identity"/>, so every runspace of the process shares it and its refresh.
    /// </summary>
    internal abstract class RefreshingCredentialProvider : ICredentialProvider
    {
        protected RefreshingCredentialProvider(Timing timing)
        {
            Timing = timing ?? Timing.System;
        }

        public Timing Timing { get; }
        public abstract string Identity { get; }
        public abstract CredentialType Type { get; }
        public bool Refreshes => true;
        public virtual string RoleName => null;
        public virtual string RoleArn => null;
        public virtual string RoleSessionName => null;

        /// <summary>What the verbose line of a refresh calls this source.</summary>
        public abstract string Description { get; }

        public TimedCredential Current => TemporaryKeyCache.Peek(Identity);

        public Task<TimedCredential> GetAsync(CredentialRequest request, CancellationToken cancellationToken) =>
            TemporaryKeyCache.GetAsync(this, request ?? new CredentialRequest(null, null), cancellationToken);

        public void Invalidate(TencentCloudCredential rejected) => TemporaryKeyCache.Invalidate(Identity, rejected);

        /// <summary>Obtains a new credential from the source; failures are <see cref="TencentCloudException"/>s that say what to do.</summary>
        protected internal abstract Task<TimedCredential> FetchAsync(CredentialRequest request, CancellationToken cancellationToken);
    }

    /// <summary>
    /// The process-wide cache of temporary credentials, one entry per source identity. A credential is obtained again
    /// <see cref="Margin"/> (5 minutes) before it expires, or half-way through its lifetime when that is shorter than
    /// twice the margin (so a 15-minute key is used for 10 minutes and a 4-second one for 2 seconds, never to its last
    /// second). The refresh runs under one lock per source: the 16 runspaces of a ForEach-Object -Parallel that need a new
    /// key at the same moment wait for one request, then all use its answer. A waiter's Ctrl+C stops its own wait only.
    /// </summary>
    internal static class TemporaryKeyCache
    {
        public static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

        private static readonly ConcurrentDictionary<string, Entry> Entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);

        public static async Task<TimedCredential> GetAsync(RefreshingCredentialProvider provider, CredentialRequest request, CancellationToken cancellationToken)
        {
            Entry entry = Entries.GetOrAdd(provider.Identity, _ => new Entry());
            Slot slot = entry.Current;
            if (IsFresh(slot, provider.Timing)) return slot.Credential;
            await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                slot = entry.Current;
                if (IsFresh(slot, provider.Timing)) return slot.Credential;
                DateTimeOffset asked = provider.Timing.UtcNow();
                TimedCredential next = await provider.FetchAsync(request, cancellationToken).ConfigureAwait(false);
                entry.Current = new Slot(next, RefreshTime(next, asked));
                Interlocked.Increment(ref entry.Fetches);
                request.Log.Verbose($"Obtained a temporary key ({next.Credential.MaskedSecretId}) for {provider.Description}" +
                    (next.Expiration.HasValue ? $", valid until {next.Expiration.Value.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC." : "."));
                return next;
            }
            finally
            {
                entry.Gate.Release();
            }
        }

        /// <summary>When a credential obtained at <paramref name="asked"/> is to be replaced.</summary>
        public static DateTimeOffset? RefreshTime(TimedCredential credential, DateTimeOffset asked)
        {
            if (!credential.Expiration.HasValue) return null;
            DateTimeOffset expires = credential.Expiration.Value;
            TimeSpan lifetime = expires - asked;
            TimeSpan margin = lifetime < Margin + Margin ? TimeSpan.FromTicks(Math.Max(0, lifetime.Ticks / 2)) : Margin;
            return expires - margin;
        }

        /// <summary>The credential last obtained for a source, or null.</summary>
        public static TimedCredential Peek(string identity) =>
            Entries.TryGetValue(identity, out Entry entry) ? entry.Current?.Credential : null;

        /// <summary>How many times a source's credential was obtained in this process (for tests and diagnostics).</summary>
        public static long FetchCount(string identity) =>
            Entries.TryGetValue(identity, out Entry entry) ? Interlocked.Read(ref entry.Fetches) : 0;

        /// <summary>Forgets the source's credential if it is still <paramref name="rejected"/> (another caller may have renewed it already).</summary>
        public static void Invalidate(string identity, TencentCloudCredential rejected)
        {
            if (rejected == null || !Entries.TryGetValue(identity, out Entry entry)) return;
            Slot slot = entry.Current;
            if (slot != null && string.Equals(slot.Credential.Credential.SecretId, rejected.SecretId, StringComparison.Ordinal))
                Interlocked.CompareExchange(ref entry.CurrentField, null, slot);
        }

        /// <summary>Forgets every temporary credential of the process (Disconnect-TencentCloud).</summary>
        public static void Clear()
        {
            foreach (Entry entry in Entries.Values) entry.Current = null;
            Entries.Clear();
        }

        private static bool IsFresh(Slot slot, Timing timing) =>
            slot != null && (!slot.RefreshAt.HasValue || timing.UtcNow() < slot.RefreshAt.Value);

        private sealed class Slot
        {
            public Slot(TimedCredential credential, DateTimeOffset? refreshAt)
            {
                Credential = credential;
                RefreshAt = refreshAt;
            }

            public TimedCredential Credential { get; }
            public DateTimeOffset? RefreshAt { get; }
        }

        private sealed class Entry
        {
            public readonly SemaphoreSlim Gate = new SemaphoreSlim(1, 1);
            public Slot CurrentField;
            public long Fetches;

            public Slot Current
            {
                get => Volatile.Read(ref CurrentField);
                set => Volatile.Write(ref CurrentField, value);
            }
        }
    }

    /// <summary>
    /// A source of the chain that is not there (no metadata service, no role bound): the chain goes on to the next one.
    /// Asked for explicitly (Connect-TencentCloud -UseInstanceRole), the same is an error, and this is its message.
    /// </summary>
    internal sealed class CredentialSourceAbsentException : TencentCloudException
    {
        public CredentialSourceAbsentException(string code, string message) : base(code, message) { }
    }

    /// <summary>Where STS is and how to call it; the region is the calling command's when none is set here.</summary>
    internal sealed class StsSettings
    {
        public static readonly Uri DefaultEndpoint = new Uri("https://sts.tencentcloudapi.com/");

        public Uri Endpoint { get; set; } = DefaultEndpoint;
        public string Region { get; set; }
        public TimeSpan Timeout { get; set; } = ResolvedSettings.DefaultTimeout;
        public RetryPolicy Retry { get; set; } = RetryPolicy.Default;

        /// <summary>The settings of one STS call: this endpoint, the region, and the credential that signs it (null: unsigned).</summary>
        public ResolvedSettings For(string region, ICredentialProvider signer) => new ResolvedSettings
        {
            CredentialProvider = signer,
            CredentialSource = SettingSource.Default,
            Region = region,
            RegionSource = SettingSource.Default,
            Endpoint = Endpoint,
            EndpointSource = SettingSource.Default,
            Timeout = Timeout,
            Retry = Retry ?? RetryPolicy.Default,
        };
    }

    /// <summary>The parameters of STS AssumeRole.</summary>
    internal sealed class AssumeRoleParameters
    {
        public string RoleArn { get; set; }
        public string RoleSessionName { get; set; }
        public int? DurationSeconds { get; set; }
    }

    /// <summary>The parameters of STS AssumeRoleWithWebIdentity.</summary>
    internal sealed class WebIdentityParameters
    {
        public string ProviderId { get; set; }
        public string WebIdentityToken { get; set; }
        public string RoleArn { get; set; }
        public string RoleSessionName { get; set; }
        public int? DurationSeconds { get; set; }
    }

    /// <summary>
    /// What the credential providers reach outside the process: the instance metadata service and STS. The typed API layer
    /// (MongoBackup.Api.CredentialServices) implements it, so the names of STS's actions and of the documents' fields stay
    /// in that layer; tests give fakes.
    /// </summary>
    internal interface ICredentialServices
    {
        /// <summary>The metadata service at an endpoint (its probe and its memo of absence are process-wide).</summary>
        InstanceMetadataService Metadata(Uri endpoint);

        /// <summary>Reads the metadata service's credential document of a role; a document that is not one is InstanceMetadataInvalid.</summary>
        TimedCredential ReadInstanceRoleDocument(string text, string roleName, string authority);

        Task<TimedCredential> AssumeRoleAsync(ResolvedSettings sts, AssumeRoleParameters parameters, IApiLog log, CancellationToken cancellationToken);

        Task<TimedCredential> AssumeRoleWithWebIdentityAsync(ResolvedSettings sts, WebIdentityParameters parameters, IApiLog log, CancellationToken cancellationToken);
    }
}
