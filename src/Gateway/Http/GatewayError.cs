namespace Gateway.Http;

/// <summary>
/// A failure answered to the client in kafka-rest's envelope: the HTTP status, kafka-rest's
/// <c>error_code</c> and a message for a person.
/// </summary>
internal sealed record GatewayError(int Status, int Code, string Message)
{
    /// <summary>Seconds the client should wait before trying again, when the failure is temporary.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>The schema violations behind the failure, each with its record and JSON Pointer; null when it has none.</summary>
    public IReadOnlyList<SchemaViolation>? Violations { get; init; }
}
