using Gateway.Registry.Formats;
using Google.Protobuf.Reflection;

namespace Gateway.Serdes;

/// <summary>A Protobuf schema compiled for conversion: its message types by index path and every type it can reach.</summary>
internal sealed class ProtoSchema
{
    private ProtoSchema(List<(IReadOnlyList<int> Path, ProtoMessage Message)> types) => Types = types;

    /// <summary>The main file's message types in declaration order (the first is the default) with their index paths.</summary>
    public List<(IReadOnlyList<int> Path, ProtoMessage Message)> Types { get; }

    public (IReadOnlyList<int> Path, ProtoMessage Message)? ByName(string fullName)
    {
        var name = fullName.TrimStart('.');
        foreach (var type in Types)
        {
            if (type.Message.FullName == name)
            {
                return type;
            }
        }

        return null;
    }

    public ProtoMessage? ByPath(ReadOnlySpan<int> path)
    {
        foreach (var (candidate, message) in Types)
        {
            if (path.SequenceEqual(candidate is int[] array ? array : [.. candidate]))
            {
                return message;
            }
        }

        return null;
    }

    public static ProtoSchema Compile(ProtobufParsedSchema schema)
    {
        var descriptors = new Dictionary<string, (DescriptorProto Message, bool Proto3)>(StringComparer.Ordinal);
        var enums = new Dictionary<string, (EnumDescriptorProto Enum, bool Proto3)>(StringComparer.Ordinal);
        foreach (var file in schema.Files.Files)
        {
            var proto3 = file.Syntax is "proto3" or "editions";
            Index(file.MessageTypes, file.EnumTypes, string.IsNullOrEmpty(file.Package) ? "" : file.Package + ".", proto3, descriptors, enums);
        }

        var messages = new Dictionary<string, ProtoMessage>(StringComparer.Ordinal);
        var enumModels = new Dictionary<string, ProtoEnum>(StringComparer.Ordinal);

        ProtoMessage Message(string name)
        {
            if (messages.TryGetValue(name, out var known))
            {
                return known;
            }

            var (descriptor, proto3) = descriptors[name];
            var message = new ProtoMessage(name, WellKnownOf(name), descriptor.Options?.MapEntry == true);
            messages[name] = message;
            message.Oneofs = [.. descriptor.OneofDecls.Select(o => o.Name)];
            var fields = descriptor.Fields.OrderBy(f => f.Number).Select(f => new ProtoField(f, proto3)).ToArray();
            message.Fields = fields;
            foreach (var field in fields)
            {
                var typeName = descriptor.Fields.First(f => f.Number == field.Number).TypeName?.TrimStart('.');
                var explicitPacked = descriptor.Fields.First(f => f.Number == field.Number).Options is { } options && options.ShouldSerializePacked()
                    ? options.Packed
                    : (bool?)null;
                field.Packed = field.Repeated && field.Packable && (explicitPacked ?? proto3);
                if (field.IsMessage)
                {
                    field.Message = Message(typeName!);
                }
                else if (field.Type == FieldDescriptorProto.Type.TypeEnum)
                {
                    if (!enumModels.TryGetValue(typeName!, out var model))
                    {
                        var (enumDescriptor, enumProto3) = enums[typeName!];
                        model = new ProtoEnum(enumDescriptor, typeName!, closed: !enumProto3);
                        enumModels[typeName!] = model;
                    }

                    field.Enum = model;
                }
            }

            return message;
        }

        var types = schema.MessageTypes.Select(t => (t.IndexPath, Message(t.FullName))).ToList();
        return new ProtoSchema(types);
    }

    private static void Index(
        IEnumerable<DescriptorProto> messages, IEnumerable<EnumDescriptorProto> enums, string scope, bool proto3,
        Dictionary<string, (DescriptorProto, bool)> descriptors, Dictionary<string, (EnumDescriptorProto, bool)> enumDescriptors)
    {
        foreach (var message in messages)
        {
            descriptors[scope + message.Name] = (message, proto3);
            Index(message.NestedTypes, message.EnumTypes, scope + message.Name + ".", proto3, descriptors, enumDescriptors);
        }

        foreach (var type in enums)
        {
            enumDescriptors[scope + type.Name] = (type, proto3);
        }
    }

    private static WellKnownType WellKnownOf(string name) => name switch
    {
        "google.protobuf.Timestamp" => WellKnownType.Timestamp,
        "google.protobuf.Duration" => WellKnownType.Duration,
        "google.protobuf.FieldMask" => WellKnownType.FieldMask,
        "google.protobuf.Struct" => WellKnownType.Struct,
        "google.protobuf.Value" => WellKnownType.Value,
        "google.protobuf.ListValue" => WellKnownType.ListValue,
        "google.protobuf.Any" => WellKnownType.Any,
        "google.protobuf.DoubleValue" => WellKnownType.DoubleValue,
        "google.protobuf.FloatValue" => WellKnownType.FloatValue,
        "google.protobuf.Int64Value" => WellKnownType.Int64Value,
        "google.protobuf.UInt64Value" => WellKnownType.UInt64Value,
        "google.protobuf.Int32Value" => WellKnownType.Int32Value,
        "google.protobuf.UInt32Value" => WellKnownType.UInt32Value,
        "google.protobuf.BoolValue" => WellKnownType.BoolValue,
        "google.protobuf.StringValue" => WellKnownType.StringValue,
        "google.protobuf.BytesValue" => WellKnownType.BytesValue,
        _ => WellKnownType.None,
    };
}
