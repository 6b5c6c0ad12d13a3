using System.Globalization;
using System.Text;
using Google.Protobuf.Reflection;

namespace Gateway.Registry.Formats;

/// <summary>
/// Prints a parsed .proto file in the layout of Confluent's <c>ProtobufSchemaUtils.toString</c>: syntax, package,
/// imports, options, then per message its reserved ranges, options, fields, oneofs and nested messages and
/// enums; two-space indents; type names as written; map fields as <c>map&lt;K, V&gt;</c>. Options print sorted by
/// name (the text's own order is not kept by the descriptors). With normalize, as Confluent's normalized form:
/// proto2 files without a syntax line, imports sorted, fields, oneofs, enum values and reserved ranges in number
/// order, type names fully qualified with a leading dot.
/// </summary>
internal sealed partial class ProtoPrinter(FileDescriptorProto file, ProtoRawNames raw, ProtoTypeIndex types, string? declaredSyntax, bool normalize)
{
    private const int MaxFieldNumber = 536_870_911;

    public string Print()
    {
        var o = new StringBuilder();
        if (declaredSyntax is not null && (!normalize || declaredSyntax == "proto3"))
        {
            o.Append("syntax = \"").Append(declaredSyntax).Append("\";\n");
        }

        if (!string.IsNullOrEmpty(file.Package))
        {
            o.Append("package ").Append(file.Package).Append(";\n");
        }

        var publicIndexes = (file.PublicDependencies ?? []).ToHashSet();
        var imports = file.Dependencies.Where((_, i) => !publicIndexes.Contains(i)).ToList();
        var publicImports = file.Dependencies.Where((_, i) => publicIndexes.Contains(i)).ToList();
        if (imports.Count + publicImports.Count > 0)
        {
            o.Append('\n');
            foreach (var name in Ordered(imports))
            {
                o.Append("import \"").Append(name).Append("\";\n");
            }

            foreach (var name in Ordered(publicImports))
            {
                o.Append("import public \"").Append(name).Append("\";\n");
            }
        }

        AppendOptionStatements(o, file.Options, indent: false, leadingBlankLine: true);
        var messages = file.MessageTypes.Where(m => m.Options?.MapEntry != true).ToList();
        if (messages.Count + file.EnumTypes.Count > 0)
        {
            o.Append('\n');
            foreach (var message in messages)
            {
                o.Append(Message(message));
            }

            foreach (var type in file.EnumTypes)
            {
                o.Append(Enum(type));
            }
        }

        if (file.Services.Count > 0)
        {
            o.Append('\n');
            foreach (var service in file.Services)
            {
                o.Append(Service(service));
            }
        }

        return o.ToString();
    }

    private string Message(DescriptorProto message)
    {
        var o = new StringBuilder("message ").Append(message.Name).Append(" {");
        var reserved = Reserved(message.ReservedRanges.Select(r => (r.Start, r.End - 1)), message.ReservedNames);
        if (reserved.Count > 0)
        {
            o.Append('\n');
            reserved.ForEach(line => Indent(o, line));
        }

        AppendOptionStatements(o, message.Options, indent: true, leadingBlankLine: true);
        var oneofs = RealOneofs(message);
        var fields = message.Fields.Where(f => !InOneof(f, oneofs)).ToList();
        if (fields.Count > 0)
        {
            o.Append('\n');
            foreach (var field in normalize ? fields.OrderBy(f => f.Number).ToList() : fields)
            {
                Indent(o, Field(field, inOneof: false));
            }
        }

        var declared = oneofs.Select(i => (Index: i, Fields: message.Fields.Where(f => f.ShouldSerializeOneofIndex() && f.OneofIndex == i).ToList())).ToList();
        if (normalize)
        {
            declared = [.. declared.Where(d => d.Fields.Count > 0).Select(d => (d.Index, d.Fields.OrderBy(f => f.Number).ToList())).OrderBy(d => d.Item2[0].Number)];
        }

        if (declared.Count > 0)
        {
            o.Append('\n');
            foreach (var (index, members) in declared)
            {
                var oneof = new StringBuilder("oneof ").Append(message.OneofDecls[index].Name).Append(" {");
                AppendOptionStatements(oneof, message.OneofDecls[index].Options, indent: true, leadingBlankLine: true);
                if (members.Count > 0)
                {
                    oneof.Append('\n');
                    members.ForEach(f => Indent(oneof, Field(f, inOneof: true)));
                }

                Indent(o, oneof.Append("}\n").ToString());
            }
        }

        var nested = message.NestedTypes.Where(m => m.Options?.MapEntry != true).ToList();
        if (nested.Count + message.EnumTypes.Count > 0)
        {
            o.Append('\n');
            nested.ForEach(m => Indent(o, Message(m)));
            message.EnumTypes.ForEach(e => Indent(o, Enum(e)));
        }

        return o.Append("}\n").ToString();
    }

