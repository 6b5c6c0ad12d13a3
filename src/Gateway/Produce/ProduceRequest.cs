using Gateway.Http;
using Gateway.Kafka;
using Gateway.Schemas;

namespace Gateway.Produce;

/// <summary>A parsed produce request: where it goes, in which format, how to validate, and its records.</summary>
internal sealed record ProduceRequest(
    string Topic, int? PathPartition, EmbeddedFormat Format, ValidationMode Mode, SchemaBinding? Binding, List<ProduceRecord> Records)
{
    /// <summary>What the values are checked against when the binding names a registry subject; the binding's file when null.</summary>
    public ValueSchema? Schema { get; init; }
}

/// <summary>
/// How a request left the flow before Kafka answered: refused with nothing produced, rejected by its
/// schema in atomic mode (rejects possibly written to a dead-letter topic), or accepted and on its way.
/// </summary>
internal sealed record FlowStart(GatewayError? Refusal, SchemaCheck? Rejection, DeliveryOutcome[]? RejectionDeadLetters, Task<FlowResult>? Pending)
{
    public static FlowStart Refused(GatewayError error) => new(error, null, null, null);

    public static FlowStart Rejected(SchemaCheck check, DeliveryOutcome[]? deadLetters) => new(null, check, deadLetters, null);

    public static FlowStart Accepted(Task<FlowResult> pending) => new(null, null, null, pending);
}

/// <summary>
/// What Kafka said, one outcome per record of the request in order; in partial mode the schema check
/// says which records were not produced, and where their dead letters went.
/// </summary>
internal sealed record FlowResult(DeliveryOutcome[] Outcomes, SchemaCheck? Check, DeliveryOutcome[]? DeadLetters);
