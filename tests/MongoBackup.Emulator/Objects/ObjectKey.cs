namespace MongoBackup.Emulator.Objects;

/// <summary>Names one backup file in the object store: <c>/cos/&lt;bucket&gt;/&lt;instance&gt;/&lt;backup name&gt;/&lt;replica set&gt;.tar|.xb</c>.</summary>
public sealed record ObjectKey(string Bucket, string InstanceId, string BackupName, string ReplicaSetId, string Extension)
{
    public const string Prefix = "/cos/";

    /// <summary>The URL path, each segment escaped.</summary>
    public string Path => Prefix + string.Join('/', new[] { Bucket, InstanceId, BackupName, ReplicaSetId + Extension }.Select(Uri.EscapeDataString));

    /// <summary>The unescaped form the link signature covers.</summary>
    public string Canonical => $"{Bucket}/{InstanceId}/{BackupName}/{ReplicaSetId}{Extension}";

    /// <summary>Seeds the file's content: the same (instance, backup, replica set) always has the same bytes.</summary>
    public ulong ContentSeed => Data.SplitMix64.Hash($"{InstanceId}/{BackupName}/{ReplicaSetId}");

    /// <summary>Parses a path (escaped or not, without query) that starts with /cos/.</summary>
    public static ObjectKey? Parse(string path)
    {
        if (!path.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var segments = path[Prefix.Length..].Split('/').Select(Uri.UnescapeDataString).ToArray();
        if (segments.Length != 4 || segments.Any(s => s.Length == 0)) return null;
        var file = segments[3];
        var extension = file.EndsWith(".tar", StringComparison.Ordinal) ? ".tar" : file.EndsWith(".xb", StringComparison.Ordinal) ? ".xb" : null;
        if (extension is null || file.Length == extension.Length) return null;
        return new ObjectKey(segments[0], segments[1], segments[2], file[..^extension.Length], extension);
    }
}
