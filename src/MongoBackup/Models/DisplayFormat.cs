using System;
using System.Globalization;

namespace MongoBackup
{
    /// <summary>
    /// The one place for how sizes, rates and durations read: in the format views (formats/MongoBackup.Format.ps1xml,
    /// current culture) and in verbose and progress lines (invariant culture). Binary units, written as PowerShell's
    /// own 1KB = 1024: 844 B, 1.5 KB, 4.25 GB.
    /// </summary>
    public static class DisplayFormat
    {
        private static readonly string[] Units = { "B", "KB", "MB", "GB", "TB", "PB" };

        /// <summary>A byte count as people read it, in the current culture (for the format views).</summary>
        public static string Bytes(long bytes) => Bytes(bytes, CultureInfo.CurrentCulture);

        internal static string Bytes(long bytes, IFormatProvider culture)
        {
            if (Math.Abs(bytes) < 1024) return bytes.ToString(culture) + " B";
            double value = bytes;
            int unit = 0;
            while (Math.Abs(value) >= 1024 && unit < Units.Length - 1)
            {
                value /= 1024;
                unit++;
            }
            double magnitude = Math.Abs(value);
            return value.ToString(magnitude >= 100 ? "0" : magnitude >= 10 ? "0.#" : "0.##", culture) + " " + Units[unit];
        }

        /// <summary>A size for verbose and progress lines (invariant culture).</summary>
        internal static string Size(long bytes) => Bytes(bytes, CultureInfo.InvariantCulture);

        internal static string Rate(double bytesPerSecond) => Size((long)bytesPerSecond) + "/s";

        internal static string Duration(TimeSpan time) =>
            time.TotalSeconds < 1 ? Math.Round(time.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms"
            : time.TotalSeconds < 60
                ? time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
                : ((long)time.TotalHours).ToString(CultureInfo.InvariantCulture) + time.ToString(@"\:mm\:ss", CultureInfo.InvariantCulture);
    }
}
