using Gateway.Registry;
using Gateway.Registry.Formats;
using Gateway.Serdes;

namespace Gateway.Consume.Decoding;

/// <summary>
/// kafka-rest's avro, jsonschema and protobuf formats: the bytes in Confluent's wire format, their schema looked up by
/// the id they name, shown as kafka-rest's converters show them (Avro's JSON encoding, the JSON, Protobuf's JSON
/// mapping). Bytes not in the wire format, an unknown id, or a schema of another format are the record's problem.
/// </summary>
internal sealed class SchemaDecoder(RecordFormat format, SchemaCache cache) : IRecordDecoder
{
    public RecordFormat Format => format;

    private readonly SchemaType _type = format switch
    {
        RecordFormat.Avro => SchemaType.Avro,
        RecordFormat.JsonSchema => SchemaType.Json,
        _ => SchemaType.Protobuf,
    };

    public DecodedValue Decode(string topic, byte[] data)
    {
        if (SchemaSerdes.TryReadSchemaId(data, out var id) is { } notFramed)
        {
            return DecodedValue.Failed(notFramed.Message);
        }

        // Decoding runs on the instance's own thread, never a request's; an id names one schema for the life of the
        // process, so the registry is asked once per id and every later record is answered from memory.
        var lookup = cache.ByIdAsync(id);
        var (schema, error) = lookup.IsCompletedSuccessfully ? lookup.Result : lookup.AsTask().GetAwaiter().GetResult();
        if (schema is null)
        {
            return DecodedValue.Failed($"schema {id}, which the record names, could not be fetched from the schema registry: {error!.Message} (error code {error.Code})");
        }

        if (schema.Type != _type)
        {
            return DecodedValue.Failed($"the record names schema {id}, a {schema.Type.ToWireName()} schema, not a {_type.ToWireName()} one");
        }

        var (json, problem) = SchemaSerdes.Deserialize(data, schema.Parsed);
        return json is null ? DecodedValue.Failed($"the bytes do not fit schema {id}: {problem!.Message}") : DecodedValue.Of(json);
    }
}
