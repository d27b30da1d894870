using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using MongoBackup.Api;

namespace MongoBackup.Cmdlets
{
    /// <summary>Tab completion for -Region: the regions where TencentDB for MongoDB is sold (RegionCatalog).</summary>
    public sealed class RegionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = (wordToComplete ?? "").Trim('\'', '"');
            return RegionCatalog.MongoDb.Where(r => r.StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase))
                .Select(r => new CompletionResult(r, r, CompletionResultType.ParameterValue, r));
        }
    }
}
