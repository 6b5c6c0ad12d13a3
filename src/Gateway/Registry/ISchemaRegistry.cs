using Gateway.Http;
using Gateway.Registry.Formats;

namespace Gateway.Registry;

/// <summary>
/// The schemas everything else in the gateway uses, the same whether the gateway serves its own registry (stored in
/// Kafka, answered from memory) or is a client of an external Confluent-API registry (<c>Registry:Url</c>, answered
/// through a cache). Every answer is a schema or the registry's error, with Confluent's codes (40401 subject, 40402
/// version, 40403 schema not found, 42201 invalid schema, 409 incompatible, 5000x registry unavailable).
/// <list type="bullet">
/// <item>kafka-rest v2 <c>value_schema_id</c> / <c>key_schema_id</c>: <see cref="GetByIdAsync"/>, then
/// <see cref="LookupAsync"/> under <c>&lt;topic&gt;-value</c> / <c>-key</c> to check the id is registered there.</item>
/// <item>v2 inline <c>value_schema</c>: <see cref="LookupOrRegisterAsync"/> under the topic's subject (kafka-rest
/// registers it even though its serializers run with auto-registration off).</item>
/// <item>v3 <c>schema_id</c>: <see cref="GetByIdAsync"/>; <c>schema_version</c> with <c>subject</c> (or the subject
/// from <c>subject_name_strategy</c>): <see cref="GetVersionAsync"/>; no schema fields: <see cref="GetLatestAsync"/>.</item>
/// <item>Consume: <see cref="GetByIdAsync"/> with the id in each record's Confluent framing.</item>
/// </list>
/// Answers carry the parsed schema (<see cref="RegisteredSchema.Parsed"/>), with its references resolved, ready for a serializer.
/// </summary>
internal interface ISchemaRegistry
{
    /// <summary>The schema with this global id (40403 when none).</summary>
    Task<(RegisteredSchema? Schema, GatewayError? Error)> GetByIdAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>The subject's version (40401 unknown subject, 40402 unknown version); soft-deleted versions are not found.</summary>
    Task<(RegisteredSchema? Schema, GatewayError? Error)> GetVersionAsync(string subject, int version, CancellationToken cancellationToken = default);

    /// <summary>The subject's latest version that is not deleted (40401 when it has none).</summary>
    Task<(RegisteredSchema? Schema, GatewayError? Error)> GetLatestAsync(string subject, CancellationToken cancellationToken = default);

    /// <summary>The version of the subject that holds this schema (40401 unknown subject, 40403 not registered there, 42201 invalid).</summary>
    Task<(RegisteredSchema? Schema, GatewayError? Error)> LookupAsync(string subject, SchemaDefinition schema, CancellationToken cancellationToken = default);

    /// <summary>The schema's version under the subject, registering it first when it is not there (409 when incompatible).</summary>
    Task<(RegisteredSchema? Schema, GatewayError? Error)> LookupOrRegisterAsync(string subject, SchemaDefinition schema, CancellationToken cancellationToken = default);
}

/// <summary>A schema as a client gives it: its format, its text and the registered schemas it references.</summary>
internal sealed record SchemaDefinition(SchemaType Type, string Text, IReadOnlyList<SchemaReference> References);

/// <summary>A registered schema: global id, format, text as the registry stores it, references and the parsed form;
/// <see cref="Subject"/> and <see cref="Version"/> when the answer is about a subject version.</summary>
internal sealed record RegisteredSchema(int Id, SchemaType Type, string Text, IReadOnlyList<SchemaReference> References, ParsedSchema Parsed)
{
    public string? Subject { get; init; }

    public int? Version { get; init; }
}
