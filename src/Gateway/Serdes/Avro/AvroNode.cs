using System.Text;

namespace Gateway.Serdes;

/// <summary>The kinds of Avro schema a serde converts; logical types are compiled to their underlying type.</summary>
internal enum AvroKind : byte
{
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Record,
    Enum,
    Array,
    Map,
    Union,
    Fixed,
}

/// <summary>
/// An Avro schema compiled for conversion: what each kind needs on the hot path (field names as UTF-8, pre-encoded
/// defaults, symbols), with no reflection or lookups into Apache.Avro's model. Named types are shared, so a
/// recursive schema compiles to a graph.
/// </summary>
internal sealed class AvroNode(AvroKind kind, string label, string shortName)
{
    public AvroKind Kind { get; } = kind;

    /// <summary>The name a tagged union uses for this branch: a named type's full name, else the type's name ("string", "array").</summary>
    public string Label { get; } = label;

    /// <summary>A named type's name without namespace; the label otherwise.</summary>
    public string ShortName { get; } = shortName;

    public byte[] LabelUtf8 { get; } = Encoding.UTF8.GetBytes(label);

    public AvroField[] Fields { get; set; } = [];

    public string[] Symbols { get; set; } = [];

    public byte[][] SymbolsUtf8 { get; set; } = [];

    /// <summary>An array's items or a map's values.</summary>
    public AvroNode? Items { get; set; }

    public AvroNode[] Branches { get; set; } = [];

    /// <summary>The index of a union's null branch, or -1.</summary>
    public int NullBranch { get; set; } = -1;

    /// <summary>A fixed type's size in bytes.</summary>
    public int Size { get; set; }

    /// <summary>How a message names what was expected: "int", "record com.acme.User", "one of [null, string]".</summary>
    public string Description => Kind switch
    {
        AvroKind.Record => $"record {Label}",
        AvroKind.Enum => $"enum {Label}",
        AvroKind.Fixed => $"fixed {Label} ({Size} bytes)",
        AvroKind.Union => $"one of [{string.Join(", ", Branches.Select(b => b.Label))}]",
        _ => Label,
    };
}

/// <summary>A record's field: its name, type and, when it has a default, the default's Avro binary encoding.</summary>
internal sealed class AvroField(string name, AvroNode type, byte[]? defaultBinary)
{
    public string Name { get; } = name;

    public byte[] NameUtf8 { get; } = Encoding.UTF8.GetBytes(name);

    public AvroNode Type { get; } = type;

    public byte[]? DefaultBinary { get; set; } = defaultBinary;
}
