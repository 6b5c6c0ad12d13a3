using Google.Protobuf.Reflection;

namespace Gateway.Registry.Formats;

/// <summary>Messages and enums of a set of files by fully qualified name, each with the package it was declared in.</summary>
internal sealed class ProtoTypeIndex
{
    private readonly Dictionary<string, (DescriptorProto Message, string Package, string File, bool Proto3)> _messages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EnumDescriptorProto> _enums = new(StringComparer.Ordinal);

    public ProtoTypeIndex(FileDescriptorSet files)
    {
        foreach (var file in files.Files)
        {
            var package = file.Package ?? "";
            var scope = package.Length == 0 ? "." : "." + package + ".";
            AddAll(file.MessageTypes, file.EnumTypes, scope, package, file.Name, file.Syntax == "proto3");
        }
    }

    public DescriptorProto? Message(string fullName) => _messages.TryGetValue(fullName, out var found) ? found.Message : null;

    public string PackageOf(string fullName) => _messages.TryGetValue(fullName, out var found) ? found.Package : "";

    /// <summary>The name of the file that declares a message: the main file's or a reference's.</summary>
    public string FileOf(string fullName) => _messages.TryGetValue(fullName, out var found) ? found.File : "";

    /// <summary>True when the message's file is proto3, where a field without a label has none.</summary>
    public bool IsProto3(DescriptorProto message) => _messages.Values.Any(m => ReferenceEquals(m.Message, message) && m.Proto3);

    public bool IsEnum(string fullName) => _enums.ContainsKey(fullName);

    private void AddAll(IEnumerable<DescriptorProto> messages, IEnumerable<EnumDescriptorProto> enums, string scope, string package, string file, bool proto3)
    {
        foreach (var message in messages)
        {
            _messages[scope + message.Name] = (message, package, file, proto3);
            AddAll(message.NestedTypes, message.EnumTypes, scope + message.Name + ".", package, file, proto3);
        }

        foreach (var type in enums)
        {
            _enums[scope + type.Name] = type;
        }
    }
}
