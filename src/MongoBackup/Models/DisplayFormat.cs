using System.Globalization;

namespace MongoBackup
{
    /// <summary>Helpers for the format views (formats/MongoBackup.Format.ps1xml): one place for how sizes read.</summary>
    public static class DisplayFormat
    {
        private static readonly string[] Units = { "B", "KB", "MB", "GB", "TB", "PB" };

        /// <summary>A byte count as people read it, in binary units: 844 B, 1.5 KB, 4.25 GB.</summary>
        public static string Bytes(long bytes)
        {
            if (bytes < 1024) return bytes.ToString(CultureInfo.CurrentCulture) + " B";
            double value = bytes;
            int unit = 0;
            while (value >= 1024 && unit < Units.Length - 1)
            {
                value /= 1024;
                unit++;
            }
            return value.ToString(value >= 100 ? "0" : value >= 10 ? "0.#" : "0.##", CultureInfo.CurrentCulture) + " " + Units[unit];
        }
    }
}
