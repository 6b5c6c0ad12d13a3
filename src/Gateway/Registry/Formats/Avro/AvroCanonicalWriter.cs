using System.Text;
using System.Text.Json;

namespace Gateway.Registry.Formats;

/// <summary>
/// Prints an Avro schema as Avro's Java <c>Schema.toString</c> does, which is what Confluent stores and serves:
/// reserved attributes in Java's order, other properties as written, names relative to the enclosing namespace,
/// a named type in full at its first use and by name after, and types from references by name only. With
/// normalize, as Confluent's normalized form prints back: properties and aliases sorted, empty docs dropped,
/// default objects with sorted keys.
/// </summary>
/// <remarks>Walks the schema's JSON and Apache.Avro's model together: the JSON keeps properties and their order,
/// the model settles what each name refers to.</remarks>
internal sealed class AvroCanonicalWriter(bool normalize, AvroNamedTypeAliases aliases)
{
    private static readonly HashSet<string> SchemaReserved =
        ["doc", "fields", "items", "name", "namespace", "size", "symbols", "values", "type", "aliases"];

    private static readonly HashSet<string> FieldReserved = ["default", "doc", "name", "order", "type", "aliases"];

    private static readonly HashSet<string> PrimitiveNames =
        ["null", "boolean", "int", "long", "float", "double", "bytes", "string"];

    public string Write(JsonElement json, Avro.Schema schema)
    {
        var output = new StringBuilder();
        WriteSchema(output, json, schema, null);
        return output.ToString();
    }

    private void WriteSchema(StringBuilder o, JsonElement json, Avro.Schema schema, string? space)
    {
        if (json.ValueKind == JsonValueKind.Array)
        {
            var union = (Avro.UnionSchema)schema;
            o.Append('[');
            var i = 0;
            foreach (var branch in json.EnumerateArray())
            {
                if (i > 0)
                {
                    o.Append(',');
                }

                WriteSchema(o, branch, union.Schemas[i++], space);
            }

            o.Append(']');
            return;
        }

        var type = json.ValueKind == JsonValueKind.String ? json.GetString()! : json.GetProperty("type").GetString()!;
        if (schema is Avro.NamedSchema named && (json.ValueKind == JsonValueKind.String || !IsNamedDeclaration(type)))
        {
            JavaJson.WriteString(o, Qualified(named.Fullname, named.Namespace, space));
            return;
        }

        if (json.ValueKind == JsonValueKind.String)
        {
            JavaJson.WriteString(o, type);
            return;
        }

        switch (type)
        {
            case "record" or "error":
                WriteRecord(o, json, (Avro.RecordSchema)schema, type, space);
                break;
            case "enum":
                WriteEnum(o, json, (Avro.EnumSchema)schema, space);
                break;
            case "fixed":
                WriteFixed(o, json, (Avro.FixedSchema)schema, space);
                break;
            case "array":
                o.Append("{\"type\":\"array\",\"items\":");
                WriteSchema(o, json.GetProperty("items"), ((Avro.ArraySchema)Unwrap(schema)).ItemSchema, space);
                WriteProps(o, json, SchemaReserved);
                o.Append('}');
                break;
            case "map":
                o.Append("{\"type\":\"map\",\"values\":");
                WriteSchema(o, json.GetProperty("values"), ((Avro.MapSchema)Unwrap(schema)).ValueSchema, space);
                WriteProps(o, json, SchemaReserved);
                o.Append('}');
                break;
            default:
                WritePrimitive(o, json, type);
                break;
        }
    }

    private void WritePrimitive(StringBuilder o, JsonElement json, string type)
    {
        if (!json.EnumerateObject().Any(p => !SchemaReserved.Contains(p.Name)))
        {
            JavaJson.WriteString(o, type);
            return;
        }

        o.Append("{\"type\":");
        JavaJson.WriteString(o, type);
        WriteProps(o, json, SchemaReserved);
        o.Append('}');
    }

    private void WriteRecord(StringBuilder o, JsonElement json, Avro.RecordSchema record, string type, string? space)
    {
        Declare(record, json);
        o.Append("{\"type\":");
        JavaJson.WriteString(o, type);
        var own = WriteName(o, record, json, space);
        WriteDoc(o, json);
        o.Append(",\"fields\":[");
        var fields = json.GetProperty("fields");
        var i = 0;
        foreach (var field in fields.EnumerateArray())
        {
            if (i > 0)
            {
                o.Append(',');
            }

            WriteField(o, field, record.Fields[i++], own);
        }

        o.Append(']');
        WriteProps(o, json, SchemaReserved);
        WriteAliases(o, record);
        o.Append('}');
    }

    private void WriteField(StringBuilder o, JsonElement json, Avro.Field field, string? space)
    {
        o.Append("{\"name\":");
        JavaJson.WriteString(o, field.Name);
        o.Append(",\"type\":");
        WriteSchema(o, json.GetProperty("type"), field.Schema, space);
        WriteDoc(o, json);
        if (json.TryGetProperty("default", out var defaultValue))
        {
            o.Append(",\"default\":");
            JavaJson.WriteValue(o, defaultValue, normalize, numbersAsDoubles: true);
        }

        if (json.TryGetProperty("order", out var order) && order.ValueKind == JsonValueKind.String
            && !string.Equals(order.GetString(), "ascending", StringComparison.OrdinalIgnoreCase))
        {
            o.Append(",\"order\":");
            JavaJson.WriteString(o, order.GetString()!.ToLowerInvariant());
        }

        if (json.TryGetProperty("aliases", out var fieldAliases) && fieldAliases.ValueKind == JsonValueKind.Array
            && fieldAliases.GetArrayLength() > 0)
        {
            var names = fieldAliases.EnumerateArray().Select(a => a.GetString() ?? "").ToList();
            WriteStringArray(o, "aliases", normalize ? names.Order(StringComparer.Ordinal).Distinct() : names);
        }

        WriteProps(o, json, FieldReserved);
        o.Append('}');
    }

