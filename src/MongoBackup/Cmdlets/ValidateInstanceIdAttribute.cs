using System.Management.Automation;
using System.Text.RegularExpressions;

namespace MongoBackup.Cmdlets
{
    /// <summary>Checks that a value looks like a TencentDB for MongoDB instance ID (cmgo- and 8 lowercase letters or digits).</summary>
    public sealed class ValidateInstanceIdAttribute : ValidateEnumeratedArgumentsAttribute
    {
        internal static readonly Regex Pattern = new Regex("^cmgo-[a-z0-9]{8}$", RegexOptions.CultureInvariant);

        protected override void ValidateElement(object element)
        {
            string text = element is PSObject ps ? ps.BaseObject as string : element as string;
            if (text == null || !Pattern.IsMatch(text))
                throw new ValidationMetadataException(
                    $"'{element}' is not a TencentDB for MongoDB instance ID. An instance ID is 'cmgo-' followed by 8 lowercase letters or digits, such as cmgo-p8vnipr5; Get-MongoInstance lists them.");
        }
    }
}
