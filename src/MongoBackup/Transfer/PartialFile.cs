using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Client;

namespace MongoBackup.Transfer
{
    /// <summary>
    /// The <c>&lt;file&gt;.partial</c> being written: always a contiguous prefix of the object (so its length is where a
    /// resume starts), appended to in order and hashed as it is written. Every write failure becomes WriteFailed.
    /// </summary>
    internal sealed class PartialFile : IByteSink, IDisposable
    {
        public const string Suffix = ".partial";
        private const int ReadBlock = 1 << 20;
        private readonly FileStream _stream;
        private readonly bool _computeHash;
        private IncrementalHash _hash;

        private PartialFile(string path, FileStream stream, bool computeHash)
        {
            Path = path;
            _stream = stream;
            _computeHash = computeHash;
            _hash = computeHash ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        }

        public string Path { get; }

        public long Length => _stream.Length;

        public bool CanRestart => true;

        /// <summary>Opens (or creates) the .partial next to <paramref name="finalPath"/>, creating its folder, positioned at its end.</summary>
        public static PartialFile Open(string finalPath, bool computeHash)
        {
            string path = finalPath + Suffix;
            string folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            try
            {
                if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (IsFileSystemError(e))
            {
                throw DownloadErrors.FolderUnusable(folder, e);
            }
            try
            {
                // FileShare.None: one writer per .partial (an exclusive lock on Unix too), so the same destination
                // downloaded twice at once fails instead of interleaving. bufferSize 1 = no FileStream buffer: every
                // failure (disk full) surfaces at the write that caused it.
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
                stream.Seek(0, SeekOrigin.End);
                return new PartialFile(path, stream, computeHash);
            }
            catch (Exception e) when (IsFileSystemError(e))
            {
                throw DownloadErrors.WriteFailed(path, e);
            }
        }

        /// <summary>
        /// Feeds the bytes already in the file to the hash. This is the only time data is read back: on a resume with
        /// ComputeHash the existing prefix must be hashed once; everything downloaded is hashed as it is written.
        /// </summary>
        public async Task HashExistingAsync(CancellationToken token)
        {
            if (_hash == null) return;
            var block = new byte[ReadBlock];
            _stream.Seek(0, SeekOrigin.Begin);
            try
            {
                int n;
                while ((n = await _stream.ReadAsync(block, 0, block.Length, token).ConfigureAwait(false)) > 0)
                    _hash.AppendData(block, 0, n);
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

        public async Task WriteAsync(byte[] buffer, int offset, int count)
        {
            try
            {
                // Local writes are not cancelled half-way: the file stays a clean prefix for the next resume.
                await _stream.WriteAsync(buffer, offset, count, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (IsFileSystemError(e))
            {
                throw DownloadErrors.WriteFailed(Path, e);
            }
            _hash?.AppendData(buffer, offset, count);
        }

        /// <summary>Empties the file and the hash: the download starts over from byte 0.</summary>
        public void Restart()
        {
            try
            {
                _stream.SetLength(0);
                _stream.Seek(0, SeekOrigin.Begin);
            }
            catch (Exception e) when (IsFileSystemError(e))
            {
                throw DownloadErrors.WriteFailed(Path, e);
            }
            _hash?.Dispose();
            _hash = _computeHash ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        }

        /// <summary>Forces the bytes to disk and returns the SHA256 (uppercase hex, null without ComputeHash).</summary>
        public string Finish()
        {
            try
            {
                _stream.Flush(true);
            }
            catch (Exception e) when (IsFileSystemError(e))
            {
                throw DownloadErrors.WriteFailed(Path, e);
            }
            return _hash == null ? null : HexText.Upper(_hash.GetHashAndReset());
        }

        public void Dispose()
        {
            try
            {
                _stream.Dispose();
            }
            catch (IOException)
            {
                // Nothing is buffered (bufferSize 1); a failing close has already failed a write, which was reported.
            }
            _hash?.Dispose();
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

        public static bool IsFileSystemError(Exception e) =>
            e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is System.Security.SecurityException;
    }
}
