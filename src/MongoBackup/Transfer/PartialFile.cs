using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Client;

namespace MongoBackup.Transfer
{
    /// <summary>
    /// The <c>&lt;file&gt;.partial</c> being written: always a contiguous prefix of the object (so its length is where a
    /// resume starts), appended to in order by its <see cref="FileWriter"/>. Private to its owner (see
    /// <see cref="PrivateFiles"/>). Every write failure becomes WriteFailed.
    /// </summary>
    internal sealed class PartialFile : IDisposable
    {
        public const string Suffix = ".partial";
        private const int ReadBlock = 1 << 20;
        private readonly FileStream _stream;
        private bool _disposed;

        private PartialFile(string path, FileStream stream)
        {
            Path = path;
            _stream = stream;
        }

        public string Path { get; }

        public long Length => _stream.Length;

        /// <summary>Opens (or creates) the .partial next to <paramref name="finalPath"/>, creating its folder, positioned at its end.</summary>
        public static PartialFile Open(string finalPath)
        {
            string path = finalPath + Suffix;
            string folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            try
            {
                PrivateFiles.CreateFolder(folder);
            }
            catch (Exception e) when (IsFileSystemError(e))
            {
                throw DownloadErrors.FolderUnusable(folder, e);
            }
            try
            {
                // Exclusive (an exclusive lock on Unix too), so the same destination downloaded twice at once fails instead
                // of interleaving; unbuffered, so every failure (disk full) surfaces at the write that caused it.
                FileStream stream = PrivateFiles.OpenExclusive(path);
                stream.Seek(0, SeekOrigin.End);
                return new PartialFile(path, stream);
            }
            catch (Exception e) when (IsFileSystemError(e))
            {
                throw DownloadErrors.WriteFailed(path, e);
            }
        }

        /// <summary>
        /// Reads the bytes already in the file once, handing each piece to <paramref name="consume"/> (the CRC64 and the
        /// SHA256 of a resumed prefix): the only time data is read back; everything downloaded is checked as it arrives.
        /// </summary>
        public async Task ReadPrefixAsync(Action<byte[], int, int> consume, CancellationToken token)
        {
            var block = new byte[ReadBlock];
            _stream.Seek(0, SeekOrigin.Begin);
            try
            {
                int n;
                while ((n = await _stream.ReadAsync(block, 0, block.Length, token).ConfigureAwait(false)) > 0)
                    consume(block, 0, n);
            }
            catch (IOException e)
            {
                throw DownloadErrors.WriteFailed(Path, e);
            }
            finally
            {
                _stream.Seek(0, SeekOrigin.End);
            }
        }

        /// <summary>Appends bytes (synchronously: the writer's own task waits for the disk, the fetchers go on).</summary>
        public void Write(byte[] buffer, int offset, int count)
        {
            try
            {
                _stream.Write(buffer, offset, count);
            }
            catch (Exception e) when (IsFileSystemError(e))
            {
                throw DownloadErrors.WriteFailed(Path, e);
            }
        }

        /// <summary>Empties the file: the download starts over from byte 0.</summary>
        public void Truncate()
        {
            try
            {
                _stream.SetLength(0);
                _stream.Seek(0, SeekOrigin.Begin);
                _writebackFrom = 0;
            }
            catch (Exception e) when (IsFileSystemError(e))
            {
                throw DownloadErrors.WriteFailed(Path, e);
            }
        }

        /// <summary>
        /// Asks the kernel to start writing the bytes up to <paramref name="end"/> to disk now, without waiting (Linux's
        /// sync_file_range), in steps of <see cref="WritebackStep"/>: the disk works while the network does, and the
        /// <see cref="Flush"/> that must come before the rename finds less left to do (with gigabytes of memory, the kernel
        /// would otherwise keep a whole backup dirty until then, and that flush would take seconds per gigabyte). Waiting
        /// for each step instead (the strict streaming-write pattern) measured slower here: the writer then stalls on the
        /// disk's latency. Where the call does not exist (macOS, Windows) nothing happens. Called by the writer only.
        /// </summary>
        public void StartWriteback(long end)
        {
            if (!Writeback.Available || end - _writebackFrom < WritebackStep) return;
            try
            {
                if (!Writeback.Start(_stream.SafeFileHandle, _writebackFrom, end - _writebackFrom)) return;
            }
            catch (Exception e) when (e is ObjectDisposedException || e is IOException)
            {
                return;
            }
            _writebackFrom = end;
        }

        /// <summary>Bytes between two writeback requests.</summary>
        public const long WritebackStep = 8L * 1024 * 1024;

        private long _writebackFrom;

        /// <summary>Forces the bytes to disk, so the renamed file never holds less than its name promises.</summary>
        public void Flush()
        {
            try
            {
                _stream.Flush(true);
            }
            catch (Exception e) when (IsFileSystemError(e))
            {
                throw DownloadErrors.WriteFailed(Path, e);
            }
        }

        /// <summary>Closes and deletes the file (its content is known to be wrong).</summary>
        public void Delete()
        {
            Dispose();
            try
            {
                File.Delete(Path);
            }
            catch (Exception e) when (IsFileSystemError(e))
            {
                throw DownloadErrors.WriteFailed(Path, e);
            }
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            try
            {
                _stream.Dispose();
            }
            catch (IOException)
            {
                // Nothing is buffered; a failing close has already failed a write, which was reported.
            }
        }

        /// <summary>SHA256 of a whole file (uppercase hex), for a file skipped as already present.</summary>
        public static async Task<string> HashFileAsync(string path, CancellationToken token)
        {
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1))
            {
                var block = new byte[ReadBlock];
                int n;
                while ((n = await stream.ReadAsync(block, 0, block.Length, token).ConfigureAwait(false)) > 0)
                    hash.AppendData(block, 0, n);
                return HexText.Upper(hash.GetHashAndReset());
            }
        }

        /// <summary>sync_file_range(fd, offset, count, SYNC_FILE_RANGE_WRITE), found by trying: Linux has it, others do not.</summary>
        private static class Writeback
        {
            private const uint SyncFileRangeWrite = 2;
            private static volatile bool _available = !System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows);

            public static bool Available => _available;

            public static bool Start(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long offset, long count) =>
                Call(handle, offset, count, SyncFileRangeWrite);

            private static bool Call(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long offset, long count, uint flags)
            {
                try
                {
                    int fd = checked((int)handle.DangerousGetHandle().ToInt64());
                    return sync_file_range(fd, offset, count, flags) == 0;
                }
                catch (Exception e) when (e is EntryPointNotFoundException || e is DllNotFoundException || e is OverflowException)
                {
                    _available = false;
                    return false;
                }
            }

            [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
            private static extern int sync_file_range(int fd, long offset, long nbytes, uint flags);
        }

        public static bool IsFileSystemError(Exception e) =>
            e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is System.Security.SecurityException;
    }
}
