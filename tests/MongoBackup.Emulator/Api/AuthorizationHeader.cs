namespace MongoBackup.Emulator.Api;

/// <summary>The parsed Authorization header:
/// <c>TC3-HMAC-SHA256 Credential=&lt;id&gt;/&lt;date&gt;/&lt;service&gt;/tc3_request, SignedHeaders=a;b, Signature=&lt;hex&gt;</c>.</summary>
public sealed record AuthorizationHeader(
    string SecretId, string Date, string Service, IReadOnlyList<string> SignedHeaders, string SignedHeadersText, string Signature)
{
    public const string Algorithm = "TC3-HMAC-SHA256";

    public static AuthorizationHeader Parse(string header)
    {
        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
            throw Failure($"the Authorization header must start with {Algorithm}");
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in header[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0 || !parts.TryAdd(part[..eq], part[(eq + 1)..]))
                throw Failure("the Authorization header is malformed");
        }
        if (!parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signedHeaders)
            || !parts.TryGetValue("Signature", out var signature) || parts.Count != 3)
            throw Failure("the Authorization header needs exactly Credential, SignedHeaders and Signature");

        var scope = credential.Split('/');
        if (scope.Length != 4 || scope[0].Length == 0 || scope[3] != "tc3_request")
            throw Failure("the credential must be <SecretId>/<date>/<service>/tc3_request");

        var names = signedHeaders.Split(';');
        if (names.Any(n => n.Length == 0 || n != n.ToLowerInvariant()))
            throw Failure("SignedHeaders must be lower-case header names separated by ';'");
        if (!names.Contains("content-type") || !names.Contains("host"))
            throw Failure("SignedHeaders must include content-type and host");
        if (signature.Length != 64 || !signature.All(Uri.IsHexDigit))
            throw Failure("the Signature must be 64 hexadecimal characters");

        return new AuthorizationHeader(scope[0], scope[1], scope[2], names, signedHeaders, signature.ToLowerInvariant());
    }

    private static ApiException Failure(string why) => new("AuthFailure.SignatureFailure", $"The provided credentials could not be validated: {why}.");
}
