using System.Runtime.CompilerServices;

namespace Gateway.Registry.Formats;

/// <summary>
/// Avro's schema resolution rules as Avro's Java <c>SchemaCompatibility</c> applies them and Confluent reports
/// them: promotions int to long, float and double, long to float and double, float to double, string and bytes
/// either way; named types matched by full name or a reader alias; reader fields missing from the writer need a
/// default; writer enum symbols missing from the reader need a reader enum default; every writer union branch
/// must be readable. Paths are JSON pointers into the reader schema, as Java builds them (including its habit of
/// restarting at "/" inside a writer union's branches).
/// </summary>
/// <remarks>Apache.Avro's <c>Schema.CanRead</c> answers yes or no only, and refuses string/bytes promotion; this
/// follows Java so the verdicts and messages match Confluent's.</remarks>
internal sealed class AvroCompatibilityChecker(AvroNamedTypeAliases readerAliases, SchemaRoles roles)
{
    private readonly Dictionary<(Avro.Schema Reader, Avro.Schema Writer), List<Incompatibility>?> _memo =
        new(new PairComparer());

    public IReadOnlyList<Incompatibility> Check(Avro.Schema reader, Avro.Schema writer) => Pair(reader, writer, []);

    // A pair still being checked counts as compatible, which is how recursive types end.
    private List<Incompatibility> Pair(Avro.Schema reader, Avro.Schema writer, List<string> location)
    {
        reader = Unwrap(reader);
        writer = Unwrap(writer);
        if (_memo.TryGetValue((reader, writer), out var known))
        {
            return known ?? [];
        }

        _memo[(reader, writer)] = null;
        var result = Calculate(reader, writer, location);
        _memo[(reader, writer)] = result;
        return result;
    }

    private List<Incompatibility> Pair(string token, Avro.Schema reader, Avro.Schema writer, List<string> location)
    {
        location.Add(token);
        var result = Pair(reader, writer, location);
        location.RemoveAt(location.Count - 1);
        return result;
    }

    private List<Incompatibility> Calculate(Avro.Schema reader, Avro.Schema writer, List<string> location)
    {
        if (reader.Tag == writer.Tag)
        {
            return reader switch
            {
                Avro.ArraySchema array => Pair("items", array.ItemSchema, ((Avro.ArraySchema)writer).ItemSchema, location),
                Avro.MapSchema map => Pair("values", map.ValueSchema, ((Avro.MapSchema)writer).ValueSchema, location),
                Avro.FixedSchema fixedReader => [.. Names(fixedReader, (Avro.NamedSchema)writer, location),
                    .. FixedSize(fixedReader, (Avro.FixedSchema)writer, location)],
                Avro.EnumSchema enumReader => [.. Names(enumReader, (Avro.NamedSchema)writer, location),
                    .. EnumSymbols(enumReader, (Avro.EnumSchema)writer, location)],
                Avro.RecordSchema recordReader => [.. Names(recordReader, (Avro.NamedSchema)writer, location),
                    .. Fields(recordReader, (Avro.RecordSchema)writer, location)],
                Avro.UnionSchema union => WriterBranches(union, (Avro.UnionSchema)writer, location),
                _ => [],
            };
        }

        if (writer is Avro.UnionSchema writerUnion)
        {
            // Java checks each branch from a fresh location, so these problems carry paths from "/".
            return [.. writerUnion.Schemas.SelectMany(branch => Pair(reader, branch, []))];
        }

        if (reader is Avro.UnionSchema readerUnion)
        {
            foreach (var branch in readerUnion.Schemas)
            {
                if (Pair(branch, writer, []).Count == 0)
                {
                    return [];
                }
            }

            return [Problem("MISSING_UNION_BRANCH", location, $"reader union lacking writer type: {TypeName(writer)}")];
        }

        return Promotes(reader.Tag, writer.Tag) ? [] : [TypeMismatch(reader, writer, location)];
    }

    private List<Incompatibility> WriterBranches(Avro.UnionSchema reader, Avro.UnionSchema writer, List<string> location)
    {
        var result = new List<Incompatibility>();
        for (var i = 0; i < writer.Schemas.Count; i++)
        {
            location.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (Pair(reader, writer.Schemas[i], []).Count > 0)
            {
                result.Add(Problem("MISSING_UNION_BRANCH", location,
                    $"reader union lacking writer type: {TypeName(writer.Schemas[i])}"));
            }

            location.RemoveAt(location.Count - 1);
        }

        return result;
    }

