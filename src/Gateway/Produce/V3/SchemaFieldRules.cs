using Gateway.Http;

namespace Gateway.Produce.V3;

/// <summary>kafka-rest's rules for the schema fields of a key or value (<c>ProduceRequestData</c>'s checks), each a 400.</summary>
internal static class SchemaFieldRules
{
    public static bool RequiresSchema(string? type) => type is "AVRO" or "JSONSCHEMA" or "PROTOBUF";

    public static GatewayError? Check(RecordData data)
    {
        if (data.SubjectNameStrategy is not null && data.Subject is not null)
        {
            return Broken("Only one of 'subject_name_strategy' or 'subject' can be used.");
        }

        var oneSchema = data.SchemaId is not null
            ? data.SchemaVersion is null && data.Schema is null
            : data.SchemaVersion is null || data.Schema is null;
        if (!oneSchema)
        {
            return Broken("Only one of 'schema_id', 'schema_version' or 'schema' can be used.");
        }

        if (data.Type is not { } type)
        {
            return null;
        }

        if (RequiresSchema(type))
        {
            return data switch
            {
                { SchemaId: { } id } => Broken($"'schema_id={id}' cannot be used with 'serializer'."),
                { SchemaVersion: { } version } => Broken($"'schema_version={version}' cannot be used with 'serializer'."),
                { Schema: null } => Broken("'schema_version=latest' cannot be used with 'serializer'."),
                _ => null,
            };
        }

        return data switch
        {
            { SubjectNameStrategy: not null } => Broken($"'type={type}' cannot be used with 'subject_strategy'."),
            { Subject: not null } => Broken($"'type={type}' cannot be used with 'subject'."),
            { SchemaId: not null } => Broken($"'type={type}' cannot be used with 'schema_id'."),
            { SchemaVersion: not null } => Broken($"'type={type}' cannot be used with 'schema_version'."),
            { Schema: not null } => Broken($"'type={type}' cannot be used with 'schema'."),
            _ => null,
        };
    }

    private static GatewayError Broken(string rule) => new(400, 400, rule);
}
