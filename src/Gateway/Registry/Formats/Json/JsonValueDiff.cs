using System.Globalization;
using System.Text.Json;

namespace Gateway.Registry.Formats;

/// <summary>Confluent's comparisons of string, number, enum and const schemas.</summary>
internal static class JsonValueDiff
{
    public static void CompareString(JsonDiffContext context, JsonSchemaNode original, JsonSchemaNode update)
    {
        Limit(context, "maxLength", original.Number("maxLength"), update.Number("maxLength"), "MAX_LENGTH");
        Limit(context, "minLength", original.Number("minLength"), update.Number("minLength"), "MIN_LENGTH");
        var before = original.Get("pattern")?.GetString();
        var after = update.Get("pattern")?.GetString();
        if (before is null && after is not null)
        {
            context.Add("pattern", "PATTERN_ADDED");
        }
        else if (before is not null && after is null)
        {
            context.Add("pattern", "PATTERN_REMOVED");
        }
        else if (before != after)
        {
            context.Add("pattern", "PATTERN_CHANGED");
        }
    }

    public static void CompareNumber(JsonDiffContext context, JsonSchemaNode original, JsonSchemaNode update)
    {
        var (originalMaximum, originalExclusiveMaximum) = Bound(original, "maximum", "exclusiveMaximum");
        var (updateMaximum, updateExclusiveMaximum) = Bound(update, "maximum", "exclusiveMaximum");
        var (originalMinimum, originalExclusiveMinimum) = Bound(original, "minimum", "exclusiveMinimum");
        var (updateMinimum, updateExclusiveMinimum) = Bound(update, "minimum", "exclusiveMinimum");
        Limit(context, "maximum", originalMaximum, updateMaximum, "MAXIMUM");
        Limit(context, "minimum", originalMinimum, updateMinimum, "MINIMUM");
        Limit(context, "exclusiveMaximum", originalExclusiveMaximum, updateExclusiveMaximum, "EXCLUSIVE_MAXIMUM");
        Limit(context, "exclusiveMinimum", originalExclusiveMinimum, updateExclusiveMinimum, "EXCLUSIVE_MINIMUM");
        MultipleOf(context, Decimal(original.Get("multipleOf")), Decimal(update.Get("multipleOf")));
        if (original.RequiresInteger != update.RequiresInteger)
        {
            context.Add(original.RequiresInteger ? "TYPE_EXTENDED" : "TYPE_NARROWED");
        }
    }

    public static void CompareEnum(JsonDiffContext context, JsonSchemaNode original, JsonSchemaNode update)
    {
        var before = Values(original.Get("enum"));
        var after = Values(update.Get("enum"));
        if (before.SetEquals(after))
        {
            return;
        }

        context.Add("enum", after.IsSupersetOf(before) ? "ENUM_ARRAY_EXTENDED"
            : before.IsSupersetOf(after) ? "ENUM_ARRAY_NARROWED"
            : "ENUM_ARRAY_CHANGED");
    }

    public static void CompareConst(JsonDiffContext context, JsonSchemaNode original, JsonSchemaNode update)
    {
        if (!JsonElement.DeepEquals(original.Get("const")!.Value, update.Get("const")!.Value))
        {
            context.Add("const", "ENUM_ARRAY_CHANGED");
        }
    }

    /// <summary>A limit added, removed, raised or lowered: reported as PREFIX_ADDED, _REMOVED, _INCREASED or _DECREASED.</summary>
    public static void Limit(JsonDiffContext context, string keyword, double? before, double? after, string prefix)
    {
        if (before == after)
        {
            return;
        }

        context.Add(keyword, before is null ? prefix + "_ADDED"
            : after is null ? prefix + "_REMOVED"
            : before < after ? prefix + "_INCREASED"
            : prefix + "_DECREASED");
    }

    // Draft 4 writes an exclusive bound as a flag on maximum or minimum; read it as the limit later drafts write.
    private static (double? Inclusive, double? Exclusive) Bound(JsonSchemaNode node, string inclusive, string exclusive) =>
        node.Get(exclusive) switch
        {
            { ValueKind: JsonValueKind.True } => (null, node.Number(inclusive)),
            { ValueKind: JsonValueKind.Number } limit => (node.Number(inclusive), limit.GetDouble()),
            _ => (node.Number(inclusive), null),
        };

    private static void MultipleOf(JsonDiffContext context, decimal? before, decimal? after)
    {
        if (before == after)
        {
            return;
        }

        context.Add("multipleOf", before is null ? "MULTIPLE_OF_ADDED"
            : after is null ? "MULTIPLE_OF_REMOVED"
            : before != 0 && after % before == 0 ? "MULTIPLE_OF_EXPANDED"
            : after != 0 && before % after == 0 ? "MULTIPLE_OF_REDUCED"
            : "MULTIPLE_OF_CHANGED");
    }

    private static decimal? Decimal(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Number } number
        && decimal.TryParse(number.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;

    private static HashSet<string> Values(JsonElement? array)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        if (array is { ValueKind: JsonValueKind.Array } items)
        {
            foreach (var item in items.EnumerateArray())
            {
                var text = new System.Text.StringBuilder();
                JavaJson.WriteValue(text, item, sortKeys: true, numbersAsDoubles: false);
                values.Add(text.ToString());
            }
        }

        return values;
    }
}
