using Google.Protobuf.Reflection;

namespace Gateway.Registry.Formats;

/// <summary>The field-level half of the Protobuf comparison: kinds, scalar groups, labels and named types.</summary>
internal sealed partial class ProtobufCompatibilityChecker
{
    private void CompareField(
        DescriptorProto originalMessage, FieldDescriptorProto original, bool originalInOneof,
        DescriptorProto updateMessage, FieldDescriptorProto update, bool updateInOneof)
    {
        if (original.Name != update.Name)
        {
            Add("FIELD_NAME_CHANGED");
        }

        CompareTypes(
            new FieldType(original.type, original.TypeName, LabelOf(original, originalInOneof, original.TypeName, original.type, originalMessage, _before)),
            new FieldType(update.type, update.TypeName, LabelOf(update, updateInOneof, update.TypeName, update.type, updateMessage, _after)));
    }

    private void CompareTypes(FieldType original, FieldType update)
    {
        var originalEntry = MapEntry(original, _before);
        var updateEntry = MapEntry(update, _after);
        var originalKind = KindOf(original, originalEntry);
        var updateKind = KindOf(update, updateEntry);
        if (originalKind != updateKind)
        {
            Add("FIELD_KIND_CHANGED");
            return;
        }

        switch (originalKind)
        {
            case Kind.Scalar:
                var originalGroup = ScalarGroup(original, _before);
                if (originalGroup != ScalarGroup(update, _after))
                {
                    Add("FIELD_SCALAR_KIND_CHANGED");
                }
                else if (original.Label is not null && update.Label is not null && original.Label != update.Label)
                {
                    Add(originalGroup == "STRING_OR_BYTES" ? "FIELD_STRING_OR_BYTES_LABEL_CHANGED" : "FIELD_NUMERIC_LABEL_CHANGED");
                }

                break;
            case Kind.Map:
                CompareTypes(FieldType.Of(originalEntry!.Fields[0]), FieldType.Of(updateEntry!.Fields[0]));
                CompareTypes(FieldType.Of(originalEntry.Fields[1]), FieldType.Of(updateEntry.Fields[1]));
                break;
            case Kind.Message:
                CompareMessageTypes(original.TypeName, update.TypeName);
                break;
        }
    }

    private void CompareMessageTypes(string originalName, string updateName)
    {
        var originalLocal = LocalName(originalName, _before.Types);
        var updateLocal = LocalName(updateName, _after.Types);
        if (originalLocal != updateLocal)
        {
            Add("FIELD_NAMED_TYPE_CHANGED");
            return;
        }

        var originalMessage = _before.Types.Message(originalName);
        var updateMessage = _after.Types.Message(updateName);
        if (originalMessage is null || updateMessage is null || SameReference(originalName, updateName))
        {
            return;
        }

        // Confluent compares the named type in a fresh context whose path starts at the type's own name.
        var savedPath = _path.ToList();
        _path.Clear();
        _path.AddRange(originalLocal.Split('.'));
        var from = _differences.Count;
        CompareMessages(originalMessage, updateMessage);
        var compatible = Compatible(from);
        _path.Clear();
        _path.AddRange(savedPath);
        if (!compatible)
        {
            Add("FIELD_NAMED_TYPE_CHANGED");
        }
    }

    // Both sides taking the type from the same reference text: nothing can differ.
    private bool SameReference(string originalName, string updateName)
    {
        var originalFile = _before.Types.FileOf(originalName);
        var updateFile = _after.Types.FileOf(updateName);
        var originalText = _before.References.FirstOrDefault(r => r.Name == originalFile)?.Schema;
        return originalText is not null && originalFile == updateFile
            && _after.References.FirstOrDefault(r => r.Name == updateFile)?.Schema == originalText;
    }

    private static string LocalName(string fullName, ProtoTypeIndex types)
    {
        var name = fullName.TrimStart('.');
        var package = types.PackageOf(fullName);
        return package.Length > 0 && name.StartsWith(package + ".", StringComparison.Ordinal) ? name[(package.Length + 1)..] : name;
    }

    // Wire's labels: none in a oneof, on a map or on a plain proto3 field.
    private static string? LabelOf(
        FieldDescriptorProto field, bool inOneof, string typeName, FieldDescriptorProto.Type type,
        DescriptorProto message, ProtobufParsedSchema schema)
    {
        if (inOneof || (type == FieldDescriptorProto.Type.TypeMessage && schema.Types.Message(typeName) is { Options.MapEntry: true }))
        {
            return null;
        }

        return field.label switch
        {
            FieldDescriptorProto.Label.LabelRepeated => "repeated",
            FieldDescriptorProto.Label.LabelRequired => "required",
            _ when field.Proto3Optional => "optional",
            _ => schema.Types.IsProto3(message) ? null : "optional",
        };
    }

    private static DescriptorProto? MapEntry(FieldType type, ProtobufParsedSchema schema) =>
        type.Type == FieldDescriptorProto.Type.TypeMessage && schema.Types.Message(type.TypeName) is { Options.MapEntry: true } entry
            ? entry
            : null;

    // Enums count as scalars, as Confluent groups them with the varint numbers.
    private static Kind KindOf(FieldType type, DescriptorProto? mapEntry) => type.Type switch
    {
        FieldDescriptorProto.Type.TypeMessage or FieldDescriptorProto.Type.TypeGroup => mapEntry is not null ? Kind.Map : Kind.Message,
        _ => Kind.Scalar,
    };

    private static string ScalarGroup(FieldType type, ProtobufParsedSchema schema) => type.Type switch
    {
        FieldDescriptorProto.Type.TypeEnum => "GENERAL_NUMBER",
        FieldDescriptorProto.Type.TypeInt32 or FieldDescriptorProto.Type.TypeInt64 or FieldDescriptorProto.Type.TypeUint32
            or FieldDescriptorProto.Type.TypeUint64 or FieldDescriptorProto.Type.TypeBool => "GENERAL_NUMBER",
        FieldDescriptorProto.Type.TypeSint32 or FieldDescriptorProto.Type.TypeSint64 => "SIGNED_NUMBER",
        FieldDescriptorProto.Type.TypeString or FieldDescriptorProto.Type.TypeBytes => "STRING_OR_BYTES",
        FieldDescriptorProto.Type.TypeFixed32 or FieldDescriptorProto.Type.TypeSfixed32 => "FIXED32",
        FieldDescriptorProto.Type.TypeFixed64 or FieldDescriptorProto.Type.TypeSfixed64 => "FIXED64",
        FieldDescriptorProto.Type.TypeFloat => "FLOAT",
        FieldDescriptorProto.Type.TypeDouble => "DOUBLE",
        _ => schema.Types.IsEnum(type.TypeName) ? "GENERAL_NUMBER" : "ANY",
    };
}
