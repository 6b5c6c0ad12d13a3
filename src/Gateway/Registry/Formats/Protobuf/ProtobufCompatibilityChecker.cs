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
internal sealed partial class ProtobufCompatibilityChecker(ProtobufParsedSchema writer, ProtobufParsedSchema reader, SchemaRoles roles)
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
