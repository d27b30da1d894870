using System;
using System.Management.Automation;
using System.Text.RegularExpressions;
using MongoBackup.Api;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>
    /// How every cmdlet, Connect-TencentCloud included, turns its parameters into settings: the same checks (region,
    /// endpoint, retry bounds) and the same resolver (parameters, session, environment, profile files).
    /// </summary>
    internal static class SettingsInput
    {
        private static readonly Regex RegionPattern = new Regex("^[a-z]{2,}(-[a-z0-9]+)+$", RegexOptions.CultureInvariant);

        public static ResolvedSettings Resolve(ApiCmdlet cmdlet, string region, bool requireCredential)
        {
            ExplicitSettings parameters = Build(
                cmdlet.Credential == null ? null : new TencentCloudCredential(cmdlet.Credential.UserName, cmdlet.Credential.GetNetworkCredential().Password),
                region, cmdlet.ProfileName, cmdlet.Endpoint,
                cmdlet.Has(nameof(ApiCmdlet.MaxRetries)) ? cmdlet.MaxRetries : (int?)null,
                cmdlet.Has(nameof(ApiCmdlet.RetryMaxDelay)) ? cmdlet.RetryMaxDelay : (TimeSpan?)null,
                timeout: null);
            SettingsResolver resolver = Resolver();
            return cmdlet.Await(ct => resolver.ResolveAsync(parameters, SessionDefaults.Current, requireCredential, cmdlet.Pump, ct));
        }

        /// <summary>
        /// Resolves what was given explicitly against the session, the environment and the profile files, without a cmdlet
        /// (tab completion). A source that needs the network (the instance role) asks it here; STS is asked on first use.
        /// </summary>
        public static ResolvedSettings Resolve(ExplicitSettings parameters, bool requireCredential) =>
            Resolver().Resolve(parameters, SessionDefaults.Current, requireCredential);

        /// <summary>The resolver of the process's environment, with the metadata service and STS it may need.</summary>
        public static SettingsResolver Resolver() => new SettingsResolver(ProcessHostEnvironment.Instance, CredentialServices.Instance);

        /// <summary>Checks and gathers what a command (or Connect-TencentCloud) says explicitly.</summary>
        public static ExplicitSettings Build(TencentCloudCredential credential, string region, string profileName, string endpoint,
            int? maxRetries, TimeSpan? retryMaxDelay, TimeSpan? timeout)
        {
            if (credential != null && (string.IsNullOrEmpty(credential.SecretId) || string.IsNullOrEmpty(credential.SecretKey)))
                throw new TencentCloudException(ErrorCatalog.InvalidCredential, "The SecretId and the SecretKey must both be non-empty.");
            return new ExplicitSettings
            {
                Credential = credential,
                Region = string.IsNullOrWhiteSpace(region) ? null : CheckRegion(region),
                ProfileName = profileName,
                Endpoint = endpoint == null ? null : EndpointValidator.Parse(endpoint),
                MaxRetries = maxRetries,
                RetryMaxDelay = retryMaxDelay.HasValue ? CheckRetryMaxDelay(retryMaxDelay.Value) : (TimeSpan?)null,
                Timeout = timeout,
            };
        }

        /// <summary>A region name such as ap-guangzhou, or an InvalidRegion error (its advice says what one looks like).</summary>
        public static string CheckRegion(string region)
        {
            string trimmed = region.Trim();
            if (!RegionPattern.IsMatch(trimmed))
                throw new TencentCloudException(ErrorCatalog.InvalidRegion, $"'{region}' is not a region name.");
            return trimmed;
        }

        /// <summary>A -RetryMaxDelay from 0 to 10 minutes, or an InvalidRetryMaxDelay error saying so.</summary>
        public static TimeSpan CheckRetryMaxDelay(TimeSpan value)
        {
            if (value < TimeSpan.Zero || value > TimeSpan.FromMinutes(10))
                throw new TencentCloudException(ErrorCatalog.InvalidRetryMaxDelay,
                    $"-RetryMaxDelay {value} is out of range: give from 0 to 600 seconds, such as -RetryMaxDelay 30.");
            return value;
        }
    }
}
