using System.Text;
using System.Text.Json;

namespace Gateway.Serdes;

/// <summary>The well-known types' JSON forms, as Java's <c>JsonFormat</c> reads them.</summary>
internal sealed partial class ProtoJsonEncoder
{
    private void WriteWellKnown(ProtoMessage message, JsonElement value, int depth)
    {
        switch (message.WellKnown)
        {
            case WellKnownType.Timestamp:
            case WellKnownType.Duration:
                var timestamp = message.WellKnown == WellKnownType.Timestamp;
                if (value.ValueKind != JsonValueKind.String)
                {
                    Mismatch(timestamp ? "an RFC 3339 timestamp string" : "a duration string such as \"1.5s\"", value);
                    return;
                }

                var text = value.GetString()!;
                var parsed = timestamp ? ProtoTime.ParseTimestamp(text) : ProtoTime.ParseDuration(text);
                if (parsed is not var (seconds, nanos))
                {
                    Fail("format", timestamp
                        ? $"'{text}' is not an RFC 3339 timestamp between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999999Z"
                        : $"'{text}' is not a duration such as \"1.5s\" within ±315576000000 seconds");
                    return;
                }

                if (seconds != 0)
                {
                    Tag(1, ProtoScalars.Varint);
                    _output.WriteVarint((ulong)seconds);
                }

                if (nanos != 0)
                {
                    Tag(2, ProtoScalars.Varint);
                    _output.WriteVarint((ulong)(long)nanos);
                }

                return;
            case WellKnownType.FieldMask:
                if (value.ValueKind != JsonValueKind.String)
                {
                    Mismatch("a field mask string such as \"user.displayName,photo\"", value);
                    return;
                }

                foreach (var path in value.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    var bytes = Encoding.UTF8.GetBytes(ProtoNames.ToSnakeCase(path));
                    Tag(1, ProtoScalars.LengthDelimited);
                    _output.WriteVarint((ulong)bytes.Length);
                    _output.Write(bytes);
                }

                return;
            case WellKnownType.Struct:
                WriteStruct(message, value, depth);
                return;
            case WellKnownType.ListValue:
                WriteList(message, value, depth);
                return;
            case WellKnownType.Value:
                WriteValue(message, value, depth);
                return;
            case WellKnownType.Any:
                Fail("unsupported", "google.protobuf.Any is not supported: kafka-rest's JSON parser has no type registry to resolve its @type");
                return;
            default:
                // The wrappers: the JSON value is the wrapped field's.
                WriteSingle(message.Fields[0], value, message.Fields[0].Presence, depth);
                return;
        }
    }

    private void WriteStruct(ProtoMessage message, JsonElement value, int depth)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            Mismatch("an object (google.protobuf.Struct)", value);
            return;
        }

        WriteMap(message.Fields[0], value, depth);
    }

    private void WriteList(ProtoMessage message, JsonElement value, int depth)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            Mismatch("an array (google.protobuf.ListValue)", value);
            return;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            _path.Push(index++);
            WriteSingle(message.Fields[0], item, force: true, depth);
            _path.Pop();
        }
    }

    // google.protobuf.Value: a oneof of null_value (1), number_value (2), string_value (3), bool_value (4),
    // struct_value (5) and list_value (6), written even at its default since a oneof member has presence.
    private void WriteValue(ProtoMessage message, JsonElement value, int depth)
    {
        var fields = message.Fields;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                Tag(1, ProtoScalars.Varint);
                _output.WriteByte(0);
                return;
            case JsonValueKind.Number:
                Tag(2, ProtoScalars.Fixed64);
                _output.WriteUInt64LittleEndian(BitConverter.DoubleToUInt64Bits(value.GetDouble()));
                return;
            case JsonValueKind.String:
                WriteSingle(fields[2], value, force: true, depth);
                return;
            case JsonValueKind.True:
            case JsonValueKind.False:
                WriteSingle(fields[3], value, force: true, depth);
                return;
            case JsonValueKind.Object:
                WriteSingle(fields[4], value, force: true, depth);
                return;
            case JsonValueKind.Array:
                WriteSingle(fields[5], value, force: true, depth);
                return;
        }
    }
}
