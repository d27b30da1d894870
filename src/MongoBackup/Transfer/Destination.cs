using System;
using System.IO;

namespace MongoBackup.Transfer
{
    /// <summary>Puts a complete .partial in place under its final name.</summary>
    internal static class Destination
    {
        public static void PlaceFile(string partialPath, string finalPath, bool force)
        {
            try
            {
                if (File.Exists(finalPath))
                {
                    if (!force) throw DownloadErrors.FileExists(finalPath);
                    File.Replace(partialPath, finalPath, null, ignoreMetadataErrors: true);
                }
                else
                {
                    File.Move(partialPath, finalPath);
                }
            }
            catch (IOException) when (!force && File.Exists(finalPath))
            {
                // Another process created the file after the check: it is not ours to replace.
                throw DownloadErrors.FileExists(finalPath);
            }
            catch (Exception e) when (PartialFile.IsFileSystemError(e))
            {
                throw DownloadErrors.WriteFailed(finalPath, e);
            }
        }
    }
}
