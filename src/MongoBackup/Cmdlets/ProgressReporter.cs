using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MongoBackup.Transfer;

namespace MongoBackup.Cmdlets
{
    /// <summary>Turns download snapshots into one aggregate progress bar (bytes, rate, time left) and one line per active file.</summary>
    internal sealed class ProgressReporter
    {
        private const int ParentId = 1;
        private const string Activity = "Saving backup files";
        private readonly Cmdlet _cmdlet;
        private readonly Dictionary<string, int> _fileIds = new Dictionary<string, int>(StringComparer.Ordinal);
        private bool _shown;
        private int _nextId = ParentId + 1;

        public ProgressReporter(Cmdlet cmdlet) { _cmdlet = cmdlet; }

        /// <summary>Pipeline thread only.</summary>
        public void Show(DownloadProgress p)
        {
            _shown = true;
            string rate = DisplayFormat.Size((long)p.BytesPerSecond) + "/s";
            int files = p.Completed + p.Failed + p.Active.Count + p.Queued;
            var parent = new ProgressRecord(ParentId, Activity,
                $"{DisplayFormat.Size(p.DoneBytes)} of {DisplayFormat.Size(p.TotalBytes)} at {rate}, {p.Completed} of {files} files done")
            {
                PercentComplete = p.TotalBytes > 0 ? (int)Math.Min(100, p.DoneBytes * 100 / p.TotalBytes) : -1,
                SecondsRemaining = p.Remaining.HasValue ? (int)Math.Ceiling(p.Remaining.Value.TotalSeconds) : -1,
            };
            _cmdlet.WriteProgress(parent);

            var active = new HashSet<string>(StringComparer.Ordinal);
            foreach (FileProgress f in p.Active)
            {
                active.Add(f.DisplayName);
                if (!_fileIds.TryGetValue(f.DisplayName, out int id)) _fileIds[f.DisplayName] = id = _nextId++;
                string of = f.Total.HasValue ? " of " + DisplayFormat.Size(f.Total.Value) : "";
                _cmdlet.WriteProgress(new ProgressRecord(id, f.DisplayName, $"{DisplayFormat.Size(f.Done)}{of} at {DisplayFormat.Size((long)f.BytesPerSecond)}/s")
                {
                    ParentActivityId = ParentId,
                    PercentComplete = f.Total > 0 ? (int)Math.Min(100, f.Done * 100 / f.Total.Value) : -1,
                });
            }
            foreach (string gone in _fileIds.Keys.Where(k => !active.Contains(k)).ToList())
            {
                _cmdlet.WriteProgress(new ProgressRecord(_fileIds[gone], gone, "Done") { ParentActivityId = ParentId, RecordType = ProgressRecordType.Completed });
                _fileIds.Remove(gone);
            }
        }

        /// <summary>Clears every bar (pipeline thread only).</summary>
        public void Complete()
        {
            foreach (KeyValuePair<string, int> f in _fileIds)
                _cmdlet.WriteProgress(new ProgressRecord(f.Value, f.Key, "Done") { ParentActivityId = ParentId, RecordType = ProgressRecordType.Completed });
            _fileIds.Clear();
            if (_shown) _cmdlet.WriteProgress(new ProgressRecord(ParentId, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
