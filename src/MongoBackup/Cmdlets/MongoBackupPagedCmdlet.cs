using System;
using System.Collections.Generic;
using System.Management.Automation;
using MongoBackup.Client;

namespace MongoBackup.Commands
{
    /// <summary>
    /// Base of the listing cmdlets (SupportsPaging): -Limit and -Offset, every page fetched and written as it arrives, and
    /// the per-input loop that turns one input's failure into a non-terminating error while the others still run.
    /// </summary>
    public abstract class MongoBackupPagedCmdlet : MongoBackupCmdlet
    {
        /// <summary>Page size of each request, 1 to 100 (default 100). All pages are fetched whatever the size.</summary>
        [Parameter]
        [ValidateRange(1, 100)]
        public int Limit { get; set; } = 100;

        /// <summary>How many matching items to pass over before the first one returned (default 0). -Skip adds to it.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int Offset { get; set; }

        /// <summary>Writes every page of <paramref name="action"/> for one input; a failure is that input's error.</summary>
        internal void WriteAllPages<T>(string action, JsonObject request, string target, object errorTarget, string itemName,
            Func<JsonObject, IReadOnlyList<T>> readItems, Func<JsonObject, long> readTotal)
        {
            try
            {
                WritePages(action, request, Offset, Limit, target, itemName, readItems, readTotal);
            }
            catch (Exception e) when (e is TencentCloudException || e is InvalidResponseException)
            {
                WriteFailure(e, errorTarget);
            }
        }
    }
}
