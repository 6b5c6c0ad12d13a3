using System.Text;
using System.Text.Json;
using Avro;

namespace Gateway.Serdes;

/// <summary>Compiles an Apache.Avro schema into <see cref="AvroNode"/>s, encoding each field default once.</summary>
internal static class AvroCompiler
{
    public static AvroNode Compile(Schema schema)
    {
        var named = new Dictionary<string, AvroNode>(StringComparer.Ordinal);
        var defaults = new List<(AvroField Field, string Json)>();
        var root = Compile(schema, named, defaults);

        // Defaults are encoded once every named type is compiled, since a default may use any of them.
        var encoder = new AvroJsonEncoder();
        var output = new PayloadWriter();
        foreach (var (field, json) in defaults)
        {
            using var document = JsonDocument.Parse(json);
            output.Clear();
            field.DefaultBinary = encoder.Encode(field.Type, document.RootElement, output, sink: null, defaults: true)
                ? output.ToArray()
                : null;
        }

        return root;
    }

    private static AvroNode Compile(Schema schema, Dictionary<string, AvroNode> named, List<(AvroField, string)> defaults)
    {
        switch (schema)
        {
            case LogicalSchema logical:
                return Compile(logical.BaseSchema, named, defaults);
            case RecordSchema record:
            {
                if (named.TryGetValue(record.Fullname, out var known))
                {
                    return known;
                }

                var node = new AvroNode(AvroKind.Record, record.Fullname, record.Name);
                named[record.Fullname] = node;
                var fields = new AvroField[record.Fields.Count];
                for (var i = 0; i < fields.Length; i++)
                {
                    var field = record.Fields[i];
                    fields[i] = new AvroField(field.Name, Compile(field.Schema, named, defaults), null);
                    if (field.DefaultValue is not null)
                    {
                        defaults.Add((fields[i], field.DefaultValue.ToString(Newtonsoft.Json.Formatting.None)));
                    }
                }

                node.Fields = fields;
                return node;
            }

            case EnumSchema enumeration:
            {
                if (named.TryGetValue(enumeration.Fullname, out var known))
                {
                    return known;
                }

                var node = new AvroNode(AvroKind.Enum, enumeration.Fullname, enumeration.Name)
                {
                    Symbols = [.. enumeration.Symbols],
                };
                node.SymbolsUtf8 = [.. node.Symbols.Select(Encoding.UTF8.GetBytes)];
                named[enumeration.Fullname] = node;
                return node;
            }

            case FixedSchema fixedSchema:
            {
                if (named.TryGetValue(fixedSchema.Fullname, out var known))
                {
                    return known;
                }

                var node = new AvroNode(AvroKind.Fixed, fixedSchema.Fullname, fixedSchema.Name) { Size = fixedSchema.Size };
                named[fixedSchema.Fullname] = node;
                return node;
            }

            case ArraySchema array:
                return new AvroNode(AvroKind.Array, "array", "array") { Items = Compile(array.ItemSchema, named, defaults) };
            case MapSchema map:
                return new AvroNode(AvroKind.Map, "map", "map") { Items = Compile(map.ValueSchema, named, defaults) };
            case UnionSchema union:
            {
                var branches = union.Schemas.Select(s => Compile(s, named, defaults)).ToArray();
                return new AvroNode(AvroKind.Union, "union", "union")
                {
                    Branches = branches,
                    NullBranch = Array.FindIndex(branches, b => b.Kind == AvroKind.Null),
                };
            }

            default:
                return schema.Tag switch
                {
                    Schema.Type.Null => new AvroNode(AvroKind.Null, "null", "null"),
                    Schema.Type.Boolean => new AvroNode(AvroKind.Boolean, "boolean", "boolean"),
                    Schema.Type.Int => new AvroNode(AvroKind.Int, "int", "int"),
                    Schema.Type.Long => new AvroNode(AvroKind.Long, "long", "long"),
                    Schema.Type.Float => new AvroNode(AvroKind.Float, "float", "float"),
                    Schema.Type.Double => new AvroNode(AvroKind.Double, "double", "double"),
                    Schema.Type.Bytes => new AvroNode(AvroKind.Bytes, "bytes", "bytes"),
                    Schema.Type.String => new AvroNode(AvroKind.String, "string", "string"),
                    _ => throw new NotSupportedException($"Avro schema type {schema.Tag} is not supported"),
                };
        }
    }
}
