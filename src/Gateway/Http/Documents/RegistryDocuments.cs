using System.Text.Json.Serialization;

namespace Gateway.Http;

/// <summary>A schema's reference to another registered schema, as Confluent's registry writes it.</summary>
internal sealed record RegistryReferenceDocument(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("version")] int Version);

/// <summary>A subject version: <c>GET /subjects/{s}/versions/{v}</c>, the lookup <c>POST /subjects/{s}</c>, and <c>GET /schemas</c> items.
/// <c>schemaType</c> is left out for AVRO, as Confluent's registry left it out up to 7.9 and Karapace does.</summary>
internal sealed record RegistrySchemaDocument(
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("schemaType"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SchemaType,
    [property: JsonPropertyName("references"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<RegistryReferenceDocument>? References,
    [property: JsonPropertyName("schema")] string Schema);

/// <summary><c>GET /schemas/ids/{id}</c>.</summary>
internal sealed record RegistrySchemaByIdDocument(
    [property: JsonPropertyName("schemaType"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SchemaType,
    [property: JsonPropertyName("schema")] string Schema,
    [property: JsonPropertyName("references"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<RegistryReferenceDocument>? References,
    [property: JsonPropertyName("maxId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? MaxId);

/// <summary><c>POST /subjects/{s}/versions</c>: the schema's global id.</summary>
internal sealed record RegistryIdDocument([property: JsonPropertyName("id")] int Id);

/// <summary><c>GET /schemas/ids/{id}/versions</c> items.</summary>
internal sealed record RegistrySubjectVersionDocument(
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("version")] int Version);

/// <summary><c>GET /config</c> and <c>GET /config/{s}</c>.</summary>
internal sealed record RegistryConfigDocument([property: JsonPropertyName("compatibilityLevel")] string CompatibilityLevel);

/// <summary><c>PUT /config</c> and <c>PUT /config/{s}</c>: the body and the answer.</summary>
internal sealed record RegistryConfigUpdateDocument([property: JsonPropertyName("compatibility")] string Compatibility);

/// <summary><c>POST /compatibility/subjects/{s}/versions/{v}</c>; <c>messages</c> only with <c>?verbose=true</c>.</summary>
internal sealed record RegistryCompatibilityDocument(
    [property: JsonPropertyName("is_compatible")] bool IsCompatible,
    [property: JsonPropertyName("messages"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Messages);

/// <summary><c>GET /mode</c>, <c>PUT /mode</c>.</summary>
internal sealed record RegistryModeDocument([property: JsonPropertyName("mode")] string Mode);
