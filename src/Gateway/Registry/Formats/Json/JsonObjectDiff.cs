using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gateway.Registry.Formats;

/// <summary>
/// Confluent's object comparison. The content model decides what adding or removing a property means: open
/// (no additionalProperties, patternProperties or unevaluatedProperties limits), closed, or partially open (a
/// pattern or additional-properties schema covers other names).
/// </summary>
internal sealed class JsonObjectDiff(JsonCompatibilityChecker checker)
{
    public void Compare(JsonDiffContext context, JsonSchemaNode original, JsonSchemaNode update)
    {
        var originalModel = checker.OriginalModel;
        var updateModel = checker.UpdateModel;
        var before = Properties(original, originalModel);
        var after = Properties(update, updateModel);
        var requiredBefore = Required(original);
        var requiredAfter = Required(update);

        context.Enter("required");
        foreach (var name in before.Keys.Where(after.ContainsKey))
        {
            var was = requiredBefore.Contains(name);
            var isNow = requiredAfter.Contains(name);
            if (was && !isNow)
            {
                context.Add(name, "REQUIRED_ATTRIBUTE_REMOVED");
            }
            else if (!was && isNow)
            {
                context.Add(name, after[name].Has("default") ? "REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED" : "REQUIRED_ATTRIBUTE_ADDED");
            }
        }

        context.Leave();

        context.Enter("properties");
        foreach (var name in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            context.Enter(name);
            before.TryGetValue(name, out var was);
            after.TryGetValue(name, out var isNow);
            if (isNow is null)
            {
                Removed(context, was!, update, updateModel, name);
            }
            else if (was is null)
            {
                Added(context, isNow, original, originalModel, requiredAfter.Contains(name), name);
            }
            else
            {
                checker.Compare(context, was, isNow);
            }

            context.Leave();
        }

        context.Leave();
        CompareDependencies(context, original, update);
        CompareAdditional(context, original, update);
        CompareUnevaluated(context, original, update);
        JsonValueDiff.Limit(context, "maxProperties", original.Number("maxProperties"), update.Number("maxProperties"), "MAX_PROPERTIES");
        JsonValueDiff.Limit(context, "minProperties", original.Number("minProperties"), update.Number("minProperties"), "MIN_PROPERTIES");
    }

    private void Removed(JsonDiffContext context, JsonSchemaNode was, JsonSchemaNode update, JsonSchemaModel updateModel, string name)
    {
        if (IsOpen(update))
        {
            context.Add("PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL");
        }
        else if (Covering(update, updateModel, name) is { } covering)
        {
            var sub = context.Sub();
            checker.Compare(sub, was, covering);
            context.AddAll(sub);
            context.Add(sub.IsCompatible ? "PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL" : "PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL");
        }
        else
        {
            context.Add(was.Kind == JsonSchemaKind.False ? "PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL" : "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL");
        }
    }

    private void Added(JsonDiffContext context, JsonSchemaNode isNow, JsonSchemaNode original, JsonSchemaModel originalModel, bool required, string name)
    {
        var withDefault = isNow.Has("default");
        if (IsOpen(original))
        {
            context.Add(isNow.Kind == JsonSchemaKind.Empty
                    ? "PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL"
                    : !required ? "OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL"
                    : withDefault ? "REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL"
                    : "REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL");
            return;
        }

        if (Covering(original, originalModel, name) is { } covering)
        {
            var sub = context.Sub();
            checker.Compare(sub, covering, isNow);
            context.AddAll(sub);
            context.Add(sub.IsCompatible ? "PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL" : "PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL");
        }

        context.Add(!required ? "OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL"
            : withDefault ? "REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL"
            : "REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL");
    }

    private void CompareDependencies(JsonDiffContext context, JsonSchemaNode original, JsonSchemaNode update)
    {
        context.Enter("dependencies");
        var namesBefore = DependencyNames(original);
        var namesAfter = DependencyNames(update);
        foreach (var key in namesBefore.Keys.Union(namesAfter.Keys).Order(StringComparer.Ordinal))
        {
            context.Enter(key);
            if (!namesAfter.TryGetValue(key, out var now))
            {
                context.Add("DEPENDENCY_ARRAY_REMOVED");
            }
            else if (!namesBefore.TryGetValue(key, out var was))
            {
                context.Add("DEPENDENCY_ARRAY_ADDED");
            }
            else if (!was.SetEquals(now))
            {
                context.Add(now.IsSupersetOf(was) ? "DEPENDENCY_ARRAY_EXTENDED"
                    : was.IsSupersetOf(now) ? "DEPENDENCY_ARRAY_NARROWED"
                    : "DEPENDENCY_ARRAY_CHANGED");
            }

            context.Leave();
        }

        var schemasBefore = DependencySchemas(original, checker.OriginalModel);
        var schemasAfter = DependencySchemas(update, checker.UpdateModel);
        foreach (var key in schemasBefore.Keys.Union(schemasAfter.Keys).Order(StringComparer.Ordinal))
        {
            context.Enter(key);
            if (!schemasAfter.TryGetValue(key, out var now))
            {
                context.Add("DEPENDENCY_SCHEMA_REMOVED");
            }
            else if (!schemasBefore.TryGetValue(key, out var was))
            {
                context.Add("DEPENDENCY_SCHEMA_ADDED");
            }
            else
            {
                checker.Compare(context, was, now);
            }

            context.Leave();
        }

        context.Leave();
    }

