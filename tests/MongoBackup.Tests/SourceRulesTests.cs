using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MongoBackup.Client;
using Xunit;

namespace MongoBackup.Tests
{
    /// <summary>Rules of the source tree: facts live in one place.</summary>
    public class SourceRulesTests
    {
        private static readonly Regex StringLiteral = new Regex("(?<!\\$@?)\"((?:[^\"\\\\\\n]|\\\\.)*)\"", RegexOptions.CultureInvariant);

        private static string SourceRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "src", "MongoBackup");
                if (Directory.Exists(candidate)) return candidate;
            }
            throw new DirectoryNotFoundException("src/MongoBackup was not found above " + AppContext.BaseDirectory);
        }

        private static IEnumerable<(string File, string Literal)> Literals(Func<string, bool> include)
        {
            string root = SourceRoot();
            foreach (string file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal) || !include(relative)) continue;
                foreach (string line in File.ReadLines(file))
                {
                    string code = line.TrimStart();
                    if (code.StartsWith("//", StringComparison.Ordinal)) continue;
                    foreach (Match m in StringLiteral.Matches(line)) yield return (relative, m.Groups[1].Value);
                }
            }
        }

        [Fact]
        public void NoErrorIdIsSpelledOutsideTheCatalog()
        {
            var ids = new HashSet<string>(ErrorCatalog.All.Select(e => e.Id), StringComparer.Ordinal);
            var offenders = Literals(f => f != "Client/ErrorCatalog.cs").Where(l => ids.Contains(l.Literal)).ToList();
            Assert.True(offenders.Count == 0, "ErrorIds spelled outside Client/ErrorCatalog.cs: " + string.Join(", ", offenders.Select(o => $"{o.File}: \"{o.Literal}\"")));
        }

        [Fact]
        public void ActionAndFieldNamesLiveOnlyInTheApiLayer()
        {
            // The names the API layer writes and reads: every string literal of its action files.
            var names = new HashSet<string>(Literals(f => f.StartsWith("Api/", StringComparison.Ordinal))
                .Select(l => l.Literal).Where(l => Regex.IsMatch(l, "^[A-Z][A-Za-z]+$")), StringComparer.Ordinal);
            Assert.Contains("DescribeBackupDownloadTask", names);
            Assert.Contains("InstanceDetails", names);
            Assert.Contains("BackupSets", names);
            // The envelope of every answer is the transport's: Response, Error, Code, Message, RequestId.
            var envelope = new HashSet<string>(new[] { "Response", "Error", "Code", "Message", "RequestId" }, StringComparer.Ordinal);
            var offenders = Literals(f => !f.StartsWith("Api/", StringComparison.Ordinal))
                .Where(l => names.Contains(l.Literal) && !(f(l.File) && envelope.Contains(l.Literal))).ToList();
            Assert.True(offenders.Count == 0, "API names spelled outside src/MongoBackup/Api: " + string.Join(", ", offenders.Select(o => $"{o.File}: \"{o.Literal}\"")));

            static bool f(string file) => file == "Client/TencentCloudClient.cs";
        }
    }
}
