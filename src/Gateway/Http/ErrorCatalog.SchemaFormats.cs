namespace Gateway.Http;

/// <summary>
/// Failures of records in the avro, jsonschema and protobuf formats and of topics bound to registry subjects. The codes
/// and words are kafka-rest's where it has them (<c>Errors.java</c>, <c>SchemaManagerImpl</c>, <c>SchemaRecordSerializerImpl</c>);
/// a binding's refusals are 42210, the code of records that do not match their topic's schema.
/// </summary>
internal static partial class ErrorCatalog
{
    public static GatewayError KeySchemaMissing() =>
        new(422, 42201, "Request includes keys but does not include key schema");

    public static GatewayError ValueSchemaMissing() =>
        new(422, 42202, "Request includes values but does not include value schema");

    public static GatewayError InvalidRawSchema(string format, string schema) =>
        new(422, 42205, $"Invalid schema: Error when parsing raw schema. format = {format}, schema = {schema}");

    /// <summary>
    /// kafka-rest's answer when the registry refuses or fails a lookup or registration: 42207 with what was asked, then
    /// the registry's message and code on the next line (v3 answers show the first line); 403 / 40301 when it refuses access.
    /// </summary>
    public static GatewayError SchemaRegistryFailed(string asked, GatewayError registry) => registry.Code == 40301
        ? new(403, 40301, $"{asked}\n{registry.Message}")
        : new(422, 42207, $"Error serializing message. {asked}\n{registry.Message}; error code: {registry.Code}");

    public static GatewayError SchemaVersionNotFound(string subject, int version) =>
        new(400, 400, $"Bad Request: Schema does not exist for subject: {subject}, version: {version}");

    public static GatewayError SubjectStrategyNeedsSchema(string strategy) =>
        new(400, 400, $"Bad Request: Cannot use schema_subject_strategy={strategy} without schema_id or schema.");

    public static GatewayError SchemaAndSchemaId(string part) =>
        new(400, 400, $"Bad Request: Only one of '{part}_schema_id' or '{part}_schema' can be used.");

    public static GatewayError SchemaOfOtherFormat(int id, string schemaType, string format) =>
        new(400, 400, $"Bad Request: schema {id} is a {schemaType} schema; the {format} format writes under {format.ToUpperInvariant()} schemas only.");

    /// <summary>Records whose JSON does not fit their schema: kafka-rest's 400, with every violation of every record.</summary>
    public static GatewayError RecordsDoNotFitSchema(string format, int invalid, int total, IReadOnlyList<SchemaViolation> violations) =>
        new(400, 400, $"Bad Request: {invalid} of {total} records cannot be written in the {format} format; nothing was produced. First: {(violations.Count > 0 ? violations[0].Describe() : "(past the reported limit)")}")
        {
            Violations = violations,
        };

    /// <summary>One v3 record whose JSON does not fit its schema: kafka-rest's 400, with every violation.</summary>
    public static GatewayError RecordDoesNotFitSchema(string format, IReadOnlyList<SchemaViolation> violations) =>
        new(400, 400, violations.Count == 0
            ? $"Bad Request: the data cannot be written in the {format} format."
            : $"Bad Request: the {violations[0].Field ?? "value"} cannot be written in the {format} format: '{violations[0].Pointer}': {violations[0].Keyword}: {violations[0].Message}")
        {
            Violations = violations,
        };

    public static GatewayError SchemaIdNotBound(string topic, string binding, int id, string allowed) =>
        new(422, SchemaMismatchCode, $"Schema {id} is not one topic {topic}'s binding ({binding}) allows: it takes {allowed}.");

    public static GatewayError FormatNotBound(string topic, string binding, string subject, string type, string use) =>
        new(422, SchemaMismatchCode, $"Topic {topic} is bound to the {type} schema of subject {subject} ({binding}): produce its values {use}.");

    public static GatewayError BoundValueSchemaMissing(string topic, string binding, string takes) =>
        new(422, SchemaMismatchCode, $"Topic {topic} is bound to {takes} ({binding}): name the value schema with value_schema_id (or value_schema).");

    public static GatewayError FileBoundTopic(string topic, string binding, string file) =>
        new(422, SchemaMismatchCode, $"Topic {topic} is bound to the JSON Schema file {file} ({binding}), not to a registry subject: produce its values in the json or binary format.");

    public static GatewayError NotRegisteredUnderBinding(string topic, string binding, string subject) =>
        new(422, SchemaMismatchCode, $"The value schema is not registered under subject {subject}, which topic {topic}'s binding ({binding}) names; register it through the schema registry first.");
}
