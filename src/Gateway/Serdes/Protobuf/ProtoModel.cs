using System.Text;
using System.Text.Json;
using Google.Protobuf.Reflection;

namespace Gateway.Serdes;

/// <summary>The well-known types whose proto3 JSON mapping is not the plain message mapping.</summary>
internal enum WellKnownType : byte
{
    None,
    Timestamp,
    Duration,
    FieldMask,
    Struct,
    Value,
    ListValue,
    Any,
    DoubleValue,
    FloatValue,
    Int64Value,
    UInt64Value,
    Int32Value,
    UInt32Value,
    BoolValue,
    StringValue,
    BytesValue,
}

/// <summary>A message type compiled for conversion: fields in field-number order (the order Java writes and prints them).</summary>
internal sealed class ProtoMessage(string fullName, WellKnownType wellKnown, bool isMapEntry)
{
    public string FullName { get; } = fullName;

    public WellKnownType WellKnown { get; } = wellKnown;

    public bool IsMapEntry { get; } = isMapEntry;

    public ProtoField[] Fields { get; set; } = [];

    public string[] Oneofs { get; set; } = [];

    /// <summary>The field a JSON member names, by JSON name or by its name in the .proto text; -1 when none.</summary>
    public int FieldIndex(JsonProperty member)
    {
        for (var i = 0; i < Fields.Length; i++)
        {
            if (member.NameEquals(Fields[i].JsonNameUtf8))
            {
                return i;
            }
        }

        for (var i = 0; i < Fields.Length; i++)
        {
            if (member.NameEquals(Fields[i].NameUtf8))
            {
                return i;
            }
        }

        return -1;
    }

    public int FieldIndexByNumber(int number)
    {
        var fields = Fields;
        int low = 0, high = fields.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var at = fields[middle].Number;
            if (at == number)
            {
                return middle;
            }

            if (at < number)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }
}

/// <summary>A field: names, number, type and presence as the proto3 JSON mapping and the binary encoding need them.</summary>
internal sealed class ProtoField
{
    public ProtoField(FieldDescriptorProto descriptor, bool proto3)
    {
        Name = descriptor.Name;
        JsonName = string.IsNullOrEmpty(descriptor.JsonName) ? ProtoNames.ToJsonName(descriptor.Name) : descriptor.JsonName;
        NameUtf8 = Encoding.UTF8.GetBytes(Name);
        JsonNameUtf8 = Encoding.UTF8.GetBytes(JsonName);
        Number = descriptor.Number;
        Type = descriptor.type;
        Repeated = descriptor.label == FieldDescriptorProto.Label.LabelRepeated;
        Oneof = descriptor.ShouldSerializeOneofIndex() ? descriptor.OneofIndex : -1;
        Presence = !proto3 || Oneof >= 0 || IsMessage;
        Default = string.IsNullOrEmpty(descriptor.DefaultValue) ? null : descriptor.DefaultValue;
    }

    public string Name { get; }

    public string JsonName { get; }

    public byte[] NameUtf8 { get; }

    public byte[] JsonNameUtf8 { get; }

    public int Number { get; }

    public FieldDescriptorProto.Type Type { get; }

    public bool Repeated { get; }

    /// <summary>Repeated scalars as one length-delimited run: proto3's default, proto2's with [packed = true].</summary>
    public bool Packed { get; set; }

    /// <summary>The index of the field's oneof in its message (proto3 optional fields have a synthetic one), or -1.</summary>
    public int Oneof { get; }

    /// <summary>
    /// Whether a value equal to the default is still written: proto2 fields, proto3 optional fields, oneof members
    /// and messages, as Java's DynamicMessage keeps them. Proto3 scalars drop their default.
    /// </summary>
    public bool Presence { get; }

    /// <summary>A proto2 field's declared default, as the .proto text gives it.</summary>
    public string? Default { get; }

    public ProtoMessage? Message { get; set; }

    public ProtoEnum? Enum { get; set; }

    public bool IsMap => Repeated && Message is { IsMapEntry: true };

    public bool IsMessage => Type is FieldDescriptorProto.Type.TypeMessage or FieldDescriptorProto.Type.TypeGroup;

    public bool Packable => !IsMessage && Type is not (FieldDescriptorProto.Type.TypeString or FieldDescriptorProto.Type.TypeBytes);
}

/// <summary>An enum: its values in declaration order; a proto2 enum is closed (unknown numbers are refused).</summary>
internal sealed class ProtoEnum(EnumDescriptorProto descriptor, string fullName, bool closed)
{
    public string FullName { get; } = fullName;

    public string[] Names { get; } = [.. descriptor.Values.Select(v => v.Name)];

    public byte[][] NamesUtf8 { get; } = [.. descriptor.Values.Select(v => Encoding.UTF8.GetBytes(v.Name))];

    public int[] Numbers { get; } = [.. descriptor.Values.Select(v => v.Number)];

    public bool Closed { get; } = closed;

    public bool IsNullValue => FullName == "google.protobuf.NullValue";

    /// <summary>The name of a number, or null when the enum has none.</summary>
    public byte[]? NameOf(long number)
    {
        var index = Array.IndexOf(Numbers, (int)number);
        return number is >= int.MinValue and <= int.MaxValue && index >= 0 ? NamesUtf8[index] : null;
    }
}
