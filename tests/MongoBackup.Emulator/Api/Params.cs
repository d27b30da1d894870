using System.Text.Json;

namespace MongoBackup.Emulator.Api;

/// <summary>Typed, validated access to an action's JSON parameters.
/// Unknown fields → UnknownParameter; wrong JSON types → InvalidParameterValue; JSON null counts as absent.</summary>
public sealed class Params
{
    private readonly Dictionary<string, JsonElement> values = new(StringComparer.Ordinal);
    private readonly string prefix;

    /// <param name="prefix">Names nested objects in messages, e.g. <c>BackupSets.0.</c></param>
    public Params(JsonElement root, IReadOnlyCollection<string> allowed, string prefix = "")
    {
        this.prefix = prefix;
        if (root.ValueKind != JsonValueKind.Object) throw TypeError(prefix.TrimEnd('.'), "an object");
        foreach (var property in root.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
                throw new ApiException("UnknownParameter", $"The parameter `{prefix}{property.Name}` is not recognized.");
            if (!values.TryAdd(property.Name, property.Value))
                throw new ApiException("InvalidParameter", $"The parameter `{prefix}{property.Name}` is given more than once.");
        }
    }

    public bool Has(string name) => TryGet(name, out _);

    public string? String(string name)
    {
        if (!TryGet(name, out var e)) return null;
        return e.ValueKind == JsonValueKind.String ? e.GetString()! : throw TypeError(prefix + name, "a string");
    }

    /// <summary>An optional string where "" counts as absent.</summary>
    public string? OptionalText(string name) => String(name) is { Length: > 0 } text ? text : null;

    public string RequiredString(string name) => String(name) ?? throw ApiException.Missing(prefix + name);

    public long? Integer(string name) => TryGet(name, out var e) ? AsInteger(prefix + name, e) : null;

    public bool? Boolean(string name)
    {
        if (!TryGet(name, out var e)) return null;
        return e.ValueKind is JsonValueKind.True or JsonValueKind.False ? e.GetBoolean() : throw TypeError(prefix + name, "a boolean");
    }

    public IReadOnlyList<long>? IntegerArray(string name) =>
        Array(name, "an array of integers", (n, e) => AsInteger(n, e));

    public IReadOnlyList<string>? StringArray(string name) =>
        Array(name, "an array of strings", (n, e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw TypeError(n, "an array of strings"));

    public IReadOnlyList<JsonElement>? ObjectArray(string name) =>
        Array(name, "an array of objects", (n, e) => e.ValueKind == JsonValueKind.Object ? e : throw TypeError(n, "an array of objects"));

    private List<T>? Array<T>(string name, string expected, Func<string, JsonElement, T> item)
    {
        if (!TryGet(name, out var e)) return null;
        if (e.ValueKind != JsonValueKind.Array) throw TypeError(prefix + name, expected);
        var list = new List<T>();
        var i = 0;
        foreach (var element in e.EnumerateArray()) list.Add(item($"{prefix}{name}.{i++}", element));
        return list;
    }

    private bool TryGet(string name, out JsonElement element) =>
        values.TryGetValue(name, out element) && element.ValueKind != JsonValueKind.Null;

    private static long AsInteger(string name, JsonElement e) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var v) ? v : throw TypeError(name, "an integer");

    public static ApiException TypeError(string name, string expected) =>
        new("InvalidParameterValue", $"The value type of parameter `{name}` is invalid: expected {expected}.");
}
