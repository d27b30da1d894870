namespace MongoBackup.Emulator.Infrastructure;

/// <summary>--exit-on-stdin-close: stops the host once standard input reaches end of file, so an emulator whose
/// test harness died (and with it the pipe's writer) never lingers.</summary>
public static class StdinWatcher
{
    public static void StopWhenClosed(IHostApplicationLifetime lifetime)
    {
        var thread = new Thread(() =>
        {
            using var stdin = Console.OpenStandardInput();
            var buffer = new byte[256];
            try
            {
                while (stdin.Read(buffer, 0, buffer.Length) > 0) { }
            }
            catch (IOException)
            {
                // A broken pipe is a closed pipe.
            }
            lifetime.StopApplication();
        })
        { IsBackground = true, Name = "stdin-watcher" };
        thread.Start();
    }
}
