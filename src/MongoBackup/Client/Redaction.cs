using System;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MongoBackup.Client
{
    /// <summary>
    /// Keeps secrets out of every message: a request's key, token and signature out of text quoted from an answer (a
    /// proxy may echo headers), and a presigned link's query (its signature) out of anything shown. Only
    /// scheme://host/path of a link is ever shown.
    /// </summary>
    internal static class Redaction
    {
        // Any TC3 Authorization value or signature, even another request's.
        private static readonly Regex SecretPattern = new Regex(
            @"(TC3-HMAC-SHA256\s+Credential=|Signature=|X-TC-Token:\s*)[^\s,;""'<]+",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>Removes the given secrets (case-insensitively) and any TC3 signature from <paramref name="text"/>.</summary>
        public static string Secrets(string text, params string[] secrets)
        {
            if (string.IsNullOrEmpty(text)) return text;
            foreach (string secret in secrets)
                if (!string.IsNullOrEmpty(secret)) text = Replace(text, secret, "***", StringComparison.OrdinalIgnoreCase);
            return SecretPattern.Replace(text, m => m.Groups[1].Value + "***");
        }

        /// <summary>A link as it may be shown: scheme://host/path, never its query.</summary>
        public static string DescribeUrl(string url)
        {
            if (string.IsNullOrEmpty(url)) return "(no link)";
            if (Uri.TryCreate(url, UriKind.Absolute, out Uri uri))
                return uri.GetLeftPart(UriPartial.Path);
            int cut = url.IndexOfAny(new[] { '?', '#' });
            return cut >= 0 ? url.Substring(0, cut) : url;
        }

        /// <summary>Removes a link's query (raw or unescaped) from <paramref name="text"/>.</summary>
        public static string ScrubUrl(string text, string url)
        {
            if (string.IsNullOrEmpty(text) || string.IsNullOrEmpty(url)) return text;
            int q = url.IndexOf('?');
            if (q < 0 || q == url.Length - 1) return text;
            string query = url.Substring(q + 1);
            string result = Replace(text, url, DescribeUrl(url), StringComparison.Ordinal);
            result = Replace(result, query, "…", StringComparison.Ordinal);
            string unescaped = Uri.UnescapeDataString(query);
            return unescaped == query ? result : Replace(result, unescaped, "…", StringComparison.Ordinal);
        }

        private static string Replace(string text, string value, string with, StringComparison comparison)
        {
            int at = text.IndexOf(value, comparison);
            while (at >= 0)
            {
                text = text.Substring(0, at) + with + text.Substring(at + value.Length);
                at = text.IndexOf(value, at + with.Length, comparison);
            }
            return text;
        }
    }

    /// <summary>Hexadecimal text of hashes and signatures.</summary>
    internal static class HexText
    {
        public static string Lower(byte[] bytes) => Format(bytes, "x2");

        public static string Upper(byte[] bytes) => Format(bytes, "X2");

        private static string Format(byte[] bytes, string format)
        {
            var sb = new StringBuilder(bytes.Length * 2);
            foreach (byte b in bytes) sb.Append(b.ToString(format, CultureInfo.InvariantCulture));
            return sb.ToString();
        }
    }
}
