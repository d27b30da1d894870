using System.IO;
using System.Runtime.InteropServices;

namespace MongoBackup.Tests
{
    /// <summary>Platform facts and file-system helpers that build for net10.0 and for the .NET Framework (Mono) alike.</summary>
    internal static class TestPlatform
    {
        public static bool IsLinux => RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

        [DllImport("libc", EntryPoint = "symlink", SetLastError = true)]
        private static extern int SymlinkNative(string target, string link);

        /// <summary>Creates <paramref name="link"/> pointing at <paramref name="target"/> (Unix only).</summary>
        public static void Symlink(string link, string target)
        {
            if (SymlinkNative(target, link) != 0) throw new IOException($"symlink {link} -> {target} failed (errno {Marshal.GetLastWin32Error()})");
        }
    }
}
