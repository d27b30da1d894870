namespace MongoBackup.Emulator.Objects;

/// <summary>Faults of the object store set by POST /_emulator/objects: a per-connection bandwidth cap,
/// "drop the next k connections after n body bytes", "flip byte n in the next k bodies that hold it" (the CRC64 header
/// stays the stored object's, as when bytes are altered on the way), and "no CRC64 header" (an object stored before COS
/// kept CRC64s).</summary>
public sealed class ObjectSettings
{
    private readonly object gate = new();
    private long bandwidth, dropAfter, flipAt = -1;
    private int dropCount, flipCount;
    private bool omitCrc64;

    public long BandwidthBytesPerSecond { get { lock (gate) return bandwidth; } }

    public bool OmitCrc64 { get { lock (gate) return omitCrc64; } }

    public void UpdateIntegrity(long? flipByteAt, int? count, bool? omit)
    {
        lock (gate)
        {
            if (flipByteAt is not null) flipAt = flipByteAt.Value;
            if (count is not null) flipCount = count.Value;
            else if (flipByteAt is not null) flipCount = 1;
            if (omit is not null) omitCrc64 = omit.Value;
        }
    }

    /// <summary>If a byte is to be flipped and a body serving [first, last] holds it, takes one flip: returns its offset.</summary>
    public long? TakeFlip(long first, long last)
    {
        lock (gate)
        {
            if (flipCount <= 0 || flipAt < first || flipAt > last) return null;
            flipCount--;
            return flipAt;
        }
    }

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
        lock (gate) return new { BandwidthBytesPerSecond = bandwidth, DropAfterBytes = dropAfter, DropCount = dropCount, FlipByteAt = flipAt, FlipCount = flipCount, OmitCrc64 = omitCrc64 };
    }

    public void Reset()
    {
        Update(0, 0, 0);
        lock (gate)
        {
            flipAt = -1;
            flipCount = 0;
            omitCrc64 = false;
        }
    }
}
