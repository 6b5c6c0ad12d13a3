using System.Text.Json;

namespace Gateway.Registry.Formats;

/// <summary>
/// AVRO: parsed by Apache.Avro with references parsed first, in the order given, into one table of names, so the
/// main schema uses their named types by full name (pass a reference's own references too, dependencies first).
/// Defaults are checked as Avro's Java parser checks them when Confluent registers a new schema.
/// </summary>
internal sealed class AvroFormat : ISchemaFormat
{
    public SchemaType Type => SchemaType.Avro;

    public (ParsedSchema? Schema, SchemaProblem? Problem) Parse(
        string text, IReadOnlyList<ResolvedReference> references, bool normalize)
    {
        if (ReferenceTypes.Mismatch(Type, references) is { } mismatch)
        {
            return (null, mismatch);
        }

        var names = new Avro.SchemaNames();
        var aliases = new AvroNamedTypeAliases();
        foreach (var reference in references)
        {
            var (referenceSchema, problem) = ParseOne(reference.Schema, names);
            if (referenceSchema is null)
            {
                return (null, new SchemaProblem($"Reference '{reference.Name}' is not a valid Avro schema: {problem}"));
            }

            using var referenceJson = JsonDocument.Parse(reference.Schema);
            // Writing the reference registers its named types and aliases; the text itself is not kept.
            new AvroCanonicalWriter(normalize, aliases).Write(referenceJson.RootElement, referenceSchema);
        }

        var (schema, error) = ParseOne(text, names);
        if (schema is null)
        {
            return (null, new SchemaProblem(error!));
        }

        using var json = JsonDocument.Parse(text);
        if (AvroDefaults.FirstInvalid(json.RootElement, schema) is { } invalidDefault)
        {
            return (null, new SchemaProblem(invalidDefault));
        }

        var canonical = new AvroCanonicalWriter(normalize, aliases).Write(json.RootElement, schema);
        return (new AvroParsedSchema(schema, canonical, aliases, references), null);
    }

    public IReadOnlyList<Incompatibility> ReadIncompatibilities(ParsedSchema reader, ParsedSchema writer, SchemaRoles roles)
    {
        var avroReader = (AvroParsedSchema)reader;
        var avroWriter = (AvroParsedSchema)writer;
        return new AvroCompatibilityChecker(avroReader.Aliases, roles).Check(avroReader.Schema, avroWriter.Schema);
    }

    private static (Avro.Schema? Schema, string? Problem) ParseOne(string text, Avro.SchemaNames names)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            if (AvroShape.FirstProblem(json.RootElement) is { } shapeProblem)
            {
                return (null, shapeProblem);
            }
        }
        catch (JsonException e)
        {
            return (null, $"Invalid JSON: {e.Message}");
        }

        try
        {
            // Apache.Avro answers an object of unknown "type" with null at the top and ArgumentNullException below.
            var schema = Avro.Schema.Parse(text, names, null);
            return schema is null ? (null, UnsupportedType(text)) : (schema, null);
        }
        catch (ArgumentNullException)
        {
            return (null, UnsupportedType(text));
        }
        catch (Avro.AvroException e)
        {
            return (null, e.Message);
        }
        catch (Newtonsoft.Json.JsonException e)
        {
            return (null, $"Invalid JSON: {e.Message}");
        }
    }

    private static string UnsupportedType(string text)
    {
        using var json = JsonDocument.Parse(text);
        return $"Type not supported: {AvroShape.FirstUnknownObjectType(json.RootElement)}";
    }
}
