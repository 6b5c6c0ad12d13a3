using Google.Protobuf.Reflection;

namespace Gateway.Registry.Formats;

/// <summary>
/// PROTOBUF: .proto text (proto2 or proto3) parsed by protobuf-net.Reflection. Each reference is added under its
/// name, so <c>import "name"</c> of a reference resolves; google/protobuf's well-known types come with the parser;
/// nothing is read from disk. The canonical text is the file printed as Confluent prints it when this library can
/// print everything in it, otherwise the text as given (see <see cref="ProtoPrintability"/>).
/// </summary>
internal sealed class ProtobufFormat : ISchemaFormat
{
    public SchemaType Type => SchemaType.Protobuf;

    public (ParsedSchema? Schema, SchemaProblem? Problem) Parse(
        string text, IReadOnlyList<ResolvedReference> references, bool normalize)
    {
        if (ReferenceTypes.Mismatch(Type, references) is { } mismatch)
        {
            return (null, mismatch);
        }

        var files = new FileDescriptorSet { FileSystem = NoFiles.Instance };
        foreach (var reference in references)
        {
            files.Add(reference.Name, true, new StringReader(reference.Schema));
        }

        var mainName = MainFileName(references);
        files.Add(mainName, true, new StringReader(text));
        var main = files.Files.Single(f => f.Name == mainName);
        var raw = ProtoRawNames.Capture(main);
        files.Process();
        var errors = files.GetErrors().Where(e => e.IsError).ToList();
        if (errors.Count > 0)
        {
            return (null, new SchemaProblem(Describe(errors, mainName)));
        }

        var syntax = ProtoTokens.DeclaredSyntax(text);
        var types = new ProtoTypeIndex(files);
        var printed = ProtoPrintability.CanPrint(main, syntax) ? new ProtoPrinter(main, raw, types, syntax, normalize).Print() : null;
        var (canonical, identity) = printed is not null ? (printed, printed) : (text, ProtoTokens.Joined(text));
        return (new ProtobufParsedSchema(files, main, canonical, identity, references), null);
    }

    public IReadOnlyList<Incompatibility> ReadIncompatibilities(ParsedSchema reader, ParsedSchema writer, SchemaRoles roles) =>
        new ProtobufCompatibilityChecker((ProtobufParsedSchema)writer, (ProtobufParsedSchema)reader, roles).Differences();

    // The main file needs a name of its own that no reference uses.
    private static string MainFileName(IReadOnlyList<ResolvedReference> references)
    {
        var name = "schema.proto";
        while (references.Any(r => r.Name == name))
        {
            name = "_" + name;
        }

        return name;
    }

    private static string Describe(List<ProtoBuf.Reflection.Error> errors, string mainName) => string.Join("; ", errors
        .OrderBy(e => e.File != mainName).ThenBy(e => e.LineNumber).ThenBy(e => e.ColumnNumber)
        .Select(e => (e.File == mainName ? "" : $"{e.File}: ") + $"line {e.LineNumber}, column {e.ColumnNumber}: {e.Message}"));

    private sealed class NoFiles : IFileSystem
    {
        public static NoFiles Instance { get; } = new();

        public bool Exists(string path) => false;

        public TextReader? OpenText(string path) => null;
    }
}
