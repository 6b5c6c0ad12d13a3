using System.Runtime.CompilerServices;
using Gateway.Registry.Formats;

namespace Gateway.Serdes;

/// <summary>
/// AVRO: JSON in Avro's JSON encoding (as kafka-rest accepts it, plus plain values for unambiguous unions and omitted
/// fields with defaults) to the Avro binary encoding, byte for byte what Confluent's Avro serializer writes for the same
/// data, and back as kafka-rest's consumer renders it.
/// </summary>
internal sealed class AvroSerde : ISchemaSerde
{
    private static readonly ConditionalWeakTable<ParsedSchema, AvroNode> Compiled = new();

    [ThreadStatic]
    private static AvroJsonEncoder? t_encoder;

    public SchemaType Type => SchemaType.Avro;

    public bool FromJson(ParsedSchema schema, ReadOnlyMemory<byte> json, PayloadWriter output, ViolationSink violations, string? messageType = null)
    {
        var root = CompiledOf(schema);
        if (JsonValues.Parse(json, violations) is not { } document)
        {
            return false;
        }

        using (document)
        {
            try
            {
                return (t_encoder ??= new AvroJsonEncoder()).Encode(root, document.RootElement, output, violations, defaults: false);
            }
            catch (InvalidOperationException e)
            {
                return JsonValues.Unreadable(violations, e);
            }
        }
    }

    public (byte[]? Json, WireProblem? Problem) ToJson(ParsedSchema schema, ReadOnlySpan<byte> payload)
    {
        var root = CompiledOf(schema);
        var buffer = new PayloadWriter(payload.Length * 2 + 16);
        var offset = 0;
        try
        {
            AvroRenderer.Render(root, payload, ref offset, new JsonOutput(buffer));
        }
        catch (InvalidDataException e)
        {
            return (null, new WireProblem($"the bytes are not Avro data of the schema: {e.Message}"));
        }

        if (offset != payload.Length)
        {
            return (null, new WireProblem($"the bytes are not Avro data of the schema: {payload.Length - offset} bytes are left after the value"));
        }

        return (buffer.ToArray(), null);
    }

    private static AvroNode CompiledOf(ParsedSchema schema) =>
        Compiled.GetValue(schema, s => AvroCompiler.Compile(((AvroParsedSchema)s).Schema));
}