    private void WriteEnum(StringBuilder o, JsonElement json, Avro.EnumSchema schema, string? space)
    {
        Declare(schema, json);
        o.Append("{\"type\":\"enum\"");
        WriteName(o, schema, json, space);
        WriteDoc(o, json);
        WriteStringArray(o, "symbols", schema.Symbols);
        if (schema.Default is not null)
        {
            o.Append(",\"default\":");
            JavaJson.WriteString(o, schema.Default);
        }

        WriteProps(o, json, [.. SchemaReserved, "default"]);
        WriteAliases(o, schema);
        o.Append('}');
    }

    private void WriteFixed(StringBuilder o, JsonElement json, Avro.FixedSchema schema, string? space)
    {
        Declare(schema, json);
        o.Append("{\"type\":\"fixed\"");
        WriteName(o, schema, json, space);
        WriteDoc(o, json);
        o.Append(",\"size\":").Append(schema.Size);
        WriteProps(o, json, SchemaReserved);
        WriteAliases(o, schema);
        o.Append('}');
    }

    private void Declare(Avro.NamedSchema schema, JsonElement json)
    {
        var names = new List<string>();
        if (json.TryGetProperty("aliases", out var declared) && declared.ValueKind == JsonValueKind.Array)
        {
            foreach (var alias in declared.EnumerateArray())
            {
                var name = alias.GetString() ?? "";
                names.Add(name.Contains('.', StringComparison.Ordinal) || string.IsNullOrEmpty(schema.Namespace)
                    ? name
                    : schema.Namespace + "." + name);
            }
        }

        aliases.Add(schema.Fullname, names);
    }

    /// <summary>Writes name and namespace; returns the namespace the type's own names are relative to.</summary>
    private static string? WriteName(StringBuilder o, Avro.NamedSchema schema, JsonElement json, string? space)
    {
        o.Append(",\"name\":");
        JavaJson.WriteString(o, schema.Name);
        // Apache.Avro reads "namespace": "" as inherit; Avro's spec and Java read it as the null namespace.
        var explicitlyNone = !json.GetProperty("name").GetString()!.Contains('.', StringComparison.Ordinal)
            && json.TryGetProperty("namespace", out var declared) && declared.GetString() is "";
        var own = explicitlyNone || string.IsNullOrEmpty(schema.Namespace) ? null : schema.Namespace;
        if (own is not null && own != space)
        {
            o.Append(",\"namespace\":");
            JavaJson.WriteString(o, own);
        }
        else if (own is null && space is not null)
        {
            o.Append(",\"namespace\":\"\"");
        }

        return own;
    }

    private void WriteDoc(StringBuilder o, JsonElement json)
    {
        if (json.TryGetProperty("doc", out var doc) && doc.ValueKind == JsonValueKind.String
            && !(normalize && doc.GetString()!.Length == 0))
        {
            o.Append(",\"doc\":");
            JavaJson.WriteString(o, doc.GetString()!);
        }
    }

    private void WriteAliases(StringBuilder o, Avro.NamedSchema schema)
    {
        var full = aliases.Of(schema.Fullname);
        if (full.Count == 0)
        {
            return;
        }

        var relative = full.Select(a => Qualified(a, SpaceOf(a), schema.Namespace));
        WriteStringArray(o, "aliases", normalize ? relative.Order(StringComparer.Ordinal).Distinct() : relative);
    }

    private void WriteProps(StringBuilder o, JsonElement json, HashSet<string> reserved)
    {
        var props = json.EnumerateObject().Where(p => !reserved.Contains(p.Name)).ToList();
        if (normalize)
        {
            // Confluent's normalized form writes the logical type first, then the rest by name.
            props = [.. props.OrderBy(p => LogicalRank(p.Name)).ThenBy(p => p.Name, StringComparer.Ordinal)];
        }

        foreach (var prop in props)
        {
            o.Append(',');
            JavaJson.WriteString(o, prop.Name);
            o.Append(':');
            JavaJson.WriteValue(o, prop.Value, normalize, numbersAsDoubles: true);
        }
    }

    private static int LogicalRank(string name) => name switch
    {
        "logicalType" => 0,
        "precision" => 1,
        "scale" => 2,
        _ => 3,
    };

    private static void WriteStringArray(StringBuilder o, string key, IEnumerable<string> values)
    {
        o.Append(",\"").Append(key).Append("\":[");
        var first = true;
        foreach (var value in values)
        {
            if (!first)
            {
                o.Append(',');
            }

            first = false;
            JavaJson.WriteString(o, value);
        }

        o.Append(']');
    }

    // Java writes a name in full unless it is in the enclosing namespace and cannot be mistaken for a primitive.
    private static string Qualified(string fullName, string? space, string? enclosing)
    {
        var shortName = fullName[(fullName.LastIndexOf('.') + 1)..];
        return !string.IsNullOrEmpty(space) && space == enclosing && !PrimitiveNames.Contains(shortName)
            ? shortName
            : fullName;
    }

    private static string? SpaceOf(string fullName)
    {
        var dot = fullName.LastIndexOf('.');
        return dot < 0 ? null : fullName[..dot];
    }

    private static bool IsNamedDeclaration(string type) => type is "record" or "error" or "enum" or "fixed";

    private static Avro.Schema Unwrap(Avro.Schema schema) => schema is Avro.LogicalSchema logical ? logical.BaseSchema : schema;
}