    private List<Incompatibility> Fields(Avro.RecordSchema reader, Avro.RecordSchema writer, List<string> location)
    {
        var result = new List<Incompatibility>();
        location.Add("fields");
        foreach (var readerField in reader.Fields)
        {
            location.Add(readerField.Pos.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var writerField = WriterField(writer, readerField);
            if (writerField is null)
            {
                if (readerField.DefaultValue is null)
                {
                    result.Add(Problem("READER_FIELD_MISSING_DEFAULT_VALUE", location, readerField.Name));
                }
            }
            else
            {
                result.AddRange(Pair("type", readerField.Schema, writerField.Schema, location));
            }

            location.RemoveAt(location.Count - 1);
        }

        location.RemoveAt(location.Count - 1);
        return result;
    }

    private static Avro.Field? WriterField(Avro.RecordSchema writer, Avro.Field readerField)
    {
        if (writer.TryGetField(readerField.Name, out var direct))
        {
            return direct;
        }

        foreach (var alias in readerField.Aliases ?? [])
        {
            if (writer.TryGetField(alias, out var aliased))
            {
                return aliased;
            }
        }

        return null;
    }

    private List<Incompatibility> EnumSymbols(Avro.EnumSchema reader, Avro.EnumSchema writer, List<string> location)
    {
        var missing = writer.Symbols.Except(reader.Symbols).Order(StringComparer.Ordinal).ToList();
        var readerDefaults = reader.Default is not null && reader.Symbols.Contains(reader.Default);
        if (missing.Count == 0 || readerDefaults)
        {
            return [];
        }

        location.Add("symbols");
        var problem = Problem("MISSING_ENUM_SYMBOLS", location, $"[{string.Join(", ", missing)}]");
        location.RemoveAt(location.Count - 1);
        return [problem];
    }

    private List<Incompatibility> FixedSize(Avro.FixedSchema reader, Avro.FixedSchema writer, List<string> location)
    {
        if (reader.Size == writer.Size)
        {
            return [];
        }

        location.Add("size");
        var problem = Problem("FIXED_SIZE_MISMATCH", location, $"expected: {writer.Size}, found: {reader.Size}");
        location.RemoveAt(location.Count - 1);
        return [problem];
    }

    private List<Incompatibility> Names(Avro.NamedSchema reader, Avro.NamedSchema writer, List<string> location)
    {
        if (reader.Fullname == writer.Fullname || readerAliases.Of(reader.Fullname).Contains(writer.Fullname))
        {
            return [];
        }

        location.Add("name");
        var problem = Problem("NAME_MISMATCH", location, $"expected: {writer.Fullname}");
        location.RemoveAt(location.Count - 1);
        return [problem];
    }

    private Incompatibility TypeMismatch(Avro.Schema reader, Avro.Schema writer, List<string> location) =>
        Problem("TYPE_MISMATCH", location, $"reader type: {TypeName(reader)} not compatible with writer type: {TypeName(writer)}");

    private static bool Promotes(Avro.Schema.Type reader, Avro.Schema.Type writer) => (reader, writer) switch
    {
        (Avro.Schema.Type.Long, Avro.Schema.Type.Int) => true,
        (Avro.Schema.Type.Float, Avro.Schema.Type.Int or Avro.Schema.Type.Long) => true,
        (Avro.Schema.Type.Double, Avro.Schema.Type.Int or Avro.Schema.Type.Long or Avro.Schema.Type.Float) => true,
        (Avro.Schema.Type.Bytes, Avro.Schema.Type.String) => true,
        (Avro.Schema.Type.String, Avro.Schema.Type.Bytes) => true,
        _ => false,
    };

    private Incompatibility Problem(string type, List<string> location, string detail)
    {
        var path = "/" + string.Join("/", location.Select(t => t.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));
        return new Incompatibility(type, path, AvroProblemText.Describe(type, path, detail, roles)) { AdditionalInfo = detail };
    }

    // Java prints type names upper case, as its enum spells them.
    private static string TypeName(Avro.Schema schema) => Unwrap(schema).Tag switch
    {
        Avro.Schema.Type.Enumeration => "ENUM",
        Avro.Schema.Type.Error => "RECORD",
        var tag => tag.ToString().ToUpperInvariant(),
    };

    private static Avro.Schema Unwrap(Avro.Schema schema) => schema is Avro.LogicalSchema logical ? logical.BaseSchema : schema;

    private sealed class PairComparer : IEqualityComparer<(Avro.Schema Reader, Avro.Schema Writer)>
    {
        public bool Equals((Avro.Schema Reader, Avro.Schema Writer) x, (Avro.Schema Reader, Avro.Schema Writer) y) =>
            ReferenceEquals(x.Reader, y.Reader) && ReferenceEquals(x.Writer, y.Writer);

        public int GetHashCode((Avro.Schema Reader, Avro.Schema Writer) pair) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(pair.Reader), RuntimeHelpers.GetHashCode(pair.Writer));
    }
}
