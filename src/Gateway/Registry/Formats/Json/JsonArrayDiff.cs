using System.Globalization;
using System.Text.Json;

namespace Gateway.Registry.Formats;

/// <summary>
/// Confluent's array comparison: the items schema, tuple items (items as an array, or prefixItems) position by
/// position with the content model deciding what added or removed positions mean, additionalItems,
/// unevaluatedItems and the count limits.
/// </summary>
internal sealed class JsonArrayDiff(JsonCompatibilityChecker checker)
{
    public void Compare(JsonDiffContext context, JsonSchemaNode original, JsonSchemaNode update)
    {
        var originalModel = checker.OriginalModel;
        var updateModel = checker.UpdateModel;
        context.Enter("items");
        checker.Compare(context, AllItems(original, originalModel), AllItems(update, updateModel));
        context.Leave();

        var before = Tuple(original, originalModel);
        var after = Tuple(update, updateModel);
        for (var i = 0; i < Math.Max(before.Count, after.Count); i++)
        {
            context.Enter("items/" + i.ToString(CultureInfo.InvariantCulture));
            if (i < before.Count && i < after.Count)
            {
                checker.Compare(context, before[i], after[i]);
            }
            else if (i < before.Count)
            {
                Removed(context, before[i], update, updateModel);
            }
            else
            {
                Added(context, after[i], original, originalModel);
            }

            context.Leave();
        }

        CompareAdditional(context, original, update);
        var unevaluatedBefore = original.Has("unevaluatedItems") ? originalModel.Child(original, "unevaluatedItems") : null;
        var unevaluatedAfter = update.Has("unevaluatedItems") ? updateModel.Child(update, "unevaluatedItems") : null;
        CompareUnevaluated(checker, context, "unevaluatedItems", "UNEVALUATED_ITEMS", unevaluatedBefore, unevaluatedAfter);
        JsonValueDiff.Limit(context, "maxItems", original.Number("maxItems"), update.Number("maxItems"), "MAX_ITEMS");
        JsonValueDiff.Limit(context, "minItems", original.Number("minItems"), update.Number("minItems"), "MIN_ITEMS");
        var uniqueBefore = original.Get("uniqueItems") is { ValueKind: JsonValueKind.True };
        var uniqueAfter = update.Get("uniqueItems") is { ValueKind: JsonValueKind.True };
        if (uniqueBefore != uniqueAfter)
        {
            context.Add("uniqueItems", uniqueBefore ? "UNIQUE_ITEMS_REMOVED" : "UNIQUE_ITEMS_ADDED");
        }

        JsonValueDiff.Limit(context, "maxContains", original.Number("maxContains"), update.Number("maxContains"), "MAX_CONTAINS");
        JsonValueDiff.Limit(context, "minContains", original.Number("minContains"), update.Number("minContains"), "MIN_CONTAINS");
    }

    /// <summary>unevaluatedProperties or unevaluatedItems, compared as Confluent compares them.</summary>
    public static void CompareUnevaluated(
        JsonCompatibilityChecker checker, JsonDiffContext context, string keyword, string prefix, JsonSchemaNode? before, JsonSchemaNode? after)
    {
        if (before is null && after is null)
        {
            return;
        }

        context.Enter(keyword);
        var beforeFalse = before?.Kind == JsonSchemaKind.False;
        var afterFalse = after?.Kind == JsonSchemaKind.False;
        if (before is null)
        {
            context.Add(afterFalse ? prefix + "_REMOVED" : prefix + "_NARROWED");
        }
        else if (after is null)
        {
            context.Add(beforeFalse ? prefix + "_ADDED" : prefix + "_EXTENDED");
        }
        else if (beforeFalse != afterFalse)
        {
            context.Add(beforeFalse ? prefix + "_ADDED" : prefix + "_REMOVED");
        }
        else if (before.Kind == JsonSchemaKind.Empty != (after.Kind == JsonSchemaKind.Empty))
        {
            context.Add(before.Kind == JsonSchemaKind.Empty ? prefix + "_NARROWED" : prefix + "_EXTENDED");
        }
        else
        {
            checker.Compare(context, before, after);
        }

        context.Leave();
    }

