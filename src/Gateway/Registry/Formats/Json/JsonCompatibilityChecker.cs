using System.Text.Json;

namespace Gateway.Registry.Formats;

/// <summary>
/// Confluent's JSON Schema rules (its <c>SchemaDiff</c>, strict policy): compares the writer's schema (original)
/// with the reader's (update) and reports the differences Confluent does not accept.
/// <list type="bullet">
/// <item>Compared as Confluent does: <c>type</c> (a change is TYPE_CHANGED; integer to number widens; anything to
/// <c>{}</c>/<c>true</c> widens), <c>properties</c> and the content model (<c>additionalProperties</c>,
/// <c>patternProperties</c>, <c>unevaluatedProperties</c>: open, closed or partially open), <c>required</c>,
/// <c>dependencies</c>/<c>dependentRequired</c>/<c>dependentSchemas</c>, <c>minProperties</c>/<c>maxProperties</c>,
/// <c>items</c> (schema or tuple, <c>prefixItems</c>), <c>additionalItems</c>, <c>unevaluatedItems</c>,
/// <c>minItems</c>/<c>maxItems</c>, <c>uniqueItems</c>, <c>minContains</c>/<c>maxContains</c>,
/// <c>minLength</c>/<c>maxLength</c>, <c>pattern</c>, <c>minimum</c>/<c>maximum</c>, <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c>
/// (draft 4's boolean form read as a limit), <c>multipleOf</c>, <c>enum</c>, <c>const</c>, <c>not</c>, and
/// <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c> (criterion changes and a maximum matching of compatible subschemas).
/// <c>$ref</c> is followed (recursion ends as compatible, as in Confluent).</item>
/// <item>Conservative, beyond Confluent: <c>format</c>, <c>contains</c>, <c>propertyNames</c>, <c>if</c>/<c>then</c>/<c>else</c>
/// added or changed in the reader is UNCHECKED_KEYWORD_CHANGED (incompatible); removed is accepted, since
/// dropping a constraint only widens.</item>
/// <item>Ignored as annotations: <c>title</c>, <c>description</c>, <c>default</c>, <c>examples</c>, <c>$id</c>, <c>$comment</c>,
/// <c>deprecated</c>, <c>readOnly</c>, <c>writeOnly</c> and unknown keywords.</item>
/// </list>
/// </summary>
internal sealed class JsonCompatibilityChecker(JsonSchemaModel original, JsonSchemaModel update)
{
    private static readonly string[] UncheckedKeywords = ["format", "contains", "propertyNames", "if", "then", "else"];

    public JsonSchemaModel OriginalModel { get; } = original;

    public JsonSchemaModel UpdateModel { get; } = update;

    /// <summary>Every difference found (compatible ones included), with Confluent's paths.</summary>
    public List<(string Type, string Path)> Compare()
    {
        var context = new JsonDiffContext();
        Compare(context, OriginalModel.Root(), UpdateModel.Root());
        return context.Differences;
    }

    public void Compare(JsonDiffContext context, JsonSchemaNode? original, JsonSchemaNode? update)
    {
        if (original is null && update is null)
        {
            return;
        }

        if (original is null)
        {
            context.Add("SCHEMA_ADDED");
            return;
        }

        if (update is null)
        {
            context.Add("SCHEMA_REMOVED");
            return;
        }

        if (!context.Begin(original, update))
        {
            return;
        }

        CompareTypes(context, original, update);
        // Once per schema object, not per part a type array or allOf of concerns splits it into.
        if (!original.Key.Contains('|', StringComparison.Ordinal) && !update.Key.Contains('|', StringComparison.Ordinal))
        {
            CompareUnchecked(context, original, update);
        }

        context.End(original, update);
    }

    private void CompareTypes(JsonDiffContext context, JsonSchemaNode original, JsonSchemaNode update)
    {
        if (original.Kind != JsonSchemaKind.Combined && update.Kind == JsonSchemaKind.Combined)
        {
            if (update.Subschemas.Count == 1 && TryAdopt(context, original, update.Subschemas[0], null))
            {
                return;
            }

            if (update.Criterion is "anyOf" or "oneOf"
                && update.Subschemas.Any(s => TryAdopt(context, original, s, "SUM_TYPE_EXTENDED")))
            {
                return;
            }
        }
        else if (original.Kind == JsonSchemaKind.Combined && update.Kind != JsonSchemaKind.Combined)
        {
            if (original.Subschemas.Count == 1 && TryAdopt(context, original.Subschemas[0], update, null))
            {
                return;
            }

            if (original.Criterion == "allOf"
                && original.Subschemas.Any(s => TryAdopt(context, s, update, "PRODUCT_TYPE_NARROWED")))
            {
                return;
            }
        }

        if (original.Kind != update.Kind)
        {
            if (original.Kind != JsonSchemaKind.False && update.Kind != JsonSchemaKind.Empty)
            {
                context.Add("TYPE_CHANGED");
            }

            return;
        }

        switch (original.Kind)
        {
            case JsonSchemaKind.String:
                JsonValueDiff.CompareString(context, original, update);
                break;
            case JsonSchemaKind.Number:
                JsonValueDiff.CompareNumber(context, original, update);
                break;
            case JsonSchemaKind.Enum:
                JsonValueDiff.CompareEnum(context, original, update);
                break;
            case JsonSchemaKind.Const:
                JsonValueDiff.CompareConst(context, original, update);
                break;
            case JsonSchemaKind.Combined:
                JsonCombinedDiff.Compare(this, context, original, update);
                break;
            case JsonSchemaKind.Not:
                CompareNot(context, original, update);
                break;
            case JsonSchemaKind.Object:
                new JsonObjectDiff(this).Compare(context, original, update);
                break;
            case JsonSchemaKind.Array:
                new JsonArrayDiff(this).Compare(context, original, update);
                break;
        }
    }

    // Compares against one part; keeps the outcome only when that part alone is compatible.
    private bool TryAdopt(JsonDiffContext context, JsonSchemaNode original, JsonSchemaNode update, string? widening)
    {
        var sub = context.Sub();
        Compare(sub, original, update);
        if (!sub.IsCompatible)
        {
            return false;
        }

        context.AddAll(sub);
        if (widening is not null)
        {
            context.Add(widening);
        }

        return true;
    }

    private void CompareNot(JsonDiffContext context, JsonSchemaNode original, JsonSchemaNode update)
    {
        context.Enter("not");
        var sub = context.Sub();
        // What must not match swaps roles: the reader may forbid less.
        Compare(sub, update.Subschemas[0], original.Subschemas[0]);
        context.Add(sub.IsCompatible ? "NOT_TYPE_NARROWED" : "NOT_TYPE_EXTENDED");
        context.Leave();
    }

    private static void CompareUnchecked(JsonDiffContext context, JsonSchemaNode original, JsonSchemaNode update)
    {
        foreach (var keyword in UncheckedKeywords)
        {
            if (update.Get(keyword) is { } now && (original.Get(keyword) is not { } before || !JsonElement.DeepEquals(before, now)))
            {
                context.Add(keyword, JsonDifference.UncheckedKeywordChanged);
            }
        }
    }
}
