using System.Globalization;
using Google.Protobuf.Reflection;

namespace Gateway.Registry.Formats;

/// <summary>
/// Confluent's Protobuf rules (its <c>SchemaDiff</c>): types matched by name, fields by number, never by name.
/// Compatible: adding or removing messages' fields (not proto2 required ones), enums and enum values, renames,
/// moving a message, moving a oneof member to the top level, and changing a scalar within a wire-compatible group
/// (int32/uint32/int64/uint64/bool and enums; sint32/sint64; fixed32/sfixed32; fixed64/sfixed64; string/bytes).
/// Incompatible: a removed message, a package change, a field whose kind (scalar, message, map), scalar group or
/// message type changes, numeric label changes (optional/repeated/required in proto2 and proto3 optional),
/// required fields added or removed, oneof members removed, and fields newly made mutually exclusive.
/// Paths are Confluent's: <c>#/Message/Nested/number</c>, with the oneof name before the number of its members.
/// </summary>
internal sealed class ProtobufCompatibilityChecker(ProtobufParsedSchema writer, ProtobufParsedSchema reader, SchemaRoles roles)
{
    // Confluent's names: the original is the writer, the update the reader.
    private readonly ProtobufParsedSchema _before = writer;
    private readonly ProtobufParsedSchema _after = reader;
    private readonly List<(string Type, string Path)> _differences = [];
    private readonly List<string> _path = [];
    private readonly HashSet<DescriptorProto> _inProgress = new(ReferenceEqualityComparer.Instance);

    /// <summary>What stops the reader from reading the writer's data.</summary>
    public IReadOnlyList<Incompatibility> Differences()
    {
        if ((_before.Main.Package ?? "") != (_after.Main.Package ?? ""))
        {
            Add("PACKAGE_CHANGED");
        }

        CompareTypes(_before.Main.MessageTypes, _before.Main.EnumTypes, _after.Main.MessageTypes, _after.Main.EnumTypes);
        return [.. _differences.Where(d => !ProtoDifference.Compatible.Contains(d.Type))
            .Select(d => new Incompatibility(d.Type, d.Path, ProtoDifference.Describe(d.Type, d.Path, roles)))];
    }

    private bool Compatible(int from) =>
        _differences.Skip(from).All(d => ProtoDifference.Compatible.Contains(d.Type));

    private void CompareTypes(
        List<DescriptorProto> originalMessages, List<EnumDescriptorProto> originalEnums,
        List<DescriptorProto> updateMessages, List<EnumDescriptorProto> updateEnums)
    {
        var before = Declared(originalMessages);
        var after = Declared(updateMessages);
        foreach (var name in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            _path.Add(name);
            var had = before.TryGetValue(name, out var old);
            var has = after.TryGetValue(name, out var now);
            if (!has)
            {
                Add("MESSAGE_REMOVED");
            }
            else if (!had)
            {
                Add("MESSAGE_ADDED");
            }
            else
            {
                CompareMessages(old.Message, now.Message);
                if (old.Index != now.Index)
                {
                    Add("MESSAGE_MOVED");
                }
            }

            _path.RemoveAt(_path.Count - 1);
        }

        var oldEnums = originalEnums.ToDictionary(e => e.Name);
        var newEnums = updateEnums.ToDictionary(e => e.Name);
        foreach (var name in oldEnums.Keys.Union(newEnums.Keys).Order(StringComparer.Ordinal))
        {
            _path.Add(name);
            if (!newEnums.TryGetValue(name, out var now))
            {
                Add("ENUM_REMOVED");
            }
            else if (!oldEnums.TryGetValue(name, out var old))
            {
                Add("ENUM_ADDED");
            }
            else
            {
                CompareEnums(old, now);
            }

            _path.RemoveAt(_path.Count - 1);
        }
    }

    // Map entry types are not declared in the text, so Confluent neither counts nor compares them.
    private static Dictionary<string, (DescriptorProto Message, int Index)> Declared(List<DescriptorProto> messages) =>
        messages.Where(m => m.Options?.MapEntry != true).Select((m, i) => (m, i)).ToDictionary(p => p.m.Name, p => (p.m, p.i));

    private void CompareEnums(EnumDescriptorProto original, EnumDescriptorProto update)
    {
        var before = original.Values.GroupBy(v => v.Number).ToDictionary(g => g.Key, g => g.Last());
        var after = update.Values.GroupBy(v => v.Number).ToDictionary(g => g.Key, g => g.Last());
        foreach (var number in before.Keys.Union(after.Keys).Order())
        {
            _path.Add(number.ToString(CultureInfo.InvariantCulture));
            if (!after.TryGetValue(number, out var now))
            {
                Add("ENUM_CONST_REMOVED");
            }
            else if (!before.TryGetValue(number, out var old))
            {
                Add("ENUM_CONST_ADDED");
            }
            else if (old.Name != now.Name)
            {
                Add("ENUM_CONST_CHANGED");
            }

            _path.RemoveAt(_path.Count - 1);
        }
    }

