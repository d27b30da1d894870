using System.Text.Json.Nodes;
using MongoBackup.Emulator.Api;
using MongoBackup.Emulator.Data;

namespace MongoBackup.Emulator.Actions;

/// <summary>Sets an instance's automatic backup rule, with the documented ranges (errors: InvalidParameter, the code the
/// documentation lists for this action). Our reading of the documented defaults: a field the documentation gives a
/// default for (BackupFrequency 24, BackupRetentionPeriod 7, ActiveWeekdays every day, LongTermInterval off,
/// OplogExpiredDays 7, AlertThreshold 100) takes it when omitted; the others keep their value. LongTermUnit and
/// AlarmWaterLevel are the deprecated aliases of LongTermInterval and AlertThreshold.</summary>
public sealed class SetBackupRules(Store store) : IApiAction
{
    public string Name => "SetBackupRules";

    public IReadOnlyCollection<string> Parameters { get; } =
    [
        "InstanceId", "BackupMethod", "BackupTime", "BackupFrequency", "Notify", "BackupRetentionPeriod", "ActiveWeekdays",
        "LongTermUnit", "LongTermActiveDays", "LongTermExpiredDays", "OplogExpiredDays", "BackupVersion", "AlarmWaterLevel",
        "LongTermInterval", "AlertThreshold",
    ];

    public JsonObject Execute(Params p, ApiCall call)
    {
        var instance = p.RequireInstance(store, call);
        var current = store.RuleOf(instance);

        var method = p.Integer("BackupMethod");
        if (method == 3) throw Bad("BackupMethod", $"snapshot backups (3) need a cloud-disk instance; {instance.InstanceId} takes 0 (logical) or 1 (physical)");
        if (method is not (null or 0 or 1)) throw Bad("BackupMethod", "expected 0 (logical), 1 (physical) or 3 (snapshot)");
        var time = Range(p, "BackupTime", 0, 23);
        var frequency = p.Integer("BackupFrequency");
        if (frequency is not (null or 12 or 24)) throw Bad("BackupFrequency", "expected 12 or 24 (hours)");
        var notify = p.Boolean("Notify");
        var retention = Range(p, "BackupRetentionPeriod", 7, 365);
        var weekdays = p.OptionalText("ActiveWeekdays") is { } w ? Days("ActiveWeekdays", w, 0, 6) : null;
        var interval = Alias(p.OptionalText("LongTermInterval"), p.OptionalText("LongTermUnit"), "LongTermInterval", "LongTermUnit");
        if (interval is not null)
        {
            interval = interval.ToLowerInvariant();
            if (interval is not ("weekly" or "monthly")) throw Bad("LongTermInterval", "expected weekly or monthly (omit it to turn long-term retention off)");
        }
        var activeDays = p.OptionalText("LongTermActiveDays");
        var longTermDays = Range(p, "LongTermExpiredDays", 30, 1075);
        var oplogDays = Range(p, "OplogExpiredDays", 7, 365);
        var version = p.Integer("BackupVersion");
        if (version is not (null or 0 or 1)) throw Bad("BackupVersion", "expected 0 (classic) or 1 (advanced)");
        var alert = AliasNumber(Range(p, "AlertThreshold", 50, 300), Range(p, "AlarmWaterLevel", 50, 300));

        var longTerm = interval ?? "";
        string days = "";
        var expired = 0;
        if (longTerm.Length > 0)
        {
            var (min, max) = longTerm == "weekly" ? (0, 6) : (1, 31);
            var given = activeDays ?? (current.LongTermInterval == longTerm ? current.LongTermActiveDays : null);
            if (string.IsNullOrEmpty(given))
                throw Bad("LongTermActiveDays", $"give the days of the long-term backups with LongTermInterval {longTerm} ({min}-{max}, comma-separated)");
            days = Days("LongTermActiveDays", given, min, max);
            expired = (int)(longTermDays ?? current.LongTermExpiredDays);
            if (expired is < 30 or > 1075) throw Bad("LongTermExpiredDays", "expected an integer from 30 to 1075 (days) with long-term retention on");
        }

        store.SetRule(instance, current with
        {
            BackupMethod = (int)(method ?? current.BackupMethod),
            BackupTime = (int)(time ?? current.BackupTime),
            BackupFrequency = (int)(frequency ?? 24),
            BackupSaveTime = (int)(retention ?? 7),
            ActiveWeekdays = weekdays ?? BackupRuleState.AllWeekdays,
            LongTermInterval = longTerm,
            LongTermActiveDays = days,
            LongTermExpiredDays = expired,
            OplogExpiredDays = (int)(oplogDays ?? 7),
            BackupVersion = (int)(version ?? current.BackupVersion),
            AlertThreshold = (int)(alert ?? 100),
            Notify = notify ?? current.Notify,
        });
        return new JsonObject();
    }

    private static ApiException Bad(string name, string expectation) =>
        new("InvalidParameter", $"The value of parameter `{name}` is invalid: {expectation}.");

    private static long? Range(Params p, string name, long min, long max)
    {
        var value = p.Integer(name);
        return value is { } v && (v < min || v > max) ? throw Bad(name, $"expected an integer from {min} to {max}") : value;
    }

    /// <summary>A comma-separated list of distinct integers in [min, max], normalized to ascending order.</summary>
    private static string Days(string name, string text, int min, int max)
    {
        var parts = text.Split(',');
        var days = new SortedSet<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var day) || day < min || day > max || !days.Add(day))
                throw Bad(name, $"expected distinct integers from {min} to {max} separated by commas, such as {min},{min + 2}");
        }
        return string.Join(",", days);
    }

    private static string? Alias(string? current, string? deprecated, string name, string alias) =>
        current is not null && deprecated is not null && !string.Equals(current, deprecated, StringComparison.OrdinalIgnoreCase)
            ? throw Bad(name, $"`{name}` and its deprecated alias `{alias}` disagree")
            : current ?? deprecated;

    private static long? AliasNumber(long? current, long? deprecated) =>
        current is not null && deprecated is not null && current != deprecated
            ? throw Bad("AlertThreshold", "`AlertThreshold` and its deprecated alias `AlarmWaterLevel` disagree")
            : current ?? deprecated;
}
