using System;
using System.Globalization;

namespace MongoBackup.Transfer
{
    /// <summary>Human-readable sizes, rates and durations for verbose lines (binary units, invariant culture).</summary>
    internal static class ByteFormat
    {
        private static readonly string[] Units = { "B", "KiB", "MiB", "GiB", "TiB" };

        public static string Size(long bytes)
        {
            double value = bytes;
            int unit = 0;
            while (Math.Abs(value) >= 1024 && unit < Units.Length - 1)
            {
                value /= 1024;
                unit++;
            }
            return unit == 0
                ? bytes.ToString(CultureInfo.InvariantCulture) + " B"
                : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + Units[unit];
        }

        public static string Rate(double bytesPerSecond) => Size((long)bytesPerSecond) + "/s";

        public static string Duration(TimeSpan time) =>
            time.TotalSeconds < 1 ? Math.Round(time.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms"
            : time.TotalSeconds < 60
                ? time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
                : ((long)time.TotalHours).ToString(CultureInfo.InvariantCulture) + time.ToString(@"\:mm\:ss", CultureInfo.InvariantCulture);
    }
}
