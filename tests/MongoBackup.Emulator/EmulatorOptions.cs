using System.Globalization;

namespace MongoBackup.Emulator;

/// <summary>How DescribeBackupDownloadTask reads its Offset: as a page index (the current documentation: "the number
/// of pages"), skipping Offset × Limit tasks, or as an item offset (the 2023 page), skipping Offset tasks.</summary>
public enum OffsetMode { Pages, Items }

/// <summary>Command-line options of the emulator. Parsed by hand so ASP.NET's own
/// configuration never sees (or logs) the secret flags.</summary>
public sealed class EmulatorOptions
{
    public const string DefaultSecretId = "AKIDMongoBackupEmulator0000000000000";
    public const string DefaultSecretKey = "MongoBackupEmulatorSecretKey0000000000";
    public const string DefaultTempSecretId = "AKIDMongoBackupEmulatorTemp00000000000";
    public const string DefaultTempSecretKey = "MongoBackupEmulatorTempSecretKey00000";
    public const string DefaultToken = "MongoBackupEmulatorSessionToken";

    public List<string> Urls { get; } = new();
    public string SecretId { get; private set; } = DefaultSecretId;
    public string SecretKey { get; private set; } = DefaultSecretKey;
    public string TempSecretId { get; private set; } = DefaultTempSecretId;
    public string TempSecretKey { get; private set; } = DefaultTempSecretKey;
    public string Token { get; private set; } = DefaultToken;
    /// <summary>null: the documented per-action limits (<see cref="Api.RateLimiter"/>); 0: off; N: every action N/s.</summary>
    public int? RateLimit { get; private set; }
    public OffsetMode OffsetMode { get; private set; } = OffsetMode.Pages;
    public const long DefaultBackupOrderSeed = 20_190_725;
    /// <summary>Seeds DescribeDBBackups' shuffled order.</summary>
    public long BackupOrderSeed { get; private set; } = DefaultBackupOrderSeed;
    public const int MaxScaleTasks = 1_000_000;
    /// <summary>Download tasks of the scale instance cmgo-scale001 (0: no such instance).</summary>
    public int ScaleTasks { get; private set; }
    public double TaskSeconds { get; private set; } = 6;
    public int UrlTtlSeconds { get; private set; } = 3600;
    /// <summary>How long a manual backup (CreateBackupDBInstance) runs: initial, running, then success or failed.</summary>
    public double BackupSeconds { get; private set; } = 6;
    /// <summary>How long a restore flow (RestoreDBInstance) runs.</summary>
    public double RestoreSeconds { get; private set; } = 6;
    /// <summary>How far DescribeDBBackups lags behind the manual backups' requests: it shows their state this many seconds ago.</summary>
    public double BackupListLagSeconds { get; private set; }
    /// <summary>Instances whose manual backups end failed.</summary>
    public HashSet<string> FailingBackupInstances { get; } = new(StringComparer.Ordinal);
    public bool ExitOnStdinClose { get; private set; }
    public bool ShowHelp { get; private set; }

    public const string Usage = """
        MongoBackup.Emulator: a local emulator of the Tencent Cloud MongoDB API (2019-07-25).
        Options:
          --urls URL[;URL]            listen addresses (default http://127.0.0.1:0, port 0 = dynamic)
          --secret-id ID              permanent SecretId accepted
          --secret-key KEY            its SecretKey
          --temp-secret-id ID         temporary SecretId (requires X-TC-Token)
          --temp-secret-key KEY       its SecretKey
          --token TOKEN               the session token expected with the temporary SecretId
          --rate-limit N              requests/second for every action (default: the documented
                                      per-action limits, DescribeDBBackups 150, others 20; 0 = off)
          --offset-mode pages|items   DescribeBackupDownloadTask's Offset: a page index (default pages,
                                      skips Offset*Limit tasks) or an item offset (items)
          --backup-order-seed N       seed of DescribeDBBackups' shuffled order (default 20190725)
          --scale-tasks N             add cmgo-scale001 (ap-guangzhou) with N download tasks
                                      (default 0 = none, at most 1000000)
          --task-seconds S            duration of a created download task (default 6)
          --url-ttl-seconds S         lifetime of presigned object links (default 3600)
          --backup-seconds S          duration of a manual backup's async request (default 6)
          --restore-seconds S         duration of a restore flow (default 6)
          --backup-list-lag-seconds S DescribeDBBackups shows manual backups as they were S seconds
                                      ago (default 0)
          --fail-backups-of ID[,ID]   manual backups of these instances end failed (repeatable)
          --exit-on-stdin-close       stop when standard input reaches end of file
          --help                      show this text
        """;

