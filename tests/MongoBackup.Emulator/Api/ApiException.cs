namespace MongoBackup.Emulator.Api;

/// <summary>An API error answered as {"Response":{"Error":{"Code","Message"},"RequestId"}}.</summary>
public sealed class ApiException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public static ApiException Missing(string name) =>
        new("MissingParameter", $"The request is missing a required parameter `{name}`.");

    public static ApiException Invalid(string name, string expectation) =>
        new("InvalidParameterValue", $"The value of parameter `{name}` is invalid: {expectation}.");
}
