using System.Globalization;
using System.Text;
using Google.Protobuf.Reflection;

namespace Gateway.Registry.Formats;

/// <summary>Enums, services and reserved ranges, in Confluent's layout.</summary>
internal sealed partial class ProtoPrinter
{
    private string Enum(EnumDescriptorProto type)
    {
        var o = new StringBuilder("enum ").Append(type.Name).Append(" {");
        var reserved = Reserved(type.ReservedRanges.Select(r => (r.Start, r.End)), type.ReservedNames);
        if (reserved.Count > 0)
        {
            o.Append('\n');
            reserved.ForEach(line => Indent(o, line));
        }

        var options = ProtoOptions.Set(type.Options);
        if (reserved.Count == 0 && (options.Count > 0 || type.Values.Count > 0))
        {
            o.Append('\n');
        }

        options.ForEach(option => Indent(o, $"option {option.Name} = {option.Value};\n"));
        var values = normalize ? type.Values.OrderBy(v => v.Number).ThenBy(v => v.Name, StringComparer.Ordinal).ToList() : type.Values;
        foreach (var value in values)
        {
            var line = new StringBuilder(value.Name).Append(" = ").Append(value.Number.ToString(CultureInfo.InvariantCulture));
            AppendBracketOptions(line, ProtoOptions.Set(value.Options));
            Indent(o, line.Append(";\n").ToString());
        }

        return o.Append("}\n").ToString();
    }

    private string Service(ServiceDescriptorProto service)
    {
        var o = new StringBuilder("service ").Append(service.Name).Append(" {");
        AppendOptionStatements(o, service.Options, indent: true, leadingBlankLine: true);
        if (service.Methods.Count > 0)
        {
            o.Append('\n');
            foreach (var method in service.Methods)
            {
                var rpc = new StringBuilder("rpc ").Append(method.Name).Append(" (");
                rpc.Append(method.ClientStreaming ? "stream " : "").Append(normalize ? method.InputType : raw.InputOf(method));
                rpc.Append(") returns (").Append(method.ServerStreaming ? "stream " : "");
                rpc.Append(normalize ? method.OutputType : raw.OutputOf(method)).Append(')');
                var options = ProtoOptions.Set(method.Options);
                if (options.Count > 0)
                {
                    rpc.Append(" {\n");
                    options.ForEach(option => Indent(rpc, $"option {option.Name} = {option.Value};\n"));
                    rpc.Append('}');
                }

                Indent(o, rpc.Append(";\n").ToString());
            }
        }

        return o.Append("}\n").ToString();
    }

    private List<string> Reserved(IEnumerable<(int Start, int EndInclusive)> ranges, IEnumerable<string> names)
    {
        var numbers = ranges.Select(r => r.Start == r.EndInclusive
            ? r.Start.ToString(CultureInfo.InvariantCulture)
            : $"{r.Start} to {(r.EndInclusive < MaxFieldNumber ? r.EndInclusive.ToString(CultureInfo.InvariantCulture) : "max")}").ToList();
        var quoted = names.Select(n => "\"" + n + "\"").ToList();
        if (normalize)
        {
            var starts = ranges.Select(r => r.Start).ToList();
            return [.. numbers.Select((text, i) => (Key: starts[i], Text: text))
                .Concat(quoted.Select(text => (Key: int.MaxValue, Text: text)))
                .OrderBy(r => r.Key).ThenBy(r => r.Text, StringComparer.Ordinal)
                .Select(r => $"reserved {r.Text};\n")];
        }

        var lines = new List<string>();
        if (numbers.Count > 0)
        {
            lines.Add($"reserved {string.Join(", ", numbers)};\n");
        }

        if (quoted.Count > 0)
        {
            lines.Add($"reserved {string.Join(", ", quoted)};\n");
        }

        return lines;
    }
}
