using System;
using System.Collections.Generic;
using System.Globalization;

namespace MongoBackup.Client
{
    /// <summary>
    /// Lenient, typed reads of response fields. The service's documents are not always what the documentation says
    /// (numbers as strings, nulls, missing fields), so a missing or null field reads as the type's default, a number
    /// written as a string is accepted, and only a value that cannot mean the type raises
    /// <see cref="InvalidResponseException"/> naming the field.
    /// </summary>
    internal static class JsonFields
    {
        public static string GetString(this JsonObject obj, string name)
        {
            if (!obj.TryGetValue(name, out object v) || v == null) return null;
            switch (v)
            {
                case string s: return s;
                case bool b: return b ? "true" : "false";
                case IFormattable f: return f.ToString(null, CultureInfo.InvariantCulture);
                default: throw new InvalidResponseException($"The field '{name}' should be text but is a JSON {Describe(v)}.");
            }
        }

        public static long GetInt64(this JsonObject obj, string name) => GetNullableInt64(obj, name) ?? 0;

        public static long? GetNullableInt64(this JsonObject obj, string name)
        {
            if (!obj.TryGetValue(name, out object v) || v == null) return null;
            switch (v)
            {
                case long l: return l;
                case double d when Math.Floor(d) == d && d >= long.MinValue && d <= long.MaxValue: return (long)d;
                case decimal m when decimal.Truncate(m) == m && m >= long.MinValue && m <= long.MaxValue: return (long)m;
                case string s when s.Length == 0: return null;
                case string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed): return parsed;
                case string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double pd) && Math.Floor(pd) == pd && Math.Abs(pd) < 9.2e18: return (long)pd;
                default: throw new InvalidResponseException($"The field '{name}' should be a whole number but is {Describe(v)}.");
            }
        }

        public static int GetInt32(this JsonObject obj, string name)
        {
            long value = GetInt64(obj, name);
            if (value < int.MinValue || value > int.MaxValue)
                throw new InvalidResponseException($"The field '{name}' is out of range: {value}.");
            return (int)value;
        }

        /// <summary>A number that may have a fraction; missing or null reads as 0.</summary>
        public static double GetDouble(this JsonObject obj, string name)
        {
            if (!obj.TryGetValue(name, out object v) || v == null) return 0;
            switch (v)
            {
                case long l: return l;
                case double d: return d;
                case decimal m: return (double)m;
                case string s when s.Length == 0: return 0;
                case string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed): return parsed;
                default: throw new InvalidResponseException($"The field '{name}' should be a number but is {Describe(v)}.");
            }
        }

        /// <summary>The strings of an array field; a missing or null field is an empty list.</summary>
        public static IReadOnlyList<string> GetStringArray(this JsonObject obj, string name)
        {
            if (!obj.TryGetValue(name, out object v) || v == null) return Array.Empty<string>();
            if (!(v is List<object> list)) throw new InvalidResponseException($"The field '{name}' should be an array but is {Describe(v)}.");
            var result = new List<string>(list.Count);
            foreach (object item in list)
            {
                if (item == null) continue;
                result.Add(item as string ?? throw new InvalidResponseException($"An element of '{name}' should be text but is {Describe(item)}."));
            }
            return result;
        }

        /// <summary>The whole numbers of an array field; a missing or null field is an empty list.</summary>
        public static IReadOnlyList<long> GetInt64Array(this JsonObject obj, string name)
        {
            if (!obj.TryGetValue(name, out object v) || v == null) return Array.Empty<long>();
            if (!(v is List<object> list)) throw new InvalidResponseException($"The field '{name}' should be an array but is {Describe(v)}.");
            var result = new List<long>(list.Count);
            var holder = new JsonObject();
            foreach (object item in list)
            {
                if (item == null) continue;
                holder[name] = item;
                result.Add(holder.GetNullableInt64(name) ?? throw new InvalidResponseException($"An element of '{name}' is empty."));
            }
            return result;
        }

        public static bool GetBoolean(this JsonObject obj, string name)
        {
            if (!obj.TryGetValue(name, out object v) || v == null) return false;
            switch (v)
            {
                case bool b: return b;
                case long l: return l != 0;
                case string s when bool.TryParse(s, out bool parsed): return parsed;
                case string s when s == "0" || s == "1": return s == "1";
                default: throw new InvalidResponseException($"The field '{name}' should be true or false but is {Describe(v)}.");
            }
        }

        /// <summary>The object field, or null when it is missing or not an object (for the envelope's Response and Error).</summary>
        public static JsonObject GetObjectOrNull(this JsonObject obj, string name) =>
            obj != null && obj.TryGetValue(name, out object v) ? v as JsonObject : null;

        public static JsonObject GetObject(this JsonObject obj, string name)
        {
            if (!obj.TryGetValue(name, out object v) || v == null) return null;
            return v as JsonObject ?? throw new InvalidResponseException($"The field '{name}' should be an object but is {Describe(v)}.");
        }

        /// <summary>The objects of an array field; a missing or null field is an empty list.</summary>
        public static IReadOnlyList<JsonObject> GetObjectArray(this JsonObject obj, string name)
        {
            if (!obj.TryGetValue(name, out object v) || v == null) return Array.Empty<JsonObject>();
            if (!(v is List<object> list)) throw new InvalidResponseException($"The field '{name}' should be an array but is {Describe(v)}.");
            var result = new List<JsonObject>(list.Count);
            foreach (object item in list)
            {
                if (item == null) continue;
                result.Add(item as JsonObject ?? throw new InvalidResponseException($"An element of '{name}' should be an object but is {Describe(item)}."));
            }
            return result;
        }


        /// <summary>A Beijing-time field (<c>yyyy-MM-dd HH:mm:ss</c>); empty or the zero date reads as null.</summary>
        public static DateTimeOffset? GetBeijingTime(this JsonObject obj, string name)
        {
            string s = GetString(obj, name);
            try
            {
                return BeijingTime.ParseApi(s);
            }
            catch (FormatException e)
            {
                throw new InvalidResponseException($"The field '{name}' is not a date: {e.Message}");
            }
        }

        internal static string Describe(object v)
        {
            switch (v)
            {
                case null: return "null";
                case string s: return $"the text \"{(s.Length > 40 ? s.Substring(0, 40) + "…" : s)}\"";
                case bool _: return "a boolean";
                case JsonObject _: return "an object";
                case List<object> _: return "an array";
                default: return "the number " + Convert.ToString(v, CultureInfo.InvariantCulture);
            }
        }
    }
}
