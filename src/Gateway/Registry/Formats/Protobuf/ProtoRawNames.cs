using Google.Protobuf.Reflection;

namespace Gateway.Registry.Formats;

/// <summary>
/// Type names as the .proto text wrote them ("Other", "refs.Other"), taken before protobuf-net resolves them
/// to fully qualified names, because Confluent's canonical text keeps them as written.
/// </summary>
internal sealed class ProtoRawNames
{
    private readonly Dictionary<object, string> _written = new(ReferenceEqualityComparer.Instance);

    public static ProtoRawNames Capture(FileDescriptorProto file)
    {
        var names = new ProtoRawNames();
        foreach (var message in file.MessageTypes)
        {
            names.AddMessage(message);
        }

        foreach (var method in file.Services.SelectMany(s => s.Methods))
        {
            names._written[(method, true)] = method.InputType;
            names._written[(method, false)] = method.OutputType;
        }

        return names;
    }

    public string Of(FieldDescriptorProto field) => _written.TryGetValue(field, out var name) ? name : field.TypeName;

    public string InputOf(MethodDescriptorProto method) => _written.TryGetValue((method, true), out var name) ? name : method.InputType;

    public string OutputOf(MethodDescriptorProto method) => _written.TryGetValue((method, false), out var name) ? name : method.OutputType;

    private void AddMessage(DescriptorProto message)
    {
        foreach (var field in message.Fields.Where(f => !string.IsNullOrEmpty(f.TypeName)))
        {
            _written[field] = field.TypeName;
        }

        foreach (var nested in message.NestedTypes)
        {
            AddMessage(nested);
        }
    }
}
