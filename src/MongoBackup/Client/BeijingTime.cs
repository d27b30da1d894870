using System;
using System.Globalization;

namespace MongoBackup.Client
{
    /// <summary>
    /// The API writes times as <c>yyyy-MM-dd HH:mm:ss</c> Beijing wall-clock time (UTC+08:00, no daylight saving) with no
    /// offset. The module shows them as <see cref="DateTimeOffset"/> at +08:00, so the instant is never ambiguous.
    /// </summary>
    internal static class BeijingTime
    {
        public static readonly TimeSpan Offset = TimeSpan.FromHours(8);
        public const string Format = "yyyy-MM-dd HH:mm:ss";

        /// <summary>Formats an instant as the API's Beijing wall-clock text.</summary>
        public static string ToApiString(DateTimeOffset value) =>
            value.ToOffset(Offset).ToString(Format, CultureInfo.InvariantCulture);

        /// <summary>
        /// A <see cref="DateTime"/> as an instant: kind Utc is UTC; Local and Unspecified are the machine's local time
        /// (what a user typing <c>Get-Date</c> or <c>'2026-01-01 03:00'</c> means).
        /// </summary>
        public static DateTimeOffset FromDateTime(DateTime value)
        {
            if (value.Kind == DateTimeKind.Utc) return new DateTimeOffset(value, TimeSpan.Zero);
            var local = DateTime.SpecifyKind(value, DateTimeKind.Local);
            return new DateTimeOffset(local);
        }

        /// <summary>Parses the API's text; null, empty and the zero date <c>0000-00-00 00:00:00</c> are null.</summary>
        public static DateTimeOffset? ParseApi(string text)
        {
            if (string.IsNullOrWhiteSpace(text) || text.StartsWith("0000-00-00", StringComparison.Ordinal)) return null;
            string trimmed = text.Trim();
            if (DateTime.TryParseExact(trimmed, new[] { Format, "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd" }, CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out DateTime wall))
            {
                return new DateTimeOffset(DateTime.SpecifyKind(wall, DateTimeKind.Unspecified), Offset);
            }
            if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset withOffset))
                return withOffset.ToOffset(Offset);
            throw new FormatException($"'{text}' is not a time in the form {Format}.");
        }
    }
}
