using System.Buffers;
using System.Text.Json;
using Kind = Google.Protobuf.Reflection.FieldDescriptorProto.Type;

namespace Gateway.Serdes;

/// <summary>
/// Writes a JSON value in the proto3 JSON mapping as the Protobuf binary encoding of a message type, reporting every way
/// it fails: members by JSON name or .proto name, enums by name or number, 64-bit integers as strings or numbers, bytes
/// in base64, the well-known types' own JSON forms, unknown members refused. Fields are written in field-number order,
/// proto3 scalars at their default left out, as Java's DynamicMessage (kafka-rest's) writes them. One encoder serves one
/// thread.
/// </summary>
internal sealed partial class ProtoJsonEncoder
{
    private const int MaxDepth = 100;

    private readonly PointerPath _path = new();
    private PayloadWriter _output = null!;
    private ViolationSink _sink = null!;
    private bool _failed;

    public bool Encode(ProtoMessage message, JsonElement value, PayloadWriter output, ViolationSink sink)
    {
        _path.Clear();
        _output = output;
        _sink = sink;
        _failed = false;
        WriteMessage(message, value, 0);
        return !_failed;
    }

    private bool Stopped => _failed && _sink.Full;

    private void WriteMessage(ProtoMessage message, JsonElement value, int depth)
    {
        if (depth > MaxDepth)
        {
            Fail("depth", $"messages nest more than {MaxDepth} levels deep");
            return;
        }

        if (message.WellKnown != WellKnownType.None)
        {
            WriteWellKnown(message, value, depth);
            return;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Mismatch($"message {message.FullName} (an object)", value);
            return;
        }

        var fields = message.Fields;
        var slots = ArrayPool<JsonElement>.Shared.Rent(fields.Length);
        Span<byte> seen = fields.Length <= 256 ? stackalloc byte[fields.Length] : new byte[fields.Length];
        seen.Clear();
        Span<int> oneofs = message.Oneofs.Length <= 64 ? stackalloc int[message.Oneofs.Length] : new int[message.Oneofs.Length];
        oneofs.Fill(-1);
        try
        {
            foreach (var member in value.EnumerateObject())
            {
                var index = message.FieldIndex(member);
                if (index < 0)
                {
                    Fail(_path.Pointer(member.Name), "unknown", $"message {message.FullName} has no field '{member.Name}'");
                    continue;
                }

                var field = fields[index];
                if (seen[index] != 0)
                {
                    Fail(_path.Pointer(member.Name), "duplicate", $"field '{field.Name}' appears more than once");
                    continue;
                }

                if (member.Value.ValueKind == JsonValueKind.Null && !TakesNull(field))
                {
                    // As Java's parser, null leaves a field unset.
                    seen[index] = 3;
                    continue;
                }

                if (field.Oneof >= 0)
                {
                    if (oneofs[field.Oneof] >= 0)
                    {
                        Fail(_path.Pointer(member.Name), "oneof",
                            $"'{fields[oneofs[field.Oneof]].JsonName}' and '{field.JsonName}' are both set, but belong to oneof '{message.Oneofs[field.Oneof]}'");
                        continue;
                    }

                    oneofs[field.Oneof] = index;
                }

                seen[index] = member.NameEquals(field.JsonNameUtf8) ? (byte)1 : (byte)2;
                slots[index] = member.Value;
            }

            for (var i = 0; i < fields.Length && !Stopped; i++)
            {
                if (seen[i] is 1 or 2)
                {
                    _path.Push(seen[i] == 1 ? fields[i].JsonName : fields[i].Name);
                    WriteField(fields[i], slots[i], depth);
                    _path.Pop();
                }
            }
        }
        finally
        {
            ArrayPool<JsonElement>.Shared.Return(slots, clearArray: true);
        }
    }

    // google.protobuf.Value takes null as its null kind, NullValue fields as their only value.
    private static bool TakesNull(ProtoField field) =>
        !field.Repeated && (field.Message?.WellKnown == WellKnownType.Value || field.Enum is { IsNullValue: true });

