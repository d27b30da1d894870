using System;
using System.Collections.Generic;
using System.Threading;

namespace MongoBackup.Transfer
{
    /// <summary>The queue's totals, and the snapshots the progress tick sends to the observer.</summary>
    internal sealed class ProgressTracker
    {
        private readonly object _lock = new object();
        private readonly List<FileCounters> _active = new List<FileCounters>();
        private readonly RateMeter _meter = new RateMeter(RateMeter.DefaultWindow);
        private long _received;
        private long _finishedBytes;
        private long _queuedBytes;
        private int _queuedUnknown;
        private int _queued;
        private int _completed;
        private int _failed;

        public void Enqueued(DownloadItem item)
        {
            lock (_lock)
            {
                _queued++;
                if (item.ExpectedSize.HasValue) _queuedBytes += item.ExpectedSize.Value;
                else _queuedUnknown++;
            }
        }

        public FileCounters Start(DownloadItem item)
        {
            var counters = new FileCounters(item.Name, item.ExpectedSize, n => Interlocked.Add(ref _received, n));
            lock (_lock)
            {
                Dequeue(item);
                _active.Add(counters);
            }
            return counters;
        }

        /// <summary>A file in place; a skipped file counts as completed without adding bytes.</summary>
        public void Completed(FileCounters counters, long length, bool skipped)
        {
            lock (_lock)
            {
                _active.Remove(counters);
                _completed++;
                if (!skipped) _finishedBytes += length;
            }
        }

        public void Failed(FileCounters counters)
        {
            lock (_lock)
            {
                _active.Remove(counters);
                _failed++;
            }
        }

        /// <summary>A file stopped by cancellation: neither completed nor failed.</summary>
        public void Abandoned(FileCounters counters)
        {
            lock (_lock) _active.Remove(counters);
        }

        public bool AnyActive
        {
            get
            {
                lock (_lock) return _active.Count > 0;
            }
        }

        /// <summary>Called by the single progress tick (the rate meters are not thread-safe).</summary>
        public DownloadProgress Snapshot(TimeSpan now)
        {
            lock (_lock)
            {
                var files = new List<FileProgress>(_active.Count);
                long total = _finishedBytes + _queuedBytes, done = _finishedBytes;
                bool allKnown = _queuedUnknown == 0;
                foreach (FileCounters c in _active)
                {
                    long? size = c.Total;
                    long fileDone = c.Done;
                    if (size.HasValue) total += size.Value;
                    else allKnown = false;
                    done += fileDone;
                    files.Add(new FileProgress { DisplayName = c.Name, Done = fileDone, Total = size, BytesPerSecond = c.Meter.Sample(now, c.Received) });
                }
                double rate = _meter.Sample(now, Interlocked.Read(ref _received));
                TimeSpan? remaining = null;
                if (allKnown && rate > 0 && total >= done)
                    remaining = TimeSpan.FromSeconds(Math.Ceiling((total - done) / rate));
                return new DownloadProgress
                {
                    TotalBytes = total,
                    DoneBytes = done,
                    BytesPerSecond = rate,
                    Remaining = remaining,
                    Active = files.ToArray(),
                    Completed = _completed,
                    Failed = _failed,
                    Queued = _queued,
                };
            }
        }

        private void Dequeue(DownloadItem item)
        {
            _queued--;
            if (item.ExpectedSize.HasValue) _queuedBytes -= item.ExpectedSize.Value;
            else _queuedUnknown--;
        }
    }
}
