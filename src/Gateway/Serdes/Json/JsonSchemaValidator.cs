using System.Text.Json;
using Gateway.Registry.Formats;
using Json.Schema;

namespace Gateway.Serdes;

/// <summary>
/// A registry JSON Schema built for validation with JsonSchema.Net: drafts 6, 7, 2019-09 and 2020-12 as declared in
/// <c>$schema</c>, draft 4 through <see cref="Draft4Schema"/>, draft 7 when none is declared (as Confluent's
/// registry assumes). Each reference is registered under its name, as an absolute URI and relative to the main
/// schema's base, so <c>$ref</c> by a reference's name resolves as the registry resolves it. Formats are validated,
/// as Confluent's validator does.
/// </summary>
internal sealed class JsonSchemaValidator
{
    /// <summary>The base URI of a main schema without an absolute <c>$id</c>; never fetched.</summary>
    public static readonly Uri SyntheticBase = new("https://schema.gateway.invalid/schemas/main.json");

    private static readonly EvaluationOptions Flag = new() { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };
    private static readonly EvaluationOptions List = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
    private static readonly EvaluationOptions FlagWithoutAnnotations = WithoutAnnotations(OutputFormat.Flag);
    private static readonly EvaluationOptions ListWithoutAnnotations = WithoutAnnotations(OutputFormat.List);

    private readonly EvaluationOptions _flag;
    private readonly EvaluationOptions _list;

    private readonly JsonSchema? _schema;
    private readonly string? _problem;

    public JsonSchemaValidator(JsonParsedSchema parsed)
    {
        // Only unevaluatedProperties and unevaluatedItems read annotations; collecting them doubles the cost.
        var readsAnnotations = parsed.Canonical.Contains("\"unevaluated", StringComparison.Ordinal)
            || parsed.References.Any(r => r.Schema.Contains("\"unevaluated", StringComparison.Ordinal));
        (_flag, _list) = readsAnnotations ? (Flag, List) : (FlagWithoutAnnotations, ListWithoutAnnotations);
        try
        {
            _schema = Build(parsed);
        }
        catch (JsonSchemaException e)
        {
            // Also an unresolvable $ref (RefResolutionException).
            _problem = e.Message;
        }
    }

    private static JsonSchema Build(JsonParsedSchema parsed)
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft07 };
        var mainBase = AbsoluteId(parsed.Root) ?? SyntheticBase;
        foreach (var (name, document) in parsed.ReferenceDocuments)
        {
            var uris = ReferenceUris(name, mainBase);
            var reference = JsonSchema.Build(Draft4Schema.Adapted(document), options, uris[0]);
            foreach (var uri in uris.Skip(1))
            {
                options.SchemaRegistry.Register(uri, reference);
            }
        }

        return JsonSchema.Build(Draft4Schema.Adapted(parsed.Root), options, SyntheticBase);
    }

    /// <summary>Reports every way <paramref name="value"/> fails the schema; false when it does.</summary>
    public bool Validate(JsonElement value, ViolationSink violations)
    {
        if (_schema is null)
        {
            violations.Add("", "schema", $"the schema cannot be used for validation: {_problem}");
            return false;
        }

        if (_schema.Evaluate(value, _flag).IsValid)
        {
            return true;
        }

        var results = _schema.Evaluate(value, _list);
        var reported = false;
        foreach (var detail in results.Details ?? [])
        {
            if (detail.Errors is not { } errors)
            {
                continue;
            }

            foreach (var (key, message) in errors)
            {
                var pointer = detail.InstanceLocation.ToString();
                var keyword = Keyword(key, detail.EvaluationPath.ToString());
                violations.Add(pointer, keyword, key.Length == 0 ? Disallowed(pointer, keyword) : message);
                reported = true;
            }
        }

        if (!reported)
        {
            violations.Add("", "schema", "the value does not match the schema");
        }

        return false;
    }

    private static EvaluationOptions WithoutAnnotations(OutputFormat format)
    {
        var options = new EvaluationOptions { OutputFormat = format, RequireFormatValidation = true };
        options.IgnoreAllAnnotations();
        return options;
    }

    // An error of a false subschema (additionalProperties: false) has no key: its keyword is the path's last named step.
    private static string Keyword(string key, string evaluationPath)
    {
        if (key.Length > 0)
        {
            return key;
        }

        var steps = evaluationPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = steps.Length - 1; i >= 0; i--)
        {
            if (!int.TryParse(steps[i], out _) && (i == 0 || steps[i - 1] is not ("properties" or "patternProperties" or "$defs" or "definitions")))
            {
                return steps[i];
            }
        }

        return "schema";
    }

    // A false subschema's own message ("All values fail against the false schema") does not say what is wrong.
    private static string Disallowed(string pointer, string keyword)
    {
        var member = pointer[(pointer.LastIndexOf('/') + 1)..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        return keyword.EndsWith("Items", StringComparison.Ordinal)
            ? $"item {member} is not allowed by {keyword}"
            : $"property '{member}' is not allowed by {keyword}";
    }

    private static Uri? AbsoluteId(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("$id", out var id) && id.ValueKind == JsonValueKind.String
        && Uri.TryCreate(id.GetString(), UriKind.Absolute, out var uri) ? uri : null;

    private static List<Uri> ReferenceUris(string name, Uri mainBase)
    {
        var uris = new List<Uri>();
        if (Uri.TryCreate(name, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" or "urn" or "file")
        {
            uris.Add(absolute);
        }

        foreach (var root in new[] { SyntheticBase, mainBase })
        {
            if (Uri.TryCreate(root, name, out var relative) && !uris.Contains(relative))
            {
                uris.Add(relative);
            }
        }

        return uris;
    }
}
