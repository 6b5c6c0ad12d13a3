namespace Gateway.Registry.Formats;

/// <summary>
/// allOf/anyOf/oneOf against the same: the criterion may only widen (to anyOf, or between singletons), sizes
/// may only change the permissive way, and every subschema on the smaller side must pair with a compatible one
/// on the other (a maximum bipartite matching, as Confluent finds it).
/// </summary>
internal static class JsonCombinedDiff
{
    public static void Compare(JsonCompatibilityChecker checker, JsonDiffContext context, JsonSchemaNode original, JsonSchemaNode update)
    {
        if (original.Criterion != update.Criterion)
        {
            var widens = update.Criterion == "anyOf"
                || (original.Subschemas.Count == 1 && update.Subschemas.Count == 1)
                || (original.Subschemas.Count == 1 && update.Criterion == "oneOf")
                || (update.Subschemas.Count == 1 && original.Criterion == "allOf");
            if (!widens)
            {
                context.Add("COMBINED_TYPE_CHANGED");
                return;
            }

            context.Add("COMBINED_TYPE_EXTENDED");
        }

        var before = original.Subschemas;
        var after = update.Subschemas;
        if (before.Count < after.Count)
        {
            context.Add(update.Criterion == "allOf" ? "PRODUCT_TYPE_EXTENDED" : "SUM_TYPE_EXTENDED");
        }
        else if (before.Count > after.Count)
        {
            context.Add(original.Criterion is "anyOf" or "oneOf" ? "SUM_TYPE_NARROWED" : "PRODUCT_TYPE_NARROWED");
        }

        var compatible = new Dictionary<(int, int), JsonDiffContext>();
        for (var i = 0; i < before.Count; i++)
        {
            context.Enter(original.Criterion + "/" + i);
            for (var j = 0; j < after.Count; j++)
            {
                var sub = context.Sub();
                checker.Compare(sub, before[i], after[j]);
                if (sub.IsCompatible)
                {
                    compatible[(i, j)] = sub;
                }
            }

            context.Leave();
        }

        var matching = MaximumMatching(before.Count, after.Count, compatible.Keys.ToHashSet());
        foreach (var pair in matching)
        {
            context.AddAll(compatible[pair]);
        }

        if (matching.Count < Math.Min(before.Count, after.Count))
        {
            context.Add("COMBINED_TYPE_SUBSCHEMAS_CHANGED");
        }
    }

    // Kuhn's augmenting paths; the schemas are few.
    private static List<(int, int)> MaximumMatching(int left, int right, HashSet<(int, int)> edges)
    {
        var matchOfRight = Enumerable.Repeat(-1, right).ToArray();
        for (var i = 0; i < left; i++)
        {
            Augment(i, new bool[right]);
        }

        return [.. Enumerable.Range(0, right).Where(j => matchOfRight[j] >= 0).Select(j => (matchOfRight[j], j))];

        bool Augment(int i, bool[] seen)
        {
            for (var j = 0; j < right; j++)
            {
                if (!edges.Contains((i, j)) || seen[j])
                {
                    continue;
                }

                seen[j] = true;
                if (matchOfRight[j] < 0 || Augment(matchOfRight[j], seen))
                {
                    matchOfRight[j] = i;
                    return true;
                }
            }

            return false;
        }
    }
}
