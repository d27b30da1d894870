using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Api;
using MongoBackup.Client;
using MongoBackup.Transfer;

namespace MongoBackup.Cmdlets
{
    /// <summary>Downloads backup files from their presigned links, safely and in parallel.</summary>
    /// <remarks>
    /// Takes the ready tasks that Wait-MongoBackupDownloadTask (or Get-MongoBackupDownloadTask -Status Downloaded) writes,
    /// or -Url and -Path. Files are laid out as &lt;Destination&gt;/&lt;InstanceId&gt;/&lt;BackupName&gt;/&lt;ReplicaSetId&gt;.&lt;extension&gt;.
    /// Each file is written to &lt;file&gt;.partial and renamed into place only when its size equals the expected size, so
    /// the final name never holds a partial file. An existing .partial is resumed with an HTTP Range request, and
    /// transient network failures are retried from the byte reached. Several files download at once (-ThrottleLimit), and
    /// a file over 64 MB is fetched in ranged parts over several connections (-ConnectionsPerFile), since object storage
    /// limits throughput per connection. An expired link (HTTP 403) is refreshed once by asking
    /// DescribeBackupDownloadTask again for that task, in the region the task was read from (its RequestRegion). An existing file is an error and stays untouched, unless -Force
    /// (overwrite) or -SkipExisting (keep it and write it out as if downloaded). -Hash computes the SHA256 while
    /// downloading. Every file is checked end to end: the CRC64 of the bytes received (computed part by part as they
    /// arrive, never by reading the file again; a resumed .partial is read once) must equal the CRC64 object storage
    /// keeps for the object (the x-cos-hash-crc64ecma header); on a mismatch the error is ChecksumMismatch, the final file
    /// is not created and the .partial is removed. Objects stored before COS kept CRC64s have no such header: the
    /// verbose stream says so and the size is the check. -SkipChecksum turns the check off. Memory is bounded for the
    /// whole command (6 MB of buffers shared by every file and connection, whatever the sizes or the disk's speed): a
    /// connection waits when the disk lags. On Linux and macOS the files are created owner-only (mode 0600, whatever the
    /// umask) and the folders this command creates 0700, since a backup holds a whole database; on Windows they inherit
    /// their folder's ACLs. Writes a FileInfo per file with InstanceId, BackupName, ReplicaSetId (and Hash) attached, so the
    /// result pipes into Get-FileHash, Compress-Archive or Remove-Item. Ctrl+C stops at once and leaves only .partial
    /// files, which the next run resumes. -WhatIf lists the files that would be written and downloads nothing.
    /// </remarks>
    /// <example>
    /// <code>Get-MongoBackup cmgo-p8vnipr5 | Select-Object -First 1 | New-MongoBackupDownloadTask | Wait-MongoBackupDownloadTask | Save-MongoBackupFile -Destination ./backups</code>
    /// <para>Downloads the newest backup of an instance into ./backups/cmgo-p8vnipr5/&lt;backup name&gt;/.</para>
    /// </example>
    /// <example>
    /// <code>Get-MongoBackupDownloadTask cmgo-9d0p6umb -Status Downloaded -First 3 | Save-MongoBackupFile -Destination D:\backups -Hash -SkipExisting | Select-Object FullName, Length, Hash</code>
    /// <para>Saves three ready files, skips those already there, and shows their SHA256.</para>
    /// </example>
    /// <example>
    /// <code>Save-MongoBackupFile -Url $task.Url -Path ./shard0.tar -ConnectionsPerFile 8</code>
    /// <para>Downloads one link to a given file over 8 connections.</para>
    /// </example>
    /// <example>
    /// <code>$task | Save-MongoBackupFile -Destination ./backups -Verbose 4>&amp;1 | Select-String CRC64</code>
    /// <para>Shows each file's CRC64 check against object storage's x-cos-hash-crc64ecma (or that the object has none).</para>
    /// </example>
    [Cmdlet(VerbsData.Save, "MongoBackupFile", DefaultParameterSetName = TaskSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveMongoBackupFileCommand : RegionalCmdlet
    {
        private const string TaskSet = "Task";
        private const string UrlSet = "ByUrl";

        private DownloadQueue _queue;
        private ProgressReporter _progress;
        private string _destination;
        private readonly HashSet<string> _paths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The piped task itself, so that an error names it as its target. Its properties bind to the parameters below.</summary>
        [Parameter(ValueFromPipeline = true, ParameterSetName = TaskSet, DontShow = true)]
        public PSObject InputObject { get; set; }

        /// <summary>The presigned download link (a ready task's Url).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = TaskSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = UrlSet)]
        [AllowEmptyString]
        [AllowNull]
        public string Url { get; set; }

        /// <summary>The file to write, with -Url.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = UrlSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        /// <summary>The expected size in bytes, 0 or more (a task's BackupSize); the file is put in place only at exactly this size.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(0, long.MaxValue)]
        public long BackupSize { get; set; }

        /// <summary>The instance the file belongs to (first folder level).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = TaskSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string InstanceId { get; set; }

        /// <summary>The backup's name (second folder level, made file-safe).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = TaskSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(BackupCompleter))]
        public string BackupName { get; set; }

        /// <summary>The replica set (file name).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = TaskSet)]
        [ValidateNotNullOrEmpty]
        public string ReplicaSetId { get; set; }

        /// <summary>The folder to save into (default: the current location). Created if needed.</summary>
        [Parameter(ParameterSetName = TaskSet)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; }

        /// <summary>Overwrite files that already exist.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Keep files that already exist with the expected size, and write them out as if downloaded.</summary>
        [Parameter]
        public SwitchParameter SkipExisting { get; set; }

        /// <summary>How many files to download at once, 1 to 32 (default 4).</summary>
        [Parameter]
        [ValidateRange(1, 32)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>How many connections to use for one file over 64 MB, when the server accepts ranges, 1 to 16 (default 4).</summary>
        [Parameter]
        [ValidateRange(1, 16)]
        public int ConnectionsPerFile { get; set; } = 4;

        /// <summary>Compute each file's SHA256 while downloading (no second read) and attach it as the Hash property.</summary>
        [Parameter]
        public SwitchParameter Hash { get; set; }

        /// <summary>Do not compare each file's CRC64 with object storage's (x-cos-hash-crc64ecma); the size is still checked. Off by default: files are checked.</summary>
        [Parameter]
        public SwitchParameter SkipChecksum { get; set; }

        /// <summary>A presigned link needs no key; one is used, when found, only to refresh an expired link.</summary>
        internal override bool RequiresCredential => false;


        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (Force && SkipExisting)
                ThrowTerminatingError(ErrorRecords.Create(this, ErrorCatalog.ForceAndSkipExisting, "-Force overwrites existing files and -SkipExisting keeps them: give one or the other.", null));
            if (ParameterSetName == TaskSet)
            {
                _destination = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination ?? SessionState.Path.CurrentFileSystemLocation.ProviderPath);
                if (File.Exists(_destination))
                    ThrowTerminatingError(ErrorRecords.Create(this, ErrorCatalog.DestinationIsFile,
                        $"-Destination '{_destination}' is a file. Give a folder (it is created if needed).", Destination));
            }
            var options = new DownloadOptions
            {
                ThrottleLimit = ThrottleLimit,
                ConnectionsPerFile = ConnectionsPerFile,
                Force = Force,
                SkipExisting = SkipExisting,
                ComputeHash = Hash,
                VerifyChecksum = !SkipChecksum,
                // The module's one retry policy (-MaxRetries, -RetryMaxDelay or Connect-TencentCloud's): for a download it
                // counts retries in a row without a byte of progress, since each retry resumes where the last one stopped.
                Retry = Settings.Retry,
            };
            _progress = new ProgressReporter(this);
            _queue = new DownloadQueue(TencentCloudClient.Http, options, new Observer(this), CancelToken);
        }

        protected override void ProcessRecord()
        {
            string path;
            object target;
            if (ParameterSetName == UrlSet)
            {
                path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
                target = Path;
            }
            else
            {
                target = (object)InputObject ?? ReplicaSetId;
                if (string.IsNullOrEmpty(Url))
                {
                    WriteError(ErrorRecords.Create(this, ErrorCatalog.DownloadTaskNotReady,
                        $"The download task of {ReplicaSetId} (backup '{BackupName}') has no link yet: it is not ready.", target));
                    Pump.Drain();
                    return;
                }
                path = BackupFileLayout.PathFor(_destination, InstanceId, BackupName, ReplicaSetId, Url);
            }
            if (!ShouldProcess(path, "Save backup file")) return;
            if (!_paths.Add(path))
            {
                WriteWarning($"'{path}' is already being saved by this command; the repeated input is ignored.");
                Pump.Drain();
                return;
            }
            _queue.Add(new DownloadItem
            {
                Url = Url,
                DestinationPath = path,
                ExpectedSize = MyInvocation.BoundParameters.ContainsKey(nameof(BackupSize)) || BackupSize > 0 ? BackupSize : (long?)null,
                DisplayName = ParameterSetName == TaskSet ? $"{ReplicaSetId} ({BackupName})" : System.IO.Path.GetFileName(path),
                Target = new Input(target, InstanceId, BackupName, ReplicaSetId),
                RefreshUrlAsync = RefreshFor(InstanceId, BackupName, ReplicaSetId),
            });
            Pump.Drain();
        }

        protected override void EndProcessing()
        {
            _queue.CompleteAdding();
            Await(async ct => { await _queue.Completion.ConfigureAwait(false); return true; });
            _progress.Complete();
            base.EndProcessing();
        }

        /// <summary>
        /// How an expired link is refreshed: DescribeBackupDownloadTask for the task's ready tasks, in the region the task
        /// was read from. None without a credential or a region (then a 403 is a LinkExpired error).
        /// </summary>
        private Func<CancellationToken, Task<string>> RefreshFor(string instanceId, string backupName, string replicaSetId)
        {
            // The piped task's own RequestRegion wins over -Region, which binds to its API Region field first.
            string region = InputObject?.Properties[nameof(BackupDownloadTask.RequestRegion)]?.Value as string;
            if (string.IsNullOrWhiteSpace(region)) region = Region;
            if (ParameterSetName != TaskSet || !Settings.HasCredential || (string.IsNullOrWhiteSpace(region) && string.IsNullOrWhiteSpace(Settings.Region)))
                return null;
            MongoDbApi api = ApiFor(region);
            var query = new DownloadTaskQuery { InstanceId = instanceId, BackupName = backupName, Status = new[] { BackupDownloadTaskStatus.Downloaded } };
            return async ct =>
            {
                List<BackupDownloadTask> tasks = await MongoDbApi.AllAsync(api.DescribeBackupDownloadTask(query), ct).ConfigureAwait(false);
                return BackupDownloadTask.NewestFor(tasks.Where(t => !string.IsNullOrEmpty(t.Url)), replicaSetId)?.Url;
            };
        }

        /// <summary>What the engine carries back for a file: the pipeline input and the names to attach to the FileInfo.</summary>
        private sealed class Input
        {
            public Input(object target, string instanceId, string backupName, string replicaSetId)
            {
                Target = target;
                InstanceId = instanceId;
                BackupName = backupName;
                ReplicaSetId = replicaSetId;
            }

            public object Target { get; }
            public string InstanceId { get; }
            public string BackupName { get; }
            public string ReplicaSetId { get; }
        }

        /// <summary>Receives the engine's events on any thread and posts them to the pipeline thread.</summary>
        private sealed class Observer : IDownloadObserver
        {
            private readonly SaveMongoBackupFileCommand _cmdlet;

            public Observer(SaveMongoBackupFileCommand cmdlet) { _cmdlet = cmdlet; }

            public void OnProgress(DownloadProgress progress) => _cmdlet.Pump.Post(() => _cmdlet._progress.Show(progress));

            public void OnVerbose(string message) => _cmdlet.Pump.Verbose(message);

            public void OnFailed(DownloadItem item, TencentCloudException error) =>
                _cmdlet.Pump.Post(() => _cmdlet.WriteFailure(error, ((Input)item.Target).Target));

            public void OnCompleted(DownloadResult result) => _cmdlet.Pump.Post(() =>
            {
                var input = (Input)result.Item.Target;
                var file = PSObject.AsPSObject(new FileInfo(result.Path));
                file.Properties.Add(new PSNoteProperty(nameof(BackupDownloadTask.InstanceId), input.InstanceId));
                file.Properties.Add(new PSNoteProperty(nameof(BackupDownloadTask.BackupName), input.BackupName));
                file.Properties.Add(new PSNoteProperty(nameof(BackupDownloadTask.ReplicaSetId), input.ReplicaSetId));
                if (result.Sha256 != null) file.Properties.Add(new PSNoteProperty(nameof(Hash), result.Sha256));
                _cmdlet.WriteObject(file);
            });
        }
    }
}
