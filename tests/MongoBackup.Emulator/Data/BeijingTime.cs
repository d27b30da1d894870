using System.Globalization;

namespace MongoBackup.Emulator.Data;

/// <summary>The API's time strings: <c>yyyy-MM-dd HH:mm:ss</c> in Beijing time (UTC+08:00), no offset.</summary>
public static class BeijingTime
{
    public const string Format = "yyyy-MM-dd HH:mm:ss";
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The Beijing wall-clock time of an instant.</summary>
    public static DateTime From(DateTimeOffset instant) => instant.ToOffset(Offset).DateTime;

    public static string ToText(DateTime beijing) => beijing.ToString(Format, CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out DateTime beijing) =>
        DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out beijing);

    /// <summary>The backup-name style <c>&lt;instance&gt;_yyyy-MM-dd HH:mm</c>.</summary>
    public static string BackupName(string instanceId, DateTime beijing) =>
        instanceId + "_" + beijing.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