    private void CompareMessages(DescriptorProto original, DescriptorProto update)
    {
        if (_inProgress.Add(original))
        {
            CompareFields(original, update);
            _inProgress.Remove(original);
        }

        CompareTypes(original.NestedTypes, original.EnumTypes, update.NestedTypes, update.EnumTypes);
    }

    private void CompareFields(DescriptorProto original, DescriptorProto update)
    {
        var before = MessageFields.Of(original);
        var after = MessageFields.Of(update);

        // A oneof removed with none of its members left anywhere is a deletion, which Confluent accepts.
        var deletedOneofs = before.Oneofs.Where(o => !after.Oneofs.ContainsKey(o.Key)
            && !o.Value.Any(f => after.ByNumber.ContainsKey(f.Number))).Select(o => o.Key).ToHashSet();

        foreach (var (name, members) in after.Oneofs)
        {
            _path.Add(name);
            var origins = new HashSet<string>();
            var movedIn = 0;
            foreach (var member in members)
            {
                if (before.OneofOf.TryGetValue(member.Number, out var oldOneof))
                {
                    origins.Add("oneof:" + oldOneof);
                }
                else if (before.ByNumber.ContainsKey(member.Number))
                {
                    origins.Add("field:" + member.Number);
                    movedIn++;
                }
            }

            if (origins.Count > 1)
            {
                Add(movedIn > 1 ? "MULTIPLE_FIELDS_MOVED_TO_ONEOF" : "FIELD_MOVED_TO_EXISTING_ONEOF");
            }

            _path.RemoveAt(_path.Count - 1);
        }

        foreach (var name in before.Oneofs.Keys.Union(after.Oneofs.Keys).Order(StringComparer.Ordinal))
        {
            _path.Add(name);
            if (!after.Oneofs.ContainsKey(name))
            {
                Add("ONEOF_REMOVED");
            }
            else if (!before.Oneofs.ContainsKey(name))
            {
                Add("ONEOF_ADDED");
            }

            _path.RemoveAt(_path.Count - 1);
        }

        foreach (var number in before.ByNumber.Keys.Union(after.ByNumber.Keys).Order())
        {
            var tag = number.ToString(CultureInfo.InvariantCulture);
            before.ByNumber.TryGetValue(number, out var old);
            after.ByNumber.TryGetValue(number, out var now);
            var oldOneof = before.OneofOf.GetValueOrDefault(number);
            var newOneof = after.OneofOf.GetValueOrDefault(number);
            if (now is null)
            {
                if (oldOneof is not null)
                {
                    if (!deletedOneofs.Contains(oldOneof))
                    {
                        AddAt("ONEOF_FIELD_REMOVED", oldOneof, tag);
                    }
                }
                else
                {
                    AddAt(old!.label == FieldDescriptorProto.Label.LabelRequired ? "REQUIRED_FIELD_REMOVED" : "FIELD_REMOVED", tag);
                }
            }
            else if (old is null)
            {
                if (newOneof is not null)
                {
                    AddAt("ONEOF_FIELD_ADDED", newOneof, tag);
                }
                else
                {
                    AddAt(now.label == FieldDescriptorProto.Label.LabelRequired ? "REQUIRED_FIELD_ADDED" : "FIELD_ADDED", tag);
                }
            }
            else
            {
                if (oldOneof is not null && newOneof is null)
                {
                    AddAt("ONEOF_FIELD_MOVED_TO_TOP_LEVEL", tag);
                }

                if (newOneof is not null)
                {
                    _path.Add(newOneof);
                }

                _path.Add(tag);
                CompareField(original, old, oldOneof is not null, update, now, newOneof is not null);
                _path.RemoveAt(_path.Count - 1);
                if (newOneof is not null)
                {
                    _path.RemoveAt(_path.Count - 1);
                }
            }
        }
    }

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

    private void Add(string type) => _differences.Add((type, "#/" + string.Join('/', _path)));

    private void AddAt(string type, params string[] segments)
    {
        _path.AddRange(segments);
        Add(type);
        _path.RemoveRange(_path.Count - segments.Length, segments.Length);
    }

    private enum Kind
    {
        Scalar,
        Map,
        Message,
    }

    private sealed record FieldType(FieldDescriptorProto.Type Type, string TypeName, string? Label)
    {
        public static FieldType Of(FieldDescriptorProto field) => new(field.type, field.TypeName, null);
    }
}
