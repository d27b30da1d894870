using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace MongoBackup.Client
{
    /// <summary>
    /// The temporary keys of the CAM role bound to this CVM instance: GET .../security-credentials/ gives the role's name
    /// (404: no role is bound), GET .../security-credentials/&lt;role&gt; its keys. Without a role name the role is found anew at
    /// each refresh (a role may be re-bound); with one (-RoleName), only that role is asked for.
    /// </summary>
    internal sealed class InstanceRoleProvider : RefreshingCredentialProvider
    {
        private static readonly Regex RoleNamePattern = new Regex(@"^[\w+=,.@-]{1,128}$", RegexOptions.CultureInvariant);

        private readonly InstanceMetadataService _metadata;
        private readonly ICredentialServices _services;
        private readonly string _roleName;
        private volatile string _found;

        public InstanceRoleProvider(InstanceMetadataService metadata, string roleName, ICredentialServices services, Timing timing = null)
            : base(timing)
        {
            _metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
            _services = services ?? throw new ArgumentNullException(nameof(services));
            _roleName = string.IsNullOrWhiteSpace(roleName) ? null : CheckRoleName(roleName.Trim());
        }

        public override string Identity => "instance-role|" + _metadata.Authority + "|" + (_roleName ?? "");
        public override CredentialType Type => CredentialType.InstanceRole;
        public override string RoleName => _roleName ?? Current?.RoleName ?? _found;
        public override string Description => $"the CVM instance role '{RoleName}'";

        /// <summary>A role name as -RoleName takes it (what CAM allows: letters, digits and +=,.@_-), or an InvalidParameter-style error.</summary>
        public static string CheckRoleName(string roleName)
        {
            if (!RoleNamePattern.IsMatch(roleName))
                throw new TencentCloudException(ErrorCatalog.InvalidRoleName,
                    $"'{roleName}' is not a CAM role name: a role name has 1 to 128 letters, digits and the characters + = , . @ _ -.");
            return roleName;
        }

        protected internal override async Task<TimedCredential> FetchAsync(CredentialRequest request, CancellationToken cancellationToken)
        {
            if (!await _metadata.IsPresentAsync(cancellationToken).ConfigureAwait(false))
                throw new CredentialSourceAbsentException(ErrorCatalog.InstanceMetadataUnavailable,
                    $"No instance metadata service answers at {_metadata.Authority} (no connection within {InstanceMetadataService.ConnectTimeout.TotalSeconds:0} s): this machine is not a CVM instance, or {InstanceMetadataService.EnvEndpoint} names the wrong address.");
            string role = _roleName;
            if (role == null)
            {
                MetadataAnswer list = await _metadata.GetAsync(InstanceMetadataService.SecurityCredentialsPath, cancellationToken).ConfigureAwait(false);
                if (list.Status == 404)
                    throw new CredentialSourceAbsentException(ErrorCatalog.InstanceRoleNotFound,
                        $"The instance metadata service at {_metadata.Authority} says no CAM role is bound to this instance (HTTP 404).");
                if (list.Status != 200)
                    throw Invalid($"answered HTTP {list.Status} when asked for the instance's role name");
                string[] lines = list.Text.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries);
                role = lines.Length == 0 ? "" : lines[0].Trim();
                if (!RoleNamePattern.IsMatch(role))
                    throw Invalid(role.Length == 0 ? "gave an empty role name" : "gave something that is not a role name when asked for the instance's role");
            }
            MetadataAnswer document = await _metadata.GetAsync(InstanceMetadataService.SecurityCredentialsPath + Uri.EscapeDataString(role), cancellationToken).ConfigureAwait(false);
            if (document.Status == 404)
                throw new TencentCloudException(ErrorCatalog.InstanceRoleNotFound,
                    $"The CAM role '{role}' is not bound to this instance: the metadata service at {_metadata.Authority} has no keys for it (HTTP 404).");
            if (document.Status != 200)
                throw Invalid($"answered HTTP {document.Status} when asked for the keys of role '{role}'");
            TimedCredential credential = _services.ReadInstanceRoleDocument(document.Text, role, _metadata.Authority);
            if (credential.Expiration.HasValue && credential.Expiration.Value <= Timing.UtcNow())
                throw Invalid($"gave keys for role '{role}' that expired at {credential.Expiration.Value.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC (is this machine's clock right?)");
            _found = role;
            return new TimedCredential(credential.Credential, credential.Expiration, role);
        }

        private TencentCloudException Invalid(string what) =>
            new TencentCloudException(ErrorCatalog.InstanceMetadataInvalid, $"The instance metadata service at {_metadata.Authority} {what}.");
    }

    /// <summary>Checks of what STS takes: a role ARN, a session name, a duration.</summary>
    internal static class RoleArns
    {
        public const string DefaultSessionName = "MongoBackup";
        public const int MinDurationSeconds = 900;
        public const int MaxDurationSeconds = 43200;
        public const string Example = "qcs::cam::uin/100000000001:roleName/BackupReader";

        // qcs::cam::uin/<uin>:roleName/<name>, :role/<id>, and the service roles' :role/tencentcloudServiceRole(Name)/<x>.
        private static readonly Regex ArnPattern = new Regex(@"^qcs::cam::uin/[0-9]{1,20}:(roleName|role)/[\w+=,.@-]{1,128}(/[\w+=,.@-]{1,128})?$", RegexOptions.CultureInvariant);
        private static readonly Regex SessionPattern = new Regex(@"^[\w+=,.@-]{2,128}$", RegexOptions.CultureInvariant);

        /// <summary>The ARN, or InvalidRoleArn saying where it came from and what one looks like.</summary>
        public static string Check(string arn, string where)
        {
            string trimmed = arn?.Trim() ?? "";
            if (!ArnPattern.IsMatch(trimmed))
                throw new TencentCloudException(ErrorCatalog.InvalidRoleArn,
                    $"{where} '{arn}' is not a role ARN: one looks like {Example} (qcs::cam::uin/<account uin>:roleName/<role name>, or :role/<role id>).");
            return trimmed;
        }

        public static string CheckSessionName(string name, string where)
        {
            if (name == null) return DefaultSessionName;
            string trimmed = name.Trim();
            if (!SessionPattern.IsMatch(trimmed))
                throw new TencentCloudException(ErrorCatalog.InvalidRoleSessionName,
                    $"{where} '{name}' is not a role session name: give 2 to 128 letters, digits and the characters + = , . @ _ -, such as nightly-backup.");
            return trimmed;
        }
    }

    /// <summary>
    /// A role assumed through STS AssumeRole with another credential (a permanent key, or any provider of the chain: the
    /// instance role, another role). The new key is obtained again before it expires, with the source's current key.
    /// </summary>
    internal sealed class AssumeRoleProvider : RefreshingCredentialProvider
    {
        private readonly ICredentialProvider _source;
        private readonly StsSettings _sts;
        private readonly ICredentialServices _services;
        private readonly AssumeRoleParameters _parameters;

        public AssumeRoleProvider(ICredentialProvider source, string roleArn, string roleSessionName, int? durationSeconds,
            StsSettings sts, ICredentialServices services, Timing timing = null)
            : base(timing)
        {
            _source = source ?? throw new ArgumentNullException(nameof(source));
            _sts = sts ?? throw new ArgumentNullException(nameof(sts));
            _services = services ?? throw new ArgumentNullException(nameof(services));
            _parameters = new AssumeRoleParameters
            {
                RoleArn = roleArn ?? throw new ArgumentNullException(nameof(roleArn)),
                RoleSessionName = roleSessionName ?? RoleArns.DefaultSessionName,
                DurationSeconds = durationSeconds,
            };
        }

        public ICredentialProvider Source => _source;
        public override string Identity =>
            $"assume-role|{_sts.Endpoint.GetLeftPart(UriPartial.Authority)}|{_parameters.RoleArn}|{_parameters.RoleSessionName}|{_parameters.DurationSeconds}|{_source.Identity}";
        public override CredentialType Type => CredentialType.AssumedRole;
        public override string RoleArn => _parameters.RoleArn;
        public override string RoleSessionName => _parameters.RoleSessionName;
        public override string Description => $"the role {_parameters.RoleArn} (session {_parameters.RoleSessionName})";

        protected internal override async Task<TimedCredential> FetchAsync(CredentialRequest request, CancellationToken cancellationToken)
        {
            string region = _sts.Region ?? request.Region;
            if (string.IsNullOrWhiteSpace(region))
                throw new TencentCloudException(ErrorCatalog.MissingRegion,
                    $"Assuming the role {_parameters.RoleArn} calls STS, whose requests name their region too, and no region is set, so nothing was sent. Give -Region (or Connect-TencentCloud -Region, or {SettingsResolver.EnvRegion}).");
            // The source's own failures (no instance role, an STS error of a role it assumes) are reported as they are.
            await _source.GetAsync(request, cancellationToken).ConfigureAwait(false);
            try
            {
                return await _services.AssumeRoleAsync(_sts.For(region, _source), _parameters, request.Log, cancellationToken).ConfigureAwait(false);
            }
            catch (TencentCloudException e) when (!(e is CredentialSourceAbsentException))
            {
                throw Wrap(ErrorCatalog.AssumeRoleFailed, $"STS did not give the keys of role {_parameters.RoleArn}", e);
            }
        }

        /// <summary>A failed STS call as the wrapper's ErrorId, the service's code and RequestId kept in the message, the advice of that code.</summary>
        internal static TencentCloudException Wrap(string code, string what, TencentCloudException inner)
        {
            ErrorEntry entry = inner is TencentCloudApiException ? ErrorCatalog.Find(inner.Code) : null;
            return new TencentCloudException(code, $"{what}: {inner.Message}", inner.RequestId, inner)
            {
                Action = inner.Action,
                HttpStatus = inner.HttpStatus,
                Attempts = inner.Attempts,
                Advice = entry?.Advice,
            };
        }
    }

    /// <summary>
    /// TKE's OIDC web identity: the service account token in TKE_WEB_IDENTITY_TOKEN_FILE is exchanged for a role's keys by
    /// STS AssumeRoleWithWebIdentity, which is not signed (the token is the proof). The file is read again at each refresh:
    /// Kubernetes rotates the token in place.
    /// </summary>
    internal sealed class WebIdentityProvider : RefreshingCredentialProvider
    {
        public const string EnvRegion = "TKE_REGION";
        public const string EnvProviderId = "TKE_PROVIDER_ID";
        public const string EnvTokenFile = "TKE_WEB_IDENTITY_TOKEN_FILE";
        public const string EnvRoleArn = "TKE_ROLE_ARN";
        private const int MaxTokenBytes = 64 * 1024;

        private readonly string _region;
        private readonly string _providerId;
        private readonly string _tokenFile;
        private readonly string _roleArn;
        private readonly StsSettings _sts;
        private readonly ICredentialServices _services;

        public WebIdentityProvider(string region, string providerId, string tokenFile, string roleArn, StsSettings sts,
            ICredentialServices services, Timing timing = null)
            : base(timing)
        {
            _region = region;
            _providerId = providerId;
            _tokenFile = tokenFile;
            _roleArn = roleArn;
            _sts = sts ?? throw new ArgumentNullException(nameof(sts));
            _services = services ?? throw new ArgumentNullException(nameof(services));
        }

        public override string Identity => $"web-identity|{_sts.Endpoint.GetLeftPart(UriPartial.Authority)}|{_region}|{_providerId}|{_roleArn}|{_tokenFile}";
        public override CredentialType Type => CredentialType.WebIdentity;
        public override string RoleArn => _roleArn;
        public override string RoleSessionName => RoleArns.DefaultSessionName;
        public override string Description => $"the role {_roleArn} (TKE web identity)";

        protected internal override async Task<TimedCredential> FetchAsync(CredentialRequest request, CancellationToken cancellationToken)
        {
            var parameters = new WebIdentityParameters
            {
                ProviderId = _providerId,
                WebIdentityToken = ReadToken(_tokenFile),
                RoleArn = _roleArn,
                RoleSessionName = RoleArns.DefaultSessionName,
            };
            try
            {
                return await _services.AssumeRoleWithWebIdentityAsync(_sts.For(_region, null), parameters, request.Log, cancellationToken).ConfigureAwait(false);
            }
            catch (TencentCloudException e)
            {
                throw AssumeRoleProvider.Wrap(ErrorCatalog.WebIdentityFailed, $"STS did not give the keys of role {_roleArn} for the web identity token in {_tokenFile}", e);
            }
        }

        /// <summary>The token file's content, trimmed; a missing, unreadable or empty file is WebIdentityTokenMissing.</summary>
        public static string ReadToken(string path)
        {
            string text;
            try
            {
                if (Directory.Exists(path))
                    throw Missing($"{EnvTokenFile} names '{path}', which is a folder, not the token file.");
                if (!File.Exists(path))
                    throw Missing($"The web identity token file '{path}' ({EnvTokenFile}) does not exist.");
                var info = new FileInfo(path);
                if (info.Length > MaxTokenBytes)
                    throw Missing($"The web identity token file '{path}' ({EnvTokenFile}) holds {info.Length} bytes, too many for a token.");
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw Missing($"The web identity token file '{path}' ({EnvTokenFile}) cannot be read: {e.Message}");
            }
            text = text.Trim();
            if (text.Length == 0) throw Missing($"The web identity token file '{path}' ({EnvTokenFile}) is empty.");
            return text;
        }

        private static TencentCloudException Missing(string message) => new TencentCloudException(ErrorCatalog.WebIdentityTokenMissing, message);
    }
}
