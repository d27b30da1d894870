using System;
using System.Collections.Generic;

namespace MongoBackup.Transfer
{
    /// <summary>
    /// Bytes per second over a sliding window: fed (time, cumulative byte count) samples, it answers the rate between
    /// now and the newest sample at least a window old (or the oldest one while the window is not yet full).
    /// Not thread-safe: one caller (the progress tick) samples it.
    /// </summary>
    internal sealed class RateMeter
    {
        private readonly TimeSpan _window;
        private readonly List<KeyValuePair<TimeSpan, long>> _samples = new List<KeyValuePair<TimeSpan, long>>();

        public RateMeter(TimeSpan window)
        {
            _window = window;
        }

        public static TimeSpan DefaultWindow { get; } = TimeSpan.FromSeconds(5);

        public double Sample(TimeSpan now, long cumulativeBytes)
        {
            _samples.Add(new KeyValuePair<TimeSpan, long>(now, cumulativeBytes));
            while (_samples.Count > 2 && now - _samples[1].Key >= _window)
                _samples.RemoveAt(0);
            KeyValuePair<TimeSpan, long> oldest = _samples[0];
            double seconds = (now - oldest.Key).TotalSeconds;
            return seconds > 0 ? Math.Max(0, cumulativeBytes - oldest.Value) / seconds : 0;
        }
    }
}
