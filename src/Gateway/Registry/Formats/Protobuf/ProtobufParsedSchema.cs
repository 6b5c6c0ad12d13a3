using Google.Protobuf.Reflection;

namespace Gateway.Registry.Formats;

/// <summary>A Protobuf schema: the descriptors protobuf-net built for the main file and everything it imports.</summary>
internal sealed class ProtobufParsedSchema : ParsedSchema
{
    public ProtobufParsedSchema(
        FileDescriptorSet files, FileDescriptorProto main, string canonical, string identity,
        IReadOnlyList<ResolvedReference> references)
        : base(SchemaType.Protobuf, canonical, identity, references)
    {
        Files = files;
        Main = main;
        MessageTypes = ListMessageTypes(main);
        Types = new ProtoTypeIndex(files);
    }

    /// <summary>The main file, its references and the well-known types it imports, resolved.</summary>
    public FileDescriptorSet Files { get; }

    public FileDescriptorProto Main { get; }

    /// <summary>The main file's message types in declaration order, depth first, with their index paths.</summary>
    public IReadOnlyList<ProtobufMessageType> MessageTypes { get; }

    /// <summary>Every message and enum in <see cref="Files"/> by fully qualified name (with the leading dot).</summary>
    internal ProtoTypeIndex Types { get; }

    /// <summary>The index path of a message type of the main file, by full name with or without the leading dot.</summary>
    public IReadOnlyList<int>? IndexPathOf(string fullName)
    {
        var name = fullName.TrimStart('.');
        return MessageTypes.FirstOrDefault(m => m.FullName == name)?.IndexPath;
    }

    private static List<ProtobufMessageType> ListMessageTypes(FileDescriptorProto main)
    {
        var types = new List<ProtobufMessageType>();
        var prefix = string.IsNullOrEmpty(main.Package) ? "" : main.Package + ".";
        Walk(main.MessageTypes, prefix, []);
        return types;

        void Walk(IEnumerable<DescriptorProto> messages, string scope, int[] parent)
        {
            var index = 0;
            foreach (var message in messages.Where(m => m.Options?.MapEntry != true))
            {
                int[] path = [.. parent, index++];
                types.Add(new ProtobufMessageType(scope + message.Name, path, message));
                Walk(message.NestedTypes, scope + message.Name + ".", path);
            }
        }
    }
}
