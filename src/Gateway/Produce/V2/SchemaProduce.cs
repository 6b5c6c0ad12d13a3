using Gateway.Http;
using Gateway.Kafka;
using Gateway.Produce.SchemaRecords;
using Gateway.Registry;
using Gateway.Registry.Formats;
using Gateway.Schemas;
using Gateway.Security;
using Gateway.Serdes;

namespace Gateway.Produce.V2;

/// <summary>
/// v2 produce in the avro, jsonschema and protobuf formats, as kafka-rest's <c>produceWithSchema</c>: the request's key
/// schema and value schema looked up once (by <c>*_schema_id</c> or a raw <c>*_schema</c>, under the topic's subject
/// or the binding's), then every record's key and value written in Confluent's wire format. A key (value) with data
/// but no key (value) schema is 42201 (42202); JSON that does not fit its schema is kafka-rest's 400, here with every
/// violation of every record; nothing is produced unless every record fits.
/// </summary>
internal sealed class SchemaProduce(SchemaLookup lookup, TopicSchemas schemas)
{
    private static readonly byte[] Null = "null"u8.ToArray();

    /// <summary>Replaces each record's JSON key and value by its bytes; the ids of the schemas used, or why nothing can be produced.</summary>
    public async ValueTask<(int? KeySchemaId, int? ValueSchemaId, GatewayError? Error)> SerializeAsync(
        string topic, EmbeddedFormat format, SchemaBinding? binding, SchemaFields fields, List<ProduceRecord> records, Caller? caller)
    {
        if (binding is { IsSubjectBound: false })
        {
            return (null, null, ErrorCatalog.FileBoundTopic(topic, binding.Name, binding.SchemaFile));
        }

        if (binding is not null && fields.ValueSchemaId is null && fields.ValueSchema is null)
        {
            // A bound topic's values match its subject, null ones too: the request says which schema they are written under.
            return (null, null, ErrorCatalog.BoundValueSchemaMissing(topic, binding.Name, binding.Describe()));
        }

        var type = format switch
        {
            EmbeddedFormat.Avro => SchemaType.Avro,
            EmbeddedFormat.JsonSchema => SchemaType.Json,
            _ => SchemaType.Protobuf,
        };
        var (key, keyError) = await SchemaOfAsync(topic, format, type, isKey: true, fields.KeySchemaId, fields.KeySchema, null, caller);
        if (keyError is not null)
        {
            return (null, null, keyError);
        }

        var (value, valueError) = await SchemaOfAsync(topic, format, type, isKey: false, fields.ValueSchemaId, fields.ValueSchema, binding, caller);
        if (valueError is not null)
        {
            return (null, null, valueError);
        }

        foreach (var record in records)
        {
            if (record.Key is not null && key is null)
            {
                return (null, null, ErrorCatalog.KeySchemaMissing());
            }

            if (record.Value is not null && value is null)
            {
                return (null, null, ErrorCatalog.ValueSchemaMissing());
            }
        }

        return Write(format, key, value, binding is not null, records) is { } misfit ? (null, null, misfit) : (key?.Id, value?.Id, null);
    }

    /// <summary>kafka-rest looks a schema up only when the request names one (an id or a raw schema).</summary>
    private async ValueTask<(RegisteredSchema? Schema, GatewayError? Error)> SchemaOfAsync(
        string topic, EmbeddedFormat format, SchemaType type, bool isKey, int? id, string? raw, SchemaBinding? binding, Caller? caller)
    {
        if (id is null && raw is null)
        {
            return (null, null);
        }

        if (id is not null && raw is not null)
        {
            return (null, ErrorCatalog.SchemaAndSchemaId(isKey ? "key" : "value"));
        }

        var request = new SchemaRequest(topic, isKey) { Id = id, Raw = raw, RawFormat = raw is null ? null : type };
        var (schema, error) = await lookup.GetAsync(request, binding, caller);
        return schema is not null && schema.Type != type
            ? (null, ErrorCatalog.SchemaOfOtherFormat(schema.Id, schema.Type.ToFormatName(), format.MediaName()))
            : (schema, error);
    }

    /// <summary>
    /// Every record's key and value in the wire format; null when all fit, else the 400 with every violation. A null key
    /// or value is a Kafka null, as in kafka-rest, except a value on a bound topic: it must fit the subject's schema too.
    /// </summary>
    private GatewayError? Write(EmbeddedFormat format, RegisteredSchema? key, RegisteredSchema? value, bool bound, List<ProduceRecord> records)
    {
        var violations = new List<SchemaViolation>();
        var sink = new ViolationSink(violations, schemas.Options.MaxErrors);
        var invalid = 0;
        for (var i = 0; i < records.Count; i++)
        {
            sink.Record = i;
            var record = records[i];
            sink.Field = "key";
            var keyBytes = key is null || record.Key is null ? null : SchemaSerdes.Serialize(key.Id, key.Parsed, record.Key, sink);
            sink.Field = null;
            var valueBytes = value is null || (record.Value is null && !bound) ? null : SchemaSerdes.Serialize(value.Id, value.Parsed, record.Value ?? Null, sink);
            if ((keyBytes is null && key is not null && record.Key is not null) || (valueBytes is null && value is not null && (record.Value is not null || bound)))
            {
                invalid++;
                continue;
            }

            records[i] = record with { Key = keyBytes, Value = valueBytes };
        }

        return invalid == 0 ? null : ErrorCatalog.RecordsDoNotFitSchema(format.MediaName(), invalid, records.Count, violations);
    }
}
