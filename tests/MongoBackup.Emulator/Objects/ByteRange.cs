using System.Globalization;

namespace MongoBackup.Emulator.Objects;

/// <summary>A single HTTP byte range (RFC 9110): <c>bytes=a-b</c>, <c>bytes=a-</c>, <c>bytes=-n</c>.</summary>
public readonly record struct ByteRange(long First, long Last)
{
    public long Length => Last - First + 1;

    public enum Outcome { None, Satisfiable, Unsatisfiable }

    /// <summary>None (absent, malformed or several ranges: serve the whole file), Satisfiable, or Unsatisfiable (416).</summary>
    public static Outcome Parse(string? header, long size, out ByteRange range)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(header) || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase)) return Outcome.None;
        var spec = header[6..].Trim();
        var dash = spec.IndexOf('-');
        if (spec.Contains(',') || dash < 0) return Outcome.None;
        var firstText = spec[..dash].Trim();
        var lastText = spec[(dash + 1)..].Trim();
        if (firstText.Length == 0)
        {
            if (!TryNumber(lastText, out var suffix)) return Outcome.None;
            if (suffix == 0) return Outcome.Unsatisfiable;
            range = new ByteRange(Math.Max(0, size - suffix), size - 1);
            return Outcome.Satisfiable;
        }
        if (!TryNumber(firstText, out var first)) return Outcome.None;
        var last = size - 1;
        if (lastText.Length > 0)
        {
            if (!TryNumber(lastText, out last) || last < first) return Outcome.None;
            last = Math.Min(last, size - 1);
        }
        if (first >= size) return Outcome.Unsatisfiable;
        range = new ByteRange(first, last);
        return Outcome.Satisfiable;
    }

    private static bool TryNumber(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
