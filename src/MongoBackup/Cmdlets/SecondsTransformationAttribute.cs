using System;
using System.Globalization;
using System.Management.Automation;

namespace MongoBackup.Cmdlets
{
    /// <summary>
    /// Lets a TimeSpan parameter take a plain number as seconds (<c>-PollInterval 5</c>), as well as a TimeSpan or text
    /// such as '00:30:00'. Without it PowerShell would read 5 as 5 ticks.
    /// </summary>
    public sealed class SecondsTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject ps ? ps.BaseObject : inputData;
            switch (value)
            {
                case int i: return TimeSpan.FromSeconds(i);
                case long l: return TimeSpan.FromSeconds(l);
                case double d: return TimeSpan.FromSeconds(d);
                case decimal m: return TimeSpan.FromSeconds((double)m);
                case string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds):
                    return TimeSpan.FromSeconds(seconds);
                default: return inputData;
            }
        }
    }
}
