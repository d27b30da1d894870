using System;
using System.Management.Automation;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>The one check of -PollInterval and -Timeout for the cmdlets that wait (before any request).</summary>
    internal static class WaitLimits
    {
        public static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(100);
        public static readonly TimeSpan MaxPollInterval = TimeSpan.FromHours(1);

        /// <summary>Stops the invocation with InvalidPollInterval or InvalidTimeout when a value is out of range.</summary>
        public static void Check(Cmdlet cmdlet, TimeSpan pollInterval, TimeSpan timeout)
        {
            if (pollInterval < MinPollInterval || pollInterval > MaxPollInterval)
                cmdlet.ThrowTerminatingError(ErrorRecords.Create(cmdlet, ErrorCatalog.InvalidPollInterval,
                    $"-PollInterval {pollInterval} is out of range: give from 0.1 seconds to 1 hour, such as -PollInterval 5 (seconds).", pollInterval));
            if (timeout < TimeSpan.Zero)
                cmdlet.ThrowTerminatingError(ErrorRecords.Create(cmdlet, ErrorCatalog.InvalidTimeout,
                    $"-Timeout {timeout} is negative: give how long to wait, such as -Timeout 3600 (seconds) or -Timeout 01:00:00.", timeout));
        }
    }
}
