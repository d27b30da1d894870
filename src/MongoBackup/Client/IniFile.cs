using System;
using System.Collections.Generic;

namespace MongoBackup.Client
{
    /// <summary>The SDK credentials file's INI: [section], key = value, comments with # or ;.</summary>
    internal static class IniFile
    {
        public static Dictionary<string, Dictionary<string, string>> Parse(string text, string path)
        {
            var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
            Dictionary<string, string> current = null;
            string[] lines = text.Replace("\r\n", "\n").Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                if (i == 0) line = line.TrimStart('\uFEFF');
                if (line.Length == 0 || line[0] == '#' || line[0] == ';') continue;
                if (line[0] == '[')
                {
                    if (line[line.Length - 1] != ']')
                        throw Bad(path, i, "a section header must end with ']'");
                    string name = line.Substring(1, line.Length - 2).Trim();
                    if (!sections.TryGetValue(name, out current))
                    {
                        current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                        sections.Add(name, current);
                    }
                    continue;
                }
                int eq = line.IndexOf('=');
                if (eq <= 0) throw Bad(path, i, "expected 'key = value'");
                if (current == null) throw Bad(path, i, "a key must follow a [section] header");
                current[line.Substring(0, eq).Trim()] = line.Substring(eq + 1).Trim();
            }
            return sections;
        }

        // The line's text is never echoed: it may hold a key.
        private static TencentCloudException Bad(string path, int index, string what) =>
            new TencentCloudException(ErrorCatalog.InvalidProfile,
                $"The credentials file '{path}' is malformed at line {index + 1}: {what}. Fix the file (sections like [default], lines like secret_id = AKID...).");
    }
}