    private void CompareAdditional(JsonDiffContext context, JsonSchemaNode original, JsonSchemaNode update)
    {
        context.Enter("additionalProperties");
        var permittedBefore = original.Get("additionalProperties") is not { ValueKind: JsonValueKind.False };
        var permittedAfter = update.Get("additionalProperties") is not { ValueKind: JsonValueKind.False };
        var schemaBefore = original.Get("additionalProperties") is { ValueKind: JsonValueKind.Object } ? checker.OriginalModel.Child(original, "additionalProperties") : null;
        var schemaAfter = update.Get("additionalProperties") is { ValueKind: JsonValueKind.Object } ? checker.UpdateModel.Child(update, "additionalProperties") : null;
        if (permittedBefore != permittedAfter)
        {
            context.Add(permittedAfter ? "ADDITIONAL_PROPERTIES_ADDED" : "ADDITIONAL_PROPERTIES_REMOVED");
        }
        else if (schemaBefore is null && schemaAfter is not null)
        {
            context.Add("ADDITIONAL_PROPERTIES_NARROWED");
        }
        else if (schemaBefore is not null && schemaAfter is null)
        {
            context.Add("ADDITIONAL_PROPERTIES_EXTENDED");
        }
        else if (schemaBefore is not null)
        {
            checker.Compare(context, schemaBefore, schemaAfter);
        }

        context.Leave();
    }

    private void CompareUnevaluated(JsonDiffContext context, JsonSchemaNode original, JsonSchemaNode update)
    {
        var before = original.Has("unevaluatedProperties") ? checker.OriginalModel.Child(original, "unevaluatedProperties") : null;
        var after = update.Has("unevaluatedProperties") ? checker.UpdateModel.Child(update, "unevaluatedProperties") : null;
        JsonArrayDiff.CompareUnevaluated(checker, context, "unevaluatedProperties", "UNEVALUATED_PROPERTIES", before, after);
    }

    private static Dictionary<string, JsonSchemaNode> Properties(JsonSchemaNode node, JsonSchemaModel model)
    {
        var properties = new Dictionary<string, JsonSchemaNode>(StringComparer.Ordinal);
        if (node.Get("properties") is { ValueKind: JsonValueKind.Object } declared)
        {
            foreach (var property in declared.EnumerateObject())
            {
                properties[property.Name] = model.Child(node, "properties", property.Name)!;
            }
        }

        return properties;
    }

    private static HashSet<string> Required(JsonSchemaNode node) =>
        node.Get("required") is { ValueKind: JsonValueKind.Array } required
            ? [.. required.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!)]
            : [];

    private static Dictionary<string, HashSet<string>> DependencyNames(JsonSchemaNode node)
    {
        var names = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var keyword in (string[])["dependencies", "dependentRequired"])
        {
            if (node.Get(keyword) is { ValueKind: JsonValueKind.Object } declared)
            {
                foreach (var entry in declared.EnumerateObject().Where(e => e.Value.ValueKind == JsonValueKind.Array))
                {
                    names[entry.Name] = [.. entry.Value.EnumerateArray().Select(v => v.GetString() ?? "")];
                }
            }
        }

        return names;
    }

    private static Dictionary<string, JsonSchemaNode> DependencySchemas(JsonSchemaNode node, JsonSchemaModel model)
    {
        var schemas = new Dictionary<string, JsonSchemaNode>(StringComparer.Ordinal);
        foreach (var keyword in (string[])["dependencies", "dependentSchemas"])
        {
            if (node.Get(keyword) is { ValueKind: JsonValueKind.Object } declared)
            {
                foreach (var entry in declared.EnumerateObject().Where(e => e.Value.ValueKind != JsonValueKind.Array))
                {
                    schemas[entry.Name] = model.Child(node, keyword, entry.Name)!;
                }
            }
        }

        return schemas;
    }

    /// <summary>Open: additionalProperties absent or true, no patternProperties, unevaluatedProperties absent or accepting anything.</summary>
    public static bool IsOpen(JsonSchemaNode node)
    {
        if (node.Get("additionalProperties") is { ValueKind: JsonValueKind.False or JsonValueKind.Object })
        {
            return false;
        }

        if (node.Get("patternProperties") is { ValueKind: JsonValueKind.Object } patterns && patterns.EnumerateObject().Any())
        {
            return false;
        }

        return node.Get("unevaluatedProperties") switch
        {
            null or { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.Object } unevaluated => !unevaluated.EnumerateObject().Any(),
            _ => false,
        };
    }

    // The schema a partially open content model gives a property it does not name.
    private static JsonSchemaNode? Covering(JsonSchemaNode node, JsonSchemaModel model, string name)
    {
        if (node.Get("patternProperties") is { ValueKind: JsonValueKind.Object } patterns)
        {
            foreach (var pattern in patterns.EnumerateObject())
            {
                if (Regex.IsMatch(name, pattern.Name, RegexOptions.None, TimeSpan.FromSeconds(1)))
                {
                    return model.Child(node, "patternProperties", pattern.Name);
                }
            }
        }

        if (node.Get("additionalProperties") is { ValueKind: JsonValueKind.Object })
        {
            return model.Child(node, "additionalProperties");
        }

        if (node.Get("additionalProperties") is null && node.Get("unevaluatedProperties") is { ValueKind: JsonValueKind.Object })
        {
            return model.Child(node, "unevaluatedProperties");
        }

        return null;
    }
}
