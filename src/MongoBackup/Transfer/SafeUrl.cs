using System;

namespace MongoBackup.Transfer
{
    /// <summary>
    /// A presigned link's query is its signature, a secret: only scheme://host/path is ever shown, and any text that
    /// could echo the link (exception messages, error bodies) is scrubbed of the query first.
    /// </summary>
    internal static class SafeUrl
    {
        public static string Describe(string url)
        {
            if (string.IsNullOrEmpty(url)) return "(no link)";
            if (Uri.TryCreate(url, UriKind.Absolute, out Uri uri))
                return uri.GetLeftPart(UriPartial.Path);
            int cut = url.IndexOfAny(new[] { '?', '#' });
            return cut >= 0 ? url.Substring(0, cut) : url;
        }

        /// <summary>Removes the link's query (raw or escaped) from <paramref name="text"/>.</summary>
        public static string Scrub(string text, string url)
        {
            if (string.IsNullOrEmpty(text) || string.IsNullOrEmpty(url)) return text;
            int q = url.IndexOf('?');
            if (q < 0) return text;
            string query = url.Substring(q + 1);
            if (query.Length == 0) return text;
            string result = Replace(text, url, Describe(url));
            result = Replace(result, query, "…");
            string unescaped = Uri.UnescapeDataString(query);
            if (unescaped != query) result = Replace(result, unescaped, "…");
            return result;
        }

        private static string Replace(string text, string value, string with)
        {
            int at = text.IndexOf(value, StringComparison.Ordinal);
            while (at >= 0)
            {
                text = text.Substring(0, at) + with + text.Substring(at + value.Length);
                at = text.IndexOf(value, at + with.Length, StringComparison.Ordinal);
            }
            return text;
        }
    }
}