    private void WriteField(ProtoField field, JsonElement value, int depth)
    {
        if (field.IsMap)
        {
            WriteMap(field, value, depth);
            return;
        }

        if (!field.Repeated)
        {
            WriteSingle(field, value, field.Presence, depth);
            return;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Mismatch("an array (the field is repeated)", value);
            return;
        }

        var packed = field.Packed && value.GetArrayLength() > 0;
        var start = 0;
        if (packed)
        {
            Tag(field.Number, ProtoScalars.LengthDelimited);
            start = _output.Length;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            _path.Push(index++);
            if (item.ValueKind == JsonValueKind.Null)
            {
                Fail("type", "a repeated field's items cannot be null");
            }
            else if (packed)
            {
                WriteScalar(field, item);
            }
            else
            {
                WriteSingle(field, item, force: true, depth);
            }

            _path.Pop();
            if (Stopped)
            {
                return;
            }
        }

        if (packed)
        {
            _output.PrefixLength(start);
        }
    }

    private void WriteSingle(ProtoField field, JsonElement value, bool force, int depth)
    {
        if (field.IsMessage)
        {
            Tag(field.Number, ProtoScalars.LengthDelimited);
            var start = _output.Length;
            WriteMessage(field.Message!, value, depth + 1);
            _output.PrefixLength(start);
            return;
        }

        var tagAt = _output.Length;
        Tag(field.Number, ProtoScalars.WireTypeOf(field.Type));
        if (WriteScalar(field, value) && !force)
        {
            _output.Truncate(tagAt);
        }
    }

    private void WriteMap(ProtoField field, JsonElement value, int depth)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            Mismatch("an object (the field is a map)", value);
            return;
        }

        var key = field.Message!.Fields[0];
        var entryValue = field.Message.Fields[1];
        foreach (var member in value.EnumerateObject())
        {
            _path.Push(member.Name);
            Tag(field.Number, ProtoScalars.LengthDelimited);
            var start = _output.Length;
            var tagAt = _output.Length;
            Tag(key.Number, ProtoScalars.WireTypeOf(key.Type));
            var text = JsonStrings.Utf8Name(member, out var rented);
            if (WriteScalarText(key, text, isString: true) && !key.Presence)
            {
                _output.Truncate(tagAt);
            }

            JsonStrings.Return(rented);
            if (member.Value.ValueKind == JsonValueKind.Null && !TakesNull(entryValue))
            {
                Fail("type", "a map's values cannot be null");
            }
            else
            {
                WriteSingle(entryValue, member.Value, entryValue.Presence, depth);
            }

            _output.PrefixLength(start);
            _path.Pop();
            if (Stopped)
            {
                return;
            }
        }
    }

    private static ReadOnlySpan<byte> RawNumber(JsonElement value, out byte[]? rented)
    {
        rented = null;
        return System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value);
    }

    private static string IntegerName(Kind type) => type switch
    {
        Kind.TypeInt32 or Kind.TypeSint32 or Kind.TypeSfixed32 => "a 32-bit integer",
        Kind.TypeUint32 or Kind.TypeFixed32 => "an unsigned 32-bit integer",
        Kind.TypeUint64 or Kind.TypeFixed64 => "an unsigned 64-bit integer",
        _ => "a 64-bit integer",
    };

    private void Tag(int number, int wireType) => _output.WriteVarint((ulong)(((uint)number << 3) | (uint)wireType));

    private void Mismatch(string expected, JsonElement value) => Fail("type", $"expected {expected}, found {JsonStrings.KindName(value)}");

    private void Fail(string keyword, string message) => Fail(null, keyword, message);

    private void Fail(string? pointer, string keyword, string message)
    {
        _failed = true;
        _sink.Add(pointer ?? _path.Pointer(), keyword, message);
    }
}
