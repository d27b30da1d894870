using System;
using MongoBackup.Client;

namespace MongoBackup.Transfer
{
    /// <summary>The download failures, as <see cref="TencentCloudException"/>s whose messages never carry a link's query.</summary>
    internal static class DownloadErrors
    {
        public static TencentCloudException FileExists(string path) =>
            new TencentCloudException(ErrorCatalog.FileExists, $"The file '{path}' already exists; it was left untouched.");

        public static TencentCloudException SizeMismatch(string name, long actual, long expected, string what) =>
            new TencentCloudException(ErrorCatalog.SizeMismatch,
                $"{name}: {what} is {actual:N0} bytes but {expected:N0} bytes were expected; the file was not put in place.");

        public static TencentCloudException ChecksumMismatch(string name, ulong actual, ulong expected) =>
            new TencentCloudException(ErrorCatalog.ChecksumMismatch,
                $"{name}: the downloaded data has CRC64 {actual} but object storage holds CRC64 {expected} (x-cos-hash-crc64ecma): "
                + "bytes were altered on the way. The file was not put in place, and the .partial was removed, since resuming it would keep the bad bytes.");

        public static TencentCloudException ObjectChanged(string name, ulong before, ulong now) =>
            new TencentCloudException(ErrorCatalog.ChecksumMismatch,
                $"{name}: object storage stated CRC64 {before} and then CRC64 {now} (x-cos-hash-crc64ecma): the object changed during the download. The file was not put in place.");

        public static TencentCloudException LinkExpired(string name, string url, bool refreshed) =>
            new TencentCloudException(ErrorCatalog.LinkExpired,
                $"The download link of {name} ({Redaction.DescribeUrl(url)}) has expired (HTTP 403)"
                + (refreshed ? ", and so has the fresh one." : ", and no fresh link can be fetched here.")
                + " Ask for a new link and run again: the .partial file is kept and resumed.")
            { HttpStatus = 403 };

        public static TencentCloudException WriteFailed(string path, Exception error) =>
            new TencentCloudException(ErrorCatalog.WriteFailed,
                $"Cannot write '{path}': {error.Message} The .partial file is kept for a later resume.",
                null, error);

        public static TencentCloudException FolderUnusable(string folder, Exception error) =>
            new TencentCloudException(ErrorCatalog.WriteFailed,
                $"The folder '{folder}' cannot be created: {error.Message} A part of that path may be a file, or not writable.",
                null, error)
            { Advice = "Choose another -Destination, or fix that path (a folder cannot be created below a file), then run again." };

        public static TencentCloudException ObjectNotFound(string name, string url) =>
            new TencentCloudException(ErrorCatalog.ObjectNotFound,
                $"{name} is not in object storage (HTTP 404 at {Redaction.DescribeUrl(url)}).") { HttpStatus = 404 };

        public static TencentCloudException Interrupted(string name, string reason, int attempts) =>
            new TencentCloudException(ErrorCatalog.DownloadInterrupted,
                $"The download of {name} failed {attempts} times in a row without progress; the last failure: {reason}");

        public static TencentCloudException Refused(string name, string url, int status, string detail) =>
            new TencentCloudException(ErrorCatalog.DownloadRefused,
                $"Object storage refused {name} (HTTP {status} at {Redaction.DescribeUrl(url)}){(string.IsNullOrEmpty(detail) ? "." : ": " + detail)}")
            { HttpStatus = status };

        public static TencentCloudException Protocol(string name, string url, string detail) =>
            new TencentCloudException(ErrorCatalog.DownloadRefused, $"{name}: {Redaction.DescribeUrl(url)} answered unexpectedly: {detail}");

        public static TencentCloudException InvalidUrl(string name, string url) =>
            new TencentCloudException(ErrorCatalog.InvalidDownloadUrl,
                $"{name} has no usable download link ({(string.IsNullOrEmpty(url) ? "none given" : Redaction.DescribeUrl(url))}).");
    }
}
