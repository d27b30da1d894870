namespace MongoBackup.Emulator.Objects;

/// <summary>Faults of the object store set by POST /_emulator/objects: a per-connection bandwidth cap and
/// "drop the next k connections after n body bytes".</summary>
public sealed class ObjectSettings
{
    private readonly object gate = new();
    private long bandwidth, dropAfter;
    private int dropCount;

    public long BandwidthBytesPerSecond { get { lock (gate) return bandwidth; } }

    public void Update(long? bandwidthBytesPerSecond, long? dropAfterBytes, int? count)
    {
        lock (gate)
        {
            if (bandwidthBytesPerSecond is not null) bandwidth = bandwidthBytesPerSecond.Value;
            if (dropAfterBytes is not null) dropAfter = dropAfterBytes.Value;
            if (count is not null) dropCount = count.Value;
            else if (dropAfterBytes is not null) dropCount = 1;
        }
    }

    /// <summary>If connections are to be dropped and a body of <paramref name="length"/> bytes is long enough to be
    /// cut, takes one drop: returns after how many body bytes to cut.</summary>
    public long? TakeDrop(long length)
    {
        lock (gate)
        {
            if (dropCount <= 0 || length <= dropAfter) return null;
            dropCount--;
            return dropAfter;
        }
    }

    public object Snapshot()
    {
        lock (gate) return new { BandwidthBytesPerSecond = bandwidth, DropAfterBytes = dropAfter, DropCount = dropCount };
    }

    public void Reset() => Update(0, 0, 0);
}
