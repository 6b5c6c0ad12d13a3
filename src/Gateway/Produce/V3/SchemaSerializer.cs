using Gateway.Http;
using Gateway.Produce.SchemaRecords;
using Gateway.Registry.Formats;
using Gateway.Schemas;
using Gateway.Serdes;

namespace Gateway.Produce.V3;

/// <summary>
/// AVRO, JSONSCHEMA and PROTOBUF keys and values (with a raw <c>schema</c>), and those with no type (a lookup by
/// <c>schema_id</c>, <c>schema_version</c> or the subject's latest), as kafka-rest's v3 produce writes them: the schema
/// found by <see cref="SchemaLookup"/>, the data in Confluent's wire format, and the subject, id and version in the
/// answer. JSON that does not fit is kafka-rest's 400, with every violation.
/// </summary>
internal sealed class SchemaSerializer(SchemaLookup lookup, TopicSchemas schemas) : IRecordDataSerializer
{
    public bool Handles(string? type) => type is null || SchemaFieldRules.RequiresSchema(type);

    public async ValueTask<SerializedData> SerializeAsync(ProduceTarget target, RecordData data, bool isKey)
    {
        var request = new SchemaRequest(target.Topic, isKey)
        {
            Id = data.SchemaId,
            Version = data.SchemaVersion,
            Raw = data.Schema,
            RawFormat = data.Type switch
            {
                "AVRO" => SchemaType.Avro,
                "JSONSCHEMA" => SchemaType.Json,
                "PROTOBUF" => SchemaType.Protobuf,
                _ => null,
            },
            Subject = data.Subject,
            Strategy = SubjectNames.Parse(data.SubjectNameStrategy),
        };
        var (schema, error) = await lookup.GetAsync(request, target.Binding, target.Principal);
        if (schema is null)
        {
            return SerializedData.Failed(RecordErrorsV3.OfSchema(error!));
        }

        var violations = new List<SchemaViolation>();
        var sink = new ViolationSink(violations, schemas.Options.MaxErrors) { Field = isKey ? "key" : null };
        var bytes = SchemaSerdes.Serialize(schema.Id, schema.Parsed, data.Compact, sink);
        if (bytes is null)
        {
            return SerializedData.Failed(ErrorCatalog.RecordDoesNotFitSchema(schema.Type.ToFormatName(), violations));
        }

        return new SerializedData(bytes, null) { Subject = schema.Subject, SchemaId = schema.Id, SchemaVersion = schema.Version, Type = schema.Type };
    }
}