    private string Field(FieldDescriptorProto field, bool inOneof)
    {
        var o = new StringBuilder();
        var mapEntry = MapEntryOf(field);
        if (!inOneof && mapEntry is null && Label(field) is { } label)
        {
            o.Append(label).Append(' ');
        }

        o.Append(mapEntry is null ? TypeName(field) : $"map<{TypeName(mapEntry.Fields[0])}, {TypeName(mapEntry.Fields[1])}>");
        o.Append(' ').Append(field.Name).Append(" = ").Append(field.Number.ToString(CultureInfo.InvariantCulture));
        var options = ProtoOptions.Set(field.Options);
        if (field.ShouldSerializeDefaultValue())
        {
            options.Add(("default", field.type == FieldDescriptorProto.Type.TypeString
                ? "\"" + ProtoTokens.Escape(field.DefaultValue) + "\""
                : field.DefaultValue));
        }

        if (!string.IsNullOrEmpty(field.JsonName) && field.JsonName != DefaultJsonName(field.Name))
        {
            options.Add(("json_name", "\"" + ProtoTokens.Escape(field.JsonName) + "\""));
        }

        if (normalize)
        {
            options.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        }

        AppendBracketOptions(o, options);
        return o.Append(";\n").ToString();
    }

    private string? Label(FieldDescriptorProto field)
    {
        if (declaredSyntax == "proto3")
        {
            return field.label == FieldDescriptorProto.Label.LabelRepeated ? "repeated"
                : field.Proto3Optional ? "optional"
                : null;
        }

        return field.label switch
        {
            FieldDescriptorProto.Label.LabelRepeated => "repeated",
            FieldDescriptorProto.Label.LabelRequired => "required",
            _ => "optional",
        };
    }

    private string TypeName(FieldDescriptorProto field) => field.type switch
    {
        FieldDescriptorProto.Type.TypeMessage or FieldDescriptorProto.Type.TypeEnum or FieldDescriptorProto.Type.TypeGroup =>
            normalize ? field.TypeName : raw.Of(field),
        _ => ScalarName(field.type),
    };

    private DescriptorProto? MapEntryOf(FieldDescriptorProto field) =>
        field.type == FieldDescriptorProto.Type.TypeMessage && types.Message(field.TypeName) is { Options.MapEntry: true } entry
            ? entry
            : null;

    private static void AppendOptionStatements(StringBuilder o, object? options, bool indent, bool leadingBlankLine)
    {
        var set = ProtoOptions.Set(options);
        if (set.Count == 0)
        {
            return;
        }

        if (leadingBlankLine)
        {
            o.Append('\n');
        }

        foreach (var (name, value) in set)
        {
            var statement = $"option {name} = {value};\n";
            if (indent)
            {
                Indent(o, statement);
            }
            else
            {
                o.Append(statement);
            }
        }
    }

    private static void AppendBracketOptions(StringBuilder o, List<(string Name, string Value)> options)
    {
        if (options.Count == 1)
        {
            o.Append(" [").Append(options[0].Name).Append(" = ").Append(options[0].Value).Append(']');
        }
        else if (options.Count > 1)
        {
            o.Append(" [\n");
            for (var i = 0; i < options.Count; i++)
            {
                Indent(o, $"{options[i].Name} = {options[i].Value}{(i < options.Count - 1 ? "," : "")}");
            }

            o.Append(']');
        }
    }

    private IEnumerable<string> Ordered(List<string> imports) =>
        normalize ? imports.Distinct().Order(StringComparer.Ordinal) : imports;

    /// <summary>Indexes of the oneofs written in the text; proto3 optional fields sit in synthetic ones.</summary>
    internal static List<int> RealOneofs(DescriptorProto message) =>
        [.. Enumerable.Range(0, message.OneofDecls.Count)
            .Where(i => !message.Fields.Any(f => f.ShouldSerializeOneofIndex() && f.OneofIndex == i && f.Proto3Optional))];

    internal static bool InOneof(FieldDescriptorProto field, List<int> realOneofs) =>
        field.ShouldSerializeOneofIndex() && realOneofs.Contains(field.OneofIndex);

    // protoc's default JSON name: underscores dropped, the letter after each one upper-cased.
    internal static string DefaultJsonName(string name)
    {
        var o = new StringBuilder(name.Length);
        var upper = false;
        foreach (var c in name)
        {
            if (c == '_')
            {
                upper = true;
            }
            else
            {
                o.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
        }

        return o.ToString();
    }

    internal static string ScalarName(FieldDescriptorProto.Type type) =>
        type.ToString()["Type".Length..].ToLowerInvariant();

    private static void Indent(StringBuilder o, string text)
    {
        var lines = text.Split('\n').ToList();
        if (lines.Count > 1 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        foreach (var line in lines)
        {
            o.Append("  ").Append(line).Append('\n');
        }
    }
}
