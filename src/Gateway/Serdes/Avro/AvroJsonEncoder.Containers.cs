using System.Buffers;
using System.Text.Json;

namespace Gateway.Serdes;

internal sealed partial class AvroJsonEncoder
{
    private void WriteArray(AvroNode node, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            Mismatch(node, value);
            return;
        }

        var count = value.GetArrayLength();
        if (count > 0)
        {
            _output.WriteZigZag(count);
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                _path.Push(index++);
                Write(node.Items!, item);
                _path.Pop();
                if (Stopped)
                {
                    return;
                }
            }
        }

        _output.WriteByte(0);
    }

    private void WriteMap(AvroNode node, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            Mismatch(node, value);
            return;
        }

        var count = 0;
        foreach (var _ in value.EnumerateObject())
        {
            count++;
        }

        if (count > 0)
        {
            _output.WriteZigZag(count);
            foreach (var entry in value.EnumerateObject())
            {
                var key = JsonStrings.Utf8Name(entry, out var rented);
                _output.WriteZigZag(key.Length);
                _output.Write(key);
                JsonStrings.Return(rented);
                _path.Push(entry.Name);
                Write(node.Items!, entry.Value);
                _path.Pop();
                if (Stopped)
                {
                    return;
                }
            }
        }

        _output.WriteByte(0);
    }

    private void WriteRecord(AvroNode node, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            Mismatch(node, value);
            return;
        }

        var fields = node.Fields;
        var slots = ArrayPool<JsonElement>.Shared.Rent(fields.Length);
        Span<bool> present = fields.Length <= 128 ? stackalloc bool[fields.Length] : new bool[fields.Length];
        try
        {
            var next = 0;
            foreach (var property in value.EnumerateObject())
            {
                var index = FieldIndex(fields, property, next);
                if (index < 0)
                {
                    Fail(_path.Pointer(property.Name), "unknown", $"record {node.Label} has no field '{property.Name}'");
                    continue;
                }

                if (present[index])
                {
                    Fail(_path.Pointer(property.Name), "duplicate", $"field '{property.Name}' appears more than once");
                    continue;
                }

                present[index] = true;
                slots[index] = property.Value;
                next = index + 1;
            }

            for (var i = 0; i < fields.Length && !Stopped; i++)
            {
                var field = fields[i];
                if (present[i])
                {
                    _path.Push(field.Name);
                    Write(field.Type, slots[i]);
                    _path.Pop();
                }
                else if (field.DefaultBinary is { } fallback)
                {
                    _output.Write(fallback);
                }
                else
                {
                    Fail("required", $"field '{field.Name}' is missing and has no default");
                }
            }
        }
        finally
        {
            ArrayPool<JsonElement>.Shared.Return(slots, clearArray: true);
        }
    }

    private static int FieldIndex(AvroField[] fields, JsonProperty property, int expected)
    {
        if (expected < fields.Length && property.NameEquals(fields[expected].NameUtf8))
        {
            return expected;
        }

        for (var i = 0; i < fields.Length; i++)
        {
            if (i != expected && property.NameEquals(fields[i].NameUtf8))
            {
                return i;
            }
        }

        return -1;
    }
}
