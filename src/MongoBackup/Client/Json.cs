using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace MongoBackup.Client
{
    /// <summary>A JSON object: property names are case-sensitive, insertion order is kept for writing.</summary>
    internal sealed class JsonObject : Dictionary<string, object>
    {
        private readonly List<string> _order = new List<string>();

        public JsonObject() : base(StringComparer.Ordinal) { }

        public IEnumerable<string> OrderedKeys => _order;

        public new object this[string key]
        {
            get => base[key];
            set
            {
                if (!ContainsKey(key)) _order.Add(key);
                base[key] = value;
            }
        }

        public new void Add(string key, object value)
        {
            base.Add(key, value);
            _order.Add(key);
        }
    }

    /// <summary>Raised when text is not valid JSON; carries the character position.</summary>
    internal sealed class JsonParseException : FormatException
    {
        public JsonParseException(string message, int position)
            : base($"{message} at character {position}.")
        {
            Position = position;
        }

        public int Position { get; }
    }

    /// <summary>
    /// A small JSON reader and writer on the BCL alone (netstandard2.0 has no System.Text.Json, and the module ships no
    /// third-party JSON library). Objects become <see cref="JsonObject"/>, arrays <c>List&lt;object&gt;</c>, strings
    /// <c>string</c>, integers <c>long</c> (or <c>decimal</c> when they do not fit), other numbers <c>double</c>,
    /// <c>true</c>/<c>false</c> <c>bool</c> and <c>null</c> null.
    /// </summary>
    internal static class Json
    {
        private const int MaxDepth = 128;

        public static object Parse(string text)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            var reader = new Reader(text);
            reader.SkipWhitespace();
            if (reader.AtEnd) throw new JsonParseException("The text is empty, not JSON", 0);
            object value = reader.ReadValue(0);
            reader.SkipWhitespace();
            if (!reader.AtEnd) throw new JsonParseException("Unexpected text after the JSON value", reader.Position);
            return value;
        }

        public static string Serialize(object value)
        {
            var sb = new StringBuilder();
            Write(sb, value, 0);
            return sb.ToString();
        }

        private static void Write(StringBuilder sb, object value, int depth)
        {
            if (depth > MaxDepth) throw new InvalidOperationException("The value is nested too deeply to write as JSON.");
            switch (value)
            {
                case null:
                    sb.Append("null");
                    break;
                case string s:
                    WriteString(sb, s);
                    break;
                case bool b:
                    sb.Append(b ? "true" : "false");
                    break;
                case JsonObject obj:
                    sb.Append('{');
                    bool firstKey = true;
                    foreach (string key in obj.OrderedKeys)
                    {
                        if (!firstKey) sb.Append(',');
                        firstKey = false;
                        WriteString(sb, key);
                        sb.Append(':');
                        Write(sb, obj[key], depth + 1);
                    }
                    sb.Append('}');
                    break;
                case System.Collections.IEnumerable list:
                    sb.Append('[');
                    bool firstItem = true;
                    foreach (object item in list)
                    {
                        if (!firstItem) sb.Append(',');
                        firstItem = false;
                        Write(sb, item, depth + 1);
                    }
                    sb.Append(']');
                    break;
                case Enum e:
                    sb.Append(Convert.ToInt64(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                    break;
                case double d:
                    if (double.IsNaN(d) || double.IsInfinity(d)) throw new InvalidOperationException("NaN and infinity have no JSON form.");
                    sb.Append(d.ToString("R", CultureInfo.InvariantCulture));
                    break;
                case float f:
                    Write(sb, (double)f, depth);
                    break;
                case IFormattable number when IsInteger(number) || number is decimal:
                    sb.Append(number.ToString(null, CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new InvalidOperationException($"A value of type {value.GetType().FullName} has no JSON form here.");
            }
        }

        private static bool IsInteger(object o) =>
            o is int || o is long || o is short || o is byte || o is sbyte || o is ushort || o is uint || o is ulong;

        private static void WriteString(StringBuilder sb, string s)
        {
            sb.Append('"');
            foreach (char c in s)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    case '\b': sb.Append("\\b"); break;
                    case '\f': sb.Append("\\f"); break;
                    default:
                        if (c < 0x20 || c == '\u2028' || c == '\u2029')
                            sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else
                            sb.Append(c);
                        break;
                }
            }
            sb.Append('"');
        }

        private sealed class Reader
        {
            private readonly string _text;
            private int _pos;

            public Reader(string text) { _text = text; }

            public int Position => _pos;
            public bool AtEnd => _pos >= _text.Length;

            public void SkipWhitespace()
            {
                while (_pos < _text.Length)
                {
                    char c = _text[_pos];
                    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') _pos++;
                    else if (c == '\uFEFF' && _pos == 0) _pos++;
                    else break;
                }
            }

            public object ReadValue(int depth)
            {
                if (depth > MaxDepth) throw new JsonParseException("The JSON is nested too deeply", _pos);
                SkipWhitespace();
                if (AtEnd) throw new JsonParseException("The JSON ends too early (truncated)", _pos);
                char c = _text[_pos];
                switch (c)
                {
                    case '{': return ReadObject(depth);
                    case '[': return ReadArray(depth);
                    case '"': return ReadString();
                    case 't': ExpectWord("true"); return true;
                    case 'f': ExpectWord("false"); return false;
                    case 'n': ExpectWord("null"); return null;
                    default:
                        if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber();
                        throw new JsonParseException($"Unexpected character '{c}'", _pos);
                }
            }

            private void ExpectWord(string word)
            {
                if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
                {
                    if (_pos + word.Length > _text.Length && string.CompareOrdinal(_text, _pos, word, 0, _text.Length - _pos) == 0)
                        throw new JsonParseException("The JSON ends too early (truncated)", _text.Length);
                    throw new JsonParseException($"Expected '{word}'", _pos);
                }
                _pos += word.Length;
            }

            private JsonObject ReadObject(int depth)
            {
                var obj = new JsonObject();
                _pos++; // {
                SkipWhitespace();
                if (!AtEnd && _text[_pos] == '}') { _pos++; return obj; }
                while (true)
                {
                    SkipWhitespace();
                    if (AtEnd) throw new JsonParseException("The JSON ends too early (truncated)", _pos);
                    if (_text[_pos] != '"') throw new JsonParseException("Expected a property name in double quotes", _pos);
                    string key = ReadString();
                    SkipWhitespace();
                    if (AtEnd) throw new JsonParseException("The JSON ends too early (truncated)", _pos);
                    if (_text[_pos] != ':') throw new JsonParseException("Expected ':' after a property name", _pos);
                    _pos++;
                    object value = ReadValue(depth + 1);
                    obj[key] = value; // a repeated name keeps the last value, as most parsers do
                    SkipWhitespace();
                    if (AtEnd) throw new JsonParseException("The JSON ends too early (truncated)", _pos);
                    char c = _text[_pos++];
                    if (c == '}') return obj;
                    if (c != ',') throw new JsonParseException("Expected ',' or '}' in an object", _pos - 1);
                }
            }

            private List<object> ReadArray(int depth)
            {
                var list = new List<object>();
                _pos++; // [
                SkipWhitespace();
                if (!AtEnd && _text[_pos] == ']') { _pos++; return list; }
                while (true)
                {
                    list.Add(ReadValue(depth + 1));
                    SkipWhitespace();
                    if (AtEnd) throw new JsonParseException("The JSON ends too early (truncated)", _pos);
                    char c = _text[_pos++];
                    if (c == ']') return list;
                    if (c != ',') throw new JsonParseException("Expected ',' or ']' in an array", _pos - 1);
                }
            }

            private string ReadString()
            {
                int start = ++_pos; // opening quote
                StringBuilder sb = null;
                while (true)
                {
                    if (AtEnd) throw new JsonParseException("The JSON ends too early (truncated) inside a string", _pos);
                    char c = _text[_pos];
                    if (c == '"')
                    {
                        string result = sb == null ? _text.Substring(start, _pos - start) : sb.ToString();
                        _pos++;
                        return result;
                    }
                    if (c < 0x20) throw new JsonParseException("A control character must be escaped inside a string", _pos);
                    if (c == '\\')
                    {
                        if (sb == null) sb = new StringBuilder(_text, start, _pos - start, (_pos - start) + 16);
                        _pos++;
                        if (AtEnd) throw new JsonParseException("The JSON ends too early (truncated) inside a string", _pos);
                        char e = _text[_pos++];
                        switch (e)
                        {
                            case '"': sb.Append('"'); break;
                            case '\\': sb.Append('\\'); break;
                            case '/': sb.Append('/'); break;
                            case 'b': sb.Append('\b'); break;
                            case 'f': sb.Append('\f'); break;
                            case 'n': sb.Append('\n'); break;
                            case 'r': sb.Append('\r'); break;
                            case 't': sb.Append('\t'); break;
                            case 'u':
                                if (_pos + 4 > _text.Length) throw new JsonParseException("The JSON ends too early (truncated) inside a \\u escape", _pos);
                                if (!int.TryParse(_text.Substring(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                                    throw new JsonParseException("Invalid \\u escape", _pos);
                                sb.Append((char)code);
                                _pos += 4;
                                break;
                            default:
                                throw new JsonParseException($"Invalid escape '\\{e}'", _pos - 1);
                        }
                        continue;
                    }
                    sb?.Append(c);
                    _pos++;
                }
            }

            private object ReadNumber()
            {
                int start = _pos;
                if (_text[_pos] == '-') _pos++;
                int digitsStart = _pos;
                while (!AtEnd && _text[_pos] >= '0' && _text[_pos] <= '9') _pos++;
                if (_pos == digitsStart) throw new JsonParseException("Expected a digit", _pos);
                if (_text[digitsStart] == '0' && _pos - digitsStart > 1) throw new JsonParseException("A number may not start with 0", digitsStart);
                bool integral = true;
                if (!AtEnd && _text[_pos] == '.')
                {
                    integral = false;
                    _pos++;
                    int fracStart = _pos;
                    while (!AtEnd && _text[_pos] >= '0' && _text[_pos] <= '9') _pos++;
                    if (_pos == fracStart) throw new JsonParseException("Expected a digit after '.'", _pos);
                }
                if (!AtEnd && (_text[_pos] == 'e' || _text[_pos] == 'E'))
                {
                    integral = false;
                    _pos++;
                    if (!AtEnd && (_text[_pos] == '+' || _text[_pos] == '-')) _pos++;
                    int expStart = _pos;
                    while (!AtEnd && _text[_pos] >= '0' && _text[_pos] <= '9') _pos++;
                    if (_pos == expStart) throw new JsonParseException("Expected a digit in the exponent", _pos);
                }
                string token = _text.Substring(start, _pos - start);
                if (integral)
                {
                    if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)) return l;
                    if (decimal.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out decimal m)) return m;
                }
                return double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }
    }
}
