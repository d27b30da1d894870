using System;
using System.Net;

namespace MongoBackup.Client
{
    /// <summary>Checks an -Endpoint value: https anywhere, plain http only to this machine (the emulator).</summary>
    internal static class EndpointValidator
    {
        public static Uri Parse(string text)
        {
            if (string.IsNullOrWhiteSpace(text))
                throw Invalid("The endpoint is empty. Give a URI such as https://mongodb.tencentcloudapi.com, or omit -Endpoint.");
            string trimmed = text.Trim();
            if (!trimmed.Contains("://")) trimmed = "https://" + trimmed;
            if (!Uri.TryCreate(trimmed, UriKind.Absolute, out Uri uri))
                throw Invalid($"'{text}' is not a URI. Give one such as https://mongodb.tencentcloudapi.com.");
            return Validate(uri);
        }

        public static Uri Validate(Uri uri)
        {
            if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                throw Invalid($"The endpoint '{uri}' must use https (or http to this machine only).");
            if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
                throw Invalid($"The endpoint '{uri.GetLeftPart(UriPartial.Authority)}' uses plain http to another machine, which would send the request and its signature unencrypted. Use https; plain http is accepted only for this machine (localhost, 127.0.0.1, ::1), e.g. the emulator.");
            if (!string.IsNullOrEmpty(uri.Query) || (uri.AbsolutePath != "/" && uri.AbsolutePath.Length > 0))
                throw Invalid($"The endpoint '{uri.GetLeftPart(UriPartial.Authority)}' must not carry a path or query: give only scheme, host and port.");
            if (!string.IsNullOrEmpty(uri.UserInfo))
                throw Invalid("The endpoint must not carry a user name or password.");
            return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
        }

        /// <summary>The CVM metadata service's own addresses, the only other ones plain http may go to.</summary>
        public static readonly string[] MetadataHosts = { "metadata.tencentyun.com", "169.254.0.23" };

        /// <summary>
        /// An endpoint given by an environment variable (TENCENTCLOUD_METADATA_ENDPOINT, TENCENTCLOUD_STS_ENDPOINT): the
        /// same rules as -Endpoint, and plain http is also accepted to the metadata address when
        /// <paramref name="metadataAddressAllowed"/>; every error names the variable.
        /// </summary>
        public static Uri ParseVariable(string variable, string text, bool metadataAddressAllowed)
        {
            string example = metadataAddressAllowed ? "http://metadata.tencentyun.com" : "https://sts.tencentcloudapi.com";
            string trimmed = text.Trim();
            if (!trimmed.Contains("://")) trimmed = (metadataAddressAllowed ? "http://" : "https://") + trimmed;
            if (!Uri.TryCreate(trimmed, UriKind.Absolute, out Uri uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                throw Invalid($"{variable} is '{text}', which is not an http or https URI. Give one such as {example}, or remove the variable.");
            bool plainAllowed = IsLoopback(uri) || (metadataAddressAllowed && IsMetadataAddress(uri));
            if (uri.Scheme == Uri.UriSchemeHttp && !plainAllowed)
                throw Invalid($"{variable} is '{uri.GetLeftPart(UriPartial.Authority)}': plain http to another machine would send {(metadataAddressAllowed ? "the answers' keys" : "the request and its signature")} unencrypted. Use https; plain http is accepted only for this machine{(metadataAddressAllowed ? " and the metadata address (metadata.tencentyun.com, 169.254.0.23)" : "")}.");
            if (!string.IsNullOrEmpty(uri.Query) || (uri.AbsolutePath != "/" && uri.AbsolutePath.Length > 0) || !string.IsNullOrEmpty(uri.UserInfo))
                throw Invalid($"{variable} is '{uri.GetLeftPart(UriPartial.Authority)}…' with a path, query or user name: give only scheme, host and port, such as {example}.");
            return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
        }

        public static bool IsMetadataAddress(Uri uri)
        {
            string host = uri.Host.Trim('[', ']');
            foreach (string known in MetadataHosts)
                if (string.Equals(host, known, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }

        public static bool IsLoopback(Uri uri)
        {
            if (uri.IsLoopback) return true;
            string host = uri.Host.Trim('[', ']');
            return IPAddress.TryParse(host, out IPAddress ip) && IPAddress.IsLoopback(ip);
        }

        /// <summary>The Host header value as sent and as signed: host, plus the port when it is not the scheme's default.</summary>
        public static string HostHeader(Uri uri) =>
            uri.IsDefaultPort ? uri.Host.ToLowerInvariant() : uri.Host.ToLowerInvariant() + ":" + uri.Port;

        private static TencentCloudException Invalid(string message) =>
            new TencentCloudException(ErrorCatalog.InvalidEndpoint, message);
    }
}
