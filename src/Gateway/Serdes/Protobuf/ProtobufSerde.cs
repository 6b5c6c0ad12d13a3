using System.Runtime.CompilerServices;
using Gateway.Registry.Formats;

namespace Gateway.Serdes;

/// <summary>
/// PROTOBUF: JSON in the proto3 JSON mapping to a message type of the schema (the first when none is named, as
/// Confluent's serializer picks it) as its message-index path and Protobuf binary encoding, and back as kafka-rest's
/// consumer renders it.
/// </summary>
internal sealed class ProtobufSerde : ISchemaSerde
{
    private static readonly ConditionalWeakTable<ParsedSchema, ProtoSchema> Compiled = new();

    [ThreadStatic]
    private static ProtoJsonEncoder? t_encoder;

    public SchemaType Type => SchemaType.Protobuf;

    public bool FromJson(ParsedSchema schema, ReadOnlyMemory<byte> json, PayloadWriter output, ViolationSink violations, string? messageType = null)
    {
        var compiled = CompiledOf(schema);
        var type = messageType is null ? (compiled.Types.Count > 0 ? compiled.Types[0] : null) : compiled.ByName(messageType);
        if (type is not var (path, message))
        {
            violations.Add("", "messageType", messageType is null
                ? "the schema declares no message type"
                : $"the schema has no message type '{messageType}'; it has {string.Join(", ", compiled.Types.Select(t => t.Message.FullName))}");
            return false;
        }

        if (JsonValues.Parse(json, violations) is not { } document)
        {
            return false;
        }

        using (document)
        {
            ConfluentWire.WriteIndexPath(output, path);
            try
            {
                return (t_encoder ??= new ProtoJsonEncoder()).Encode(message, document.RootElement, output, violations);
            }
            catch (InvalidOperationException e)
            {
                return JsonValues.Unreadable(violations, e);
            }
        }
    }

    public (byte[]? Json, WireProblem? Problem) ToJson(ParsedSchema schema, ReadOnlySpan<byte> payload)
    {
        var compiled = CompiledOf(schema);
        if (ConfluentWire.TryReadIndexPath(payload, out var path, out var consumed) is { } problem)
        {
            return (null, problem);
        }

        if (compiled.ByPath(path) is not { } message)
        {
            return (null, new WireProblem($"the message-index path [{string.Join(", ", path)}] names no message type of the schema"));
        }

        var buffer = new PayloadWriter(payload.Length * 2 + 16);
        try
        {
            ProtoRenderer.Render(message, payload[consumed..], new JsonOutput(buffer));
        }
        catch (InvalidDataException e)
        {
            return (null, new WireProblem($"the bytes are not a Protobuf {message.FullName}: {e.Message}"));
        }

        return (buffer.ToArray(), null);
    }

    private static ProtoSchema CompiledOf(ParsedSchema schema) =>
        Compiled.GetValue(schema, s => ProtoSchema.Compile((ProtobufParsedSchema)s));
}
