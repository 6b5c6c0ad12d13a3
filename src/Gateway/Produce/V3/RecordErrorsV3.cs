using Gateway.Http;

namespace Gateway.Produce.V3;

/// <summary>
/// Every per-record failure of v3 produce that is not a parse or serialization error, defined once.
/// Codes follow kafka-rest's per-record convention: the HTTP-like status, or kafka-rest's own code.
/// </summary>
internal static class RecordErrorsV3
{
    /// <summary>The record's acknowledgement outlived the deadline: it may still be written.</summary>
    public const int OutcomeUnknownCode = 50401;

    public static GatewayError PartitionNotFound() => new(404, 40402, "Partition not found.");

    /// <summary>kafka-rest's words (<c>RateLimitExceededException</c>); the answer adds when to retry.</summary>
    public static GatewayError RateLimited(int retryAfterMs) =>
        new(429, 429, "Request rate limit exceeded: The rate limit of requests per second has been exceeded.") { RetryAfterSeconds = Math.Max(1, (retryAfterMs + 999) / 1000) };

    public static GatewayError NoRoom() =>
        new(429, 429, "The gateway is at its limit of records waiting for Kafka; this record was not produced. Send it again after retry_after_seconds.") { RetryAfterSeconds = 1 };

    public static GatewayError OutcomeUnknown(int deadlineMs) =>
        new(504, OutcomeUnknownCode, $"Kafka has not answered within {deadlineMs} ms. This record may still be written: the outcome is unknown. Send it alone with an Idempotency-Key to learn the outcome without producing it twice.");

    /// <summary>kafka-rest's answer once <c>streaming.connection.max.duration.ms</c> has passed.</summary>
    public static GatewayError StreamTooLong() =>
        new(408, 408, "Streaming connection open for longer than allowed: Connection will be closed.");

    /// <summary>kafka-rest's words for an over-size record; the gateway skips it and reads on.</summary>
    public static GatewayError TooLarge(int limit) =>
        new(400, 400, $"Bad Request: Error processing message: Produce request size is larger than allowed threshold ({limit} bytes)");

    public static GatewayError Truncated() =>
        new(400, 400, "Error processing message: Unexpected end-of-input: the body ended inside a record.");

    /// <summary>
    /// A schema lookup's or conversion's failure as kafka-rest's stream answers it: 42xxx codes as 422 with
    /// <c>Error: &lt;code&gt; : &lt;message&gt;</c>, others with their code; the message cut at its first line.
    /// </summary>
    public static GatewayError OfSchema(GatewayError error)
    {
        var firstLine = error.Message.Split('\n')[0].Trim();
        return error.Code is >= 42200 and < 42300
            ? new(422, 422, $"Error: {error.Code} : {firstLine}") { Violations = error.Violations }
            : error with { Message = firstLine };
    }

    public static GatewayError SchemaMismatch(string topic, string binding, string first) =>
        new(422, 422, $"Error: {ErrorCatalog.SchemaMismatchCode} : The value does not match the schema bound to topic {topic} ({binding}): {first}");
}
