using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace MongoBackup.Transfer
{
    /// <summary>
    /// A backup holds a whole database, so the files the module saves are its owner's only: on Unix the .partial (and so
    /// the final file, which is the .partial renamed) is created with mode 0600 and the folders the module creates with
    /// 0700, whatever the umask (a umask can only take permissions away); an existing .partial is set to 0600 before a
    /// byte is added to it. Folders that already exist are left as they are. On Windows the files keep the ACLs they
    /// inherit from their folder. Chosen by capability: the runtime's own create-with-mode APIs where it has them
    /// (.NET 7 and later: FileStreamOptions.UnixCreateMode, Directory.CreateDirectory(path, UnixFileMode),
    /// File.SetUnixFileMode), else libc's mkdir and chmod. Everything is looked up on the first download, not at import.
    /// </summary>
    internal static class PrivateFiles
    {
        public const int FileMode = 0x180;      // 0600: owner read and write
        public const int FolderMode = 0x1C0;    // 0700: owner read, write and search

        private static readonly Lazy<Api> Runtime = new Lazy<Api>(Api.Find);

        /// <summary>Whether files get Unix modes here (not Windows).</summary>
        public static bool UsesUnixModes => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>Creates <paramref name="folder"/> and its missing parents, each new one 0700 on Unix.</summary>
        public static void CreateFolder(string folder)
        {
            if (string.IsNullOrEmpty(folder) || Directory.Exists(folder)) return;
            if (!UsesUnixModes)
            {
                Directory.CreateDirectory(folder);
                return;
            }
            string full = Path.GetFullPath(folder);
            string parent = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(parent) && parent != full) CreateFolder(parent);
            if (Directory.Exists(full)) return;
            Runtime.Value.MakeFolder(full);
        }

        /// <summary>
        /// Opens (creating 0600 if needed) <paramref name="path"/> for reading and writing, exclusively (another open of the
        /// same file fails), and makes an existing file 0600 before anything is written to it.
        /// </summary>
        public static FileStream OpenExclusive(string path)
        {
            if (!UsesUnixModes) return Plain(path);
            Api api = Runtime.Value;
            FileStream stream = api.OpenPrivate != null ? api.OpenPrivate(path) : Plain(path);
            try
            {
                api.SetFileMode(path, FileMode);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
            return stream;
        }

        /// <summary>The mode bits of a file or folder (Unix; for tests and the verbose stream), or null where unknown.</summary>
        public static int? ModeOf(string path) => UsesUnixModes ? Runtime.Value.GetMode?.Invoke(path) : null;

        // bufferSize 1 = no FileStream buffer: every failure (disk full) surfaces at the write that caused it.
        private static FileStream Plain(string path) =>
            new FileStream(path, System.IO.FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);

        /// <summary>The means this runtime offers, found once.</summary>
        private sealed class Api
        {
            public Func<string, FileStream> OpenPrivate { get; private set; }
            public Action<string> MakeFolder { get; private set; }
            public Action<string, int> SetFileMode { get; private set; }
            public Func<string, int?> GetMode { get; private set; }

            public static Api Find()
            {
                var api = new Api();
                Type modeType = Type.GetType("System.IO.UnixFileMode, System.Runtime", false)
                    ?? typeof(FileStream).Assembly.GetType("System.IO.UnixFileMode", false);

                // FileStreamOptions { Mode, Access, Share, BufferSize, UnixCreateMode } and new FileStream(path, options).
                Type optionsType = typeof(FileStream).Assembly.GetType("System.IO.FileStreamOptions", false);
                PropertyInfo createMode = optionsType?.GetProperty("UnixCreateMode");
                ConstructorInfo ctor = optionsType == null ? null : typeof(FileStream).GetConstructor(new[] { typeof(string), optionsType });
                if (modeType != null && createMode != null && ctor != null)
                {
                    object mode = Enum.ToObject(modeType, FileMode);
                    api.OpenPrivate = path =>
                    {
                        object options = Activator.CreateInstance(optionsType);
                        optionsType.GetProperty("Mode").SetValue(options, System.IO.FileMode.OpenOrCreate);
                        optionsType.GetProperty("Access").SetValue(options, FileAccess.ReadWrite);
                        optionsType.GetProperty("Share").SetValue(options, FileShare.None);
                        optionsType.GetProperty("BufferSize").SetValue(options, 1);
                        createMode.SetValue(options, mode);
                        try
                        {
                            return (FileStream)ctor.Invoke(new[] { path, options });
                        }
                        catch (TargetInvocationException e) when (e.InnerException != null)
                        {
                            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                            throw;
                        }
                    };
                }

                MethodInfo createFolder = modeType == null ? null : typeof(Directory).GetMethod("CreateDirectory", new[] { typeof(string), modeType });
                if (createFolder != null)
                {
                    object mode = Enum.ToObject(modeType, FolderMode);
                    api.MakeFolder = path => Invoke(createFolder, path, mode);
                }
                else
                {
                    api.MakeFolder = path =>
                    {
                        if (Native.mkdir(path, FolderMode) != 0)
                        {
                            int errno = Marshal.GetLastWin32Error();
                            if (!Directory.Exists(path)) throw new IOException($"mkdir failed (errno {errno}).");
                        }
                    };
                }

                MethodInfo setMode = modeType == null ? null : typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), modeType });
                MethodInfo getMode = typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });
                if (setMode != null)
                    api.SetFileMode = (path, bits) => Invoke(setMode, path, Enum.ToObject(modeType, bits));
                else
                    api.SetFileMode = (path, bits) =>
                    {
                        if (Native.chmod(path, bits) != 0)
                            throw new IOException($"chmod {Convert.ToString(bits, 8)} failed (errno {Marshal.GetLastWin32Error()}).");
                    };
                if (getMode != null)
                    api.GetMode = path => Convert.ToInt32(getMode.Invoke(null, new object[] { path }));
                return api;
            }

            private static void Invoke(MethodInfo method, string path, object mode)
            {
                try
                {
                    method.Invoke(null, new[] { path, mode });
                }
                catch (TargetInvocationException e) when (e.InnerException != null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                }
            }
        }

        /// <summary>libc, where the runtime lacks the APIs above (mkdir and chmod take no variadic arguments).</summary>
        private static class Native
        {
            [DllImport("libc", SetLastError = true)]
            public static extern int mkdir(string path, int mode);

            [DllImport("libc", SetLastError = true)]
            public static extern int chmod(string path, int mode);
        }
    }
}
