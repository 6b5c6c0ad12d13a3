using Gateway.Http;

namespace Gateway.Schemas;

/// <summary>What to do with a batch in which some records do not match the schema.</summary>
internal enum ValidationMode
{
    /// <summary>Produce nothing and answer 422 (the default).</summary>
    Atomic,

    /// <summary>Produce the valid records; the invalid ones get errors in <c>offsets[]</c>.</summary>
    Partial,
}

internal static class ValidationModes
{
    /// <summary>The query parameter that picks the mode: <c>?validation=partial</c>.</summary>
    public const string QueryParameter = "validation";

    /// <summary>The header that picks the mode, for clients that cannot change the URL.</summary>
    public const string Header = "X-Gateway-Validation";

    public static (ValidationMode Mode, GatewayError? Error) From(HttpRequest request)
    {
        var asked = request.Query[QueryParameter].FirstOrDefault() ?? request.Headers[Header].FirstOrDefault();
        return asked?.ToLowerInvariant() switch
        {
            null or "" or "atomic" => (ValidationMode.Atomic, null),
            "partial" => (ValidationMode.Partial, null),
            _ => (ValidationMode.Atomic, ErrorCatalog.UnknownValidationMode(asked)),
        };
    }
}
