using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;

namespace MongoBackup.Tests
{
    /// <summary>Platform facts and file-system helpers that build for net10.0 and for the .NET Framework (Mono) alike.</summary>
    internal static class TestPlatform
    {
        public static bool IsLinux => RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

        public static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>A loopback port that nothing listens on (taken and released at once), so a connection to it is refused.</summary>
        public static int ClosedLoopbackPort()
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        [DllImport("libc", EntryPoint = "chmod", SetLastError = true)]
        private static extern int ChmodNative(string path, int mode);

        /// <summary>Sets the mode bits of a file or folder, given in octal (Unix only).</summary>
        public static void SetMode(string path, string octal)
        {
            if (ChmodNative(path, Convert.ToInt32(octal, 8)) != 0) throw new IOException($"chmod {octal} {path} failed (errno {Marshal.GetLastWin32Error()})");
        }

        /// <summary>The mode bits of a file or folder in octal, such as "600" (Unix only).</summary>
        public static string Mode(string path)
        {
#if NET
            if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("Unix modes only.");
            return Convert.ToString((int)File.GetUnixFileMode(path), 8);
#else
            // The .NET Framework has no mode API: ask coreutils' stat.
            using (var stat = Process.Start(new ProcessStartInfo("stat", "-c %a \"" + path + "\"") { RedirectStandardOutput = true, UseShellExecute = false }))
            {
                string mode = stat.StandardOutput.ReadToEnd().Trim();
                stat.WaitForExit();
                if (stat.ExitCode != 0) throw new IOException($"stat {path} failed (exit {stat.ExitCode})");
                return mode;
            }
#endif
        }

        [DllImport("libc", EntryPoint = "symlink", SetLastError = true)]
        private static extern int SymlinkNative(string target, string link);

        /// <summary>Creates <paramref name="link"/> pointing at <paramref name="target"/> (Unix only).</summary>
        public static void Symlink(string link, string target)
        {
            if (SymlinkNative(target, link) != 0) throw new IOException($"symlink {link} -> {target} failed (errno {Marshal.GetLastWin32Error()})");
        }
    }
}
