using System;
using System.IO;
using System.Linq;
using System.Text;

namespace MongoBackup.Transfer
{
    /// <summary>Where Save-MongoBackupFile puts a file: &lt;destination&gt;/&lt;InstanceId&gt;/&lt;BackupName made file-safe&gt;/&lt;ReplicaSetId&gt;.&lt;extension from the URL&gt;.</summary>
    internal static class BackupFileLayout
    {
        // Characters no file name may hold on Windows, macOS or Linux, so a folder copied between them keeps its names.
        private static readonly char[] Unsafe = "<>:\"/\\|?*".ToCharArray();

        public static string PathFor(string destination, string instanceId, string backupName, string replicaSetId, string url) =>
            Path.Combine(destination, FileSafe(instanceId), FileSafe(backupName), FileSafe(replicaSetId) + ExtensionFromUrl(url));

        /// <summary>Replaces characters that are unsafe in a file name (and control characters) with '_'; trims trailing dots and spaces.</summary>
        public static string FileSafe(string name)
        {
            if (string.IsNullOrWhiteSpace(name)) return "_";
            var sb = new StringBuilder(name.Length);
            foreach (char c in name.Trim())
                sb.Append(c < 32 || Unsafe.Contains(c) || Path.GetInvalidFileNameChars().Contains(c) ? '_' : c);
            string safe = sb.ToString().TrimEnd('.', ' ');
            if (safe.Length == 0 || safe == "." || safe == "..") return "_";
            return safe;
        }

        /// <summary>The extension of the link's file name (".tar", ".xb", ".tar.gz"), or "" when it has none.</summary>
        public static string ExtensionFromUrl(string url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out Uri uri)) return "";
            string file = Uri.UnescapeDataString(uri.AbsolutePath.Split('/').Last());
            int dot = file.Length < 2 ? -1 : file.IndexOf('.', 1);
            if (dot < 0) return "";
            string extension = file.Substring(dot);
            if (extension.Length > 16 || extension.Any(c => !char.IsLetterOrDigit(c) && c != '.')) extension = Path.GetExtension(file);
            return extension.Length > 16 || extension.Any(c => !char.IsLetterOrDigit(c) && c != '.') ? "" : extension;
        }
    }
}
