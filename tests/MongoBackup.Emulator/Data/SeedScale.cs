namespace MongoBackup.Emulator.Data;

/// <summary><c>--scale-tasks N</c>: the instance <c>cmgo-scale001</c> (ap-guangzhou, project 9001) whose
/// DescribeBackupDownloadTask listing holds exactly N seeded tasks, computed from their index and never stored.
/// Task k (0 ≤ k &lt; N) belongs to backup k / 100, is created at 2023-01-01 00:10:00 + 30·k seconds, has Status k mod 5
/// and a TimeSpend under 30 s, so creation and finish times both grow with k: every order the action offers is index
/// order (ascending or descending), and every filter is an index range (BackupName, StartTime/EndTime) thinned by a
/// residue class (Status). A page therefore costs O(Limit + log N), whatever N. The ⌈N/100⌉ backups are real store
/// backups (BackupName filtering, BackupFileNotFound, the object store), but not listed ones; the instance also gets a
/// few recent backups like the fillers (<see cref="SeedBackups"/>), so tasks can be created on it.</summary>
public sealed class SeedScale
{
    public const string InstanceId = "cmgo-scale001";
    public const int TasksPerBackup = 100;
    public const int SecondsApart = 30;
    public static readonly DateTime Base = new(2023, 1, 1, 0, 0, 0);
    private const int FirstTaskAfterSeconds = 600;
    private const long KiB = 1024;

    private readonly Dictionary<string, int> backupIndex = new(StringComparer.Ordinal);

    public SeedScale(int count, Func<long> nextBackId)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count));
        Count = count;
        Instance = SeedInstances.Make(InstanceId, "scale-tasks-measure", 0, "ap-guangzhou", "ap-guangzhou-3", SeedMeasurements.ProjectId,
            "MONGO_44_WT", 2048, 20_480, 1, new DateTime(2022, 12, 1, 9, 0, 0), [new Tag("purpose", "measurement")], shards: 1);
        var backups = new DbBackup[(count + TasksPerBackup - 1) / TasksPerBackup];
        for (var b = 0; b < backups.Length; b++)
        {
            var started = Base.AddSeconds((long)b * TasksPerBackup * SecondsApart);
            var name = BeijingTime.BackupName(InstanceId, started);
            backups[b] = new DbBackup
            {
                InstanceId = InstanceId, BackId = nextBackId(), BackupName = name,
                BackupDesc = b % 10 == 0 ? "scale measurement backup" : "", BackupType = 0, BackupMethod = b % 3 == 0 ? 1 : 0,
                Status = 2, StartTime = started, EndTime = started.AddSeconds(20), Region = Instance.Region,
                ShardBytes = [KiB + (long)(SplitMix64.Hash(name) % (63 * KiB))], Listed = false,
            };
            backupIndex.Add(name, b);
        }
        Backups = backups;
    }

    public Instance Instance { get; }
    public int Count { get; }
    public IReadOnlyList<DbBackup> Backups { get; }

    public static DateTime CreateTimeOf(long k) => Base.AddSeconds(FirstTaskAfterSeconds + k * SecondsApart);

    public static TaskState StateOf(long k) => (k % 5) switch
    {
        0 => new TaskState(0, 0, 0),
        1 => new TaskState(1, 1 + (int)(k % 99), 1 + k % 29),
        2 => new TaskState(2, 100, k % 30),
        3 => new TaskState(3, (int)(k % 100), 1 + k % 29),
        _ => new TaskState(4, (int)(k % 100), 1 + k % 29),
    };

    public static DateTime FinishTimeOf(long k) => CreateTimeOf(k).AddSeconds(StateOf(k).TimeSpend);

    /// <summary>Task k, made on demand.</summary>
    public DownloadTask TaskAt(long k)
    {
        var backup = Backups[(int)(k / TasksPerBackup)];
        return new DownloadTask
        {
            Sequence = -Count + k, InstanceId = InstanceId, BackupName = backup.BackupName, ReplicaSetId = Instance.ReplicaSets[0].ReplicaSetId,
            BackupSize = backup.ShardBytes[0], BackupMethod = backup.BackupMethod, BackupDesc = backup.BackupDesc,
            Region = Instance.Region, Bucket = Instance.Bucket, CreateTime = CreateTimeOf(k),
            Progress = new FixedProgress(StateOf(k)), UrlStyle = UrlStyle.Emulator,
        };
    }

    /// <summary>The tasks matching the filters, in ascending index order (= ascending CreateTime and finish time).
    /// Bounds as in the action: a task matches when its CreateTime and finish time both lie within [start, end].</summary>
    public Selection Select(string? backupName, IReadOnlyCollection<long> statuses, DateTime? start, DateTime? end)
    {
        long lo = 0, hi = Count;
        if (backupName is not null)
        {
            if (!backupIndex.TryGetValue(backupName, out var b)) return new Selection(0, 0, []);
            lo = (long)b * TasksPerBackup;
            hi = Math.Min(hi, lo + TasksPerBackup);
        }
        // The finish time is never before the creation time, and both grow with k.
        if (start is { } from) lo = Math.Max(lo, FirstIndex(lo, hi, k => CreateTimeOf(k) >= from));
        if (end is { } to) hi = Math.Min(hi, FirstIndex(lo, hi, k => FinishTimeOf(k) > to));
        int[] residues = statuses.Count == 0 ? [0, 1, 2, 3, 4] : [.. statuses.Select(s => (int)s).Distinct().Order()];
        if (hi <= lo) return new Selection(0, 0, residues);
        return new Selection(MatchesBelow(lo, residues), MatchesBelow(hi, residues) - MatchesBelow(lo, residues), residues);
    }

    /// <summary><see cref="Count"/> matching tasks; the i-th (ascending) is task <see cref="IndexAt"/>(i).</summary>
    public sealed record Selection(long MatchesBefore, long Count, int[] Residues)
    {
        public long IndexAt(long i)
        {
            var m = MatchesBefore + i;
            return m / Residues.Length * 5 + Residues[(int)(m % Residues.Length)];
        }
    }

    /// <summary>How many k in [0, x) have k mod 5 among the residues.</summary>
    private static long MatchesBelow(long x, int[] residues) => x / 5 * residues.Length + residues.Count(r => r < x % 5);

    /// <summary>The first k in [lo, hi) for which the (monotone: false … true) predicate holds, else hi.</summary>
    private static long FirstIndex(long lo, long hi, Func<long, bool> holds)
    {
        while (lo < hi)
        {
            var mid = lo + (hi - lo) / 2;
            if (holds(mid)) hi = mid; else lo = mid + 1;
        }
        return lo;
    }
}