    private void Removed(JsonDiffContext context, JsonSchemaNode was, JsonSchemaNode update, JsonSchemaModel updateModel)
    {
        if (IsOpen(update))
        {
            context.Add("ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL");
        }
        else if (Covering(update, updateModel) is { } covering)
        {
            var sub = context.Sub();
            checker.Compare(sub, was, covering);
            context.AddAll(sub);
            context.Add(sub.IsCompatible ? "ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL" : "ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL");
        }
        else
        {
            context.Add(was.Kind == JsonSchemaKind.False ? "ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL" : "ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL");
        }
    }

    private void Added(JsonDiffContext context, JsonSchemaNode isNow, JsonSchemaNode original, JsonSchemaModel originalModel)
    {
        if (IsOpen(original))
        {
            context.Add(isNow.Kind == JsonSchemaKind.Empty ? "ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL" : "ITEM_ADDED_TO_OPEN_CONTENT_MODEL");
        }
        else if (Covering(original, originalModel) is { } covering)
        {
            var sub = context.Sub();
            checker.Compare(sub, covering, isNow);
            context.AddAll(sub);
            context.Add(sub.IsCompatible ? "ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL" : "ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL");
        }
        else
        {
            context.Add("ITEM_ADDED_TO_CLOSED_CONTENT_MODEL");
        }
    }

    private void CompareAdditional(JsonDiffContext context, JsonSchemaNode original, JsonSchemaNode update)
    {
        context.Enter("additionalItems");
        var (permittedBefore, schemaBefore) = Additional(original, checker.OriginalModel);
        var (permittedAfter, schemaAfter) = Additional(update, checker.UpdateModel);
        if (permittedBefore != permittedAfter)
        {
            context.Add(permittedBefore ? "ADDITIONAL_ITEMS_REMOVED" : "ADDITIONAL_ITEMS_ADDED");
        }
        else if (schemaBefore is null && schemaAfter is not null)
        {
            context.Add("ADDITIONAL_ITEMS_NARROWED");
        }
        else if (schemaBefore is not null && schemaAfter is null)
        {
            context.Add("ADDITIONAL_ITEMS_EXTENDED");
        }
        else if (schemaBefore is not null)
        {
            checker.Compare(context, schemaBefore, schemaAfter);
        }

        context.Leave();
    }

    // With tuple items, what follows them: additionalItems, or from 2020-12 on the "items" beside prefixItems.
    private static (bool Permitted, JsonSchemaNode? Schema) Additional(JsonSchemaNode node, JsonSchemaModel model)
    {
        var keyword = node.Has("prefixItems") ? "items" : "additionalItems";
        return node.Get(keyword) switch
        {
            { ValueKind: JsonValueKind.False } => (false, null),
            { ValueKind: JsonValueKind.Object } => (true, model.Child(node, keyword)),
            _ => (true, null),
        };
    }

    private static JsonSchemaNode? AllItems(JsonSchemaNode node, JsonSchemaModel model) =>
        !node.Has("prefixItems") && node.Get("items") is { ValueKind: JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False }
            ? model.Child(node, "items")
            : null;

    private static List<JsonSchemaNode> Tuple(JsonSchemaNode node, JsonSchemaModel model)
    {
        var keyword = node.Has("prefixItems") ? "prefixItems" : "items";
        return node.Get(keyword) is { ValueKind: JsonValueKind.Array } items
            ? [.. Enumerable.Range(0, items.GetArrayLength()).Select(i => model.Child(node, keyword, i.ToString(CultureInfo.InvariantCulture))!)]
            : [];
    }

    private static bool IsOpen(JsonSchemaNode node) =>
        node.Get(node.Has("prefixItems") ? "items" : "additionalItems") is null or { ValueKind: JsonValueKind.True }
        && node.Get("unevaluatedItems") switch
        {
            null or { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.Object } unevaluated => !unevaluated.EnumerateObject().Any(),
            _ => false,
        };

    private static JsonSchemaNode? Covering(JsonSchemaNode node, JsonSchemaModel model)
    {
        var (_, schema) = Additional(node, model);
        if (schema is not null)
        {
            return schema;
        }

        return node.Get("unevaluatedItems") is { ValueKind: JsonValueKind.Object } ? model.Child(node, "unevaluatedItems") : null;
    }
}