    public static EmulatorOptions Parse(IReadOnlyList<string> args)
    {
        var o = new EmulatorOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            string Value()
            {
                if (inlineValue is not null) return inlineValue;
                if (i + 1 >= args.Count) throw new ArgumentException($"option {name} needs a value");
                return args[++i];
            }
            switch (name)
            {
                case "--urls": o.Urls.AddRange(Value().Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
                case "--secret-id": o.SecretId = NonEmpty(name, Value()); break;
                case "--secret-key": o.SecretKey = NonEmpty(name, Value()); break;
                case "--temp-secret-id": o.TempSecretId = NonEmpty(name, Value()); break;
                case "--temp-secret-key": o.TempSecretKey = NonEmpty(name, Value()); break;
                case "--token": o.Token = NonEmpty(name, Value()); break;
                case "--rate-limit": o.RateLimit = (int)Integer(name, Value(), 0, 1_000_000); break;
                case "--offset-mode":
                    o.OffsetMode = Value() switch
                    {
                        "pages" => OffsetMode.Pages,
                        "items" => OffsetMode.Items,
                        var other => throw new ArgumentException($"option {name} must be pages or items, not '{other}'"),
                    };
                    break;
                case "--backup-order-seed": o.BackupOrderSeed = Integer(name, Value(), 0, long.MaxValue); break;
                case "--scale-tasks": o.ScaleTasks = (int)Integer(name, Value(), 0, MaxScaleTasks); break;
                case "--task-seconds": o.TaskSeconds = Number(name, Value(), 0, 86_400); break;
                case "--url-ttl-seconds": o.UrlTtlSeconds = (int)Number(name, Value(), 1, 31_536_000); break;
                case "--backup-seconds": o.BackupSeconds = Number(name, Value(), 0, 86_400); break;
                case "--restore-seconds": o.RestoreSeconds = Number(name, Value(), 0, 86_400); break;
                case "--backup-list-lag-seconds": o.BackupListLagSeconds = Number(name, Value(), 0, 3_600); break;
                case "--fail-backups-of":
                    foreach (var id in Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        o.FailingBackupInstances.Add(Api.InstanceParameter.Format().IsMatch(id) ? id
                            : throw new ArgumentException($"option {name} takes instance IDs (cmgo- and 8 lower-case letters or digits), not '{id}'"));
                    break;
                case "--exit-on-stdin-close": o.ExitOnStdinClose = true; break;
                case "--help" or "-h": o.ShowHelp = true; break;
                default: throw new ArgumentException($"unknown option {name}");
            }
        }
        if (o.SecretId == o.TempSecretId) throw new ArgumentException("--secret-id and --temp-secret-id must differ");
        if (o.Urls.Count == 0) o.Urls.Add("http://127.0.0.1:0");
        return o;
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var eq = arg.IndexOf('=');
        return arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }

    private static string NonEmpty(string name, string value) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"option {name} must not be empty") : value;

    private static long Integer(string name, string value, long min, long max)
    {
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            throw new ArgumentException($"option {name} must be an integer between {min} and {max}");
        return n;
    }

    private static double Number(string name, string value, double min, double max)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            throw new ArgumentException($"option {name} must be a number between {min} and {max}");
        return n;
    }
}
