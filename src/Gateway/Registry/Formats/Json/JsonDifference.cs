namespace Gateway.Registry.Formats;

/// <summary>
/// Confluent's JSON Schema difference types: the ones its registry accepts under the default (strict) policy, and
/// its sentence for the others. UNCHECKED_KEYWORD_CHANGED is this library's own, for keywords Confluent does not
/// compare (see <see cref="JsonCompatibilityChecker"/>).
/// </summary>
internal static class JsonDifference
{
    public const string UncheckedKeywordChanged = "UNCHECKED_KEYWORD_CHANGED";

    public static readonly HashSet<string> Compatible =
    [
        "ID_CHANGED", "DESCRIPTION_CHANGED", "TITLE_CHANGED", "DEFAULT_CHANGED", "SCHEMA_REMOVED", "TYPE_EXTENDED",
        "MAX_LENGTH_INCREASED", "MAX_LENGTH_REMOVED", "MIN_LENGTH_DECREASED", "MIN_LENGTH_REMOVED", "PATTERN_REMOVED",
        "MAXIMUM_INCREASED", "MAXIMUM_REMOVED", "MINIMUM_DECREASED", "MINIMUM_REMOVED", "EXCLUSIVE_MAXIMUM_INCREASED",
        "EXCLUSIVE_MAXIMUM_REMOVED", "EXCLUSIVE_MINIMUM_DECREASED", "EXCLUSIVE_MINIMUM_REMOVED", "MULTIPLE_OF_REDUCED",
        "MULTIPLE_OF_REMOVED", "REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED", "REQUIRED_ATTRIBUTE_REMOVED",
        "DEPENDENCY_ARRAY_NARROWED", "DEPENDENCY_ARRAY_REMOVED", "DEPENDENCY_SCHEMA_REMOVED", "MAX_PROPERTIES_INCREASED",
        "MAX_PROPERTIES_REMOVED", "MIN_PROPERTIES_DECREASED", "MIN_PROPERTIES_REMOVED", "ADDITIONAL_PROPERTIES_ADDED",
        "ADDITIONAL_PROPERTIES_EXTENDED", "UNEVALUATED_PROPERTIES_ADDED", "UNEVALUATED_PROPERTIES_EXTENDED",
        "PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL", "REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL",
        "OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL", "PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL",
        "PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL", "PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
        "PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", "MAX_ITEMS_INCREASED", "MAX_ITEMS_REMOVED",
        "MIN_ITEMS_DECREASED", "MIN_ITEMS_REMOVED", "MAX_CONTAINS_INCREASED", "MAX_CONTAINS_REMOVED",
        "MIN_CONTAINS_DECREASED", "MIN_CONTAINS_REMOVED", "UNIQUE_ITEMS_REMOVED", "ADDITIONAL_ITEMS_ADDED",
        "ADDITIONAL_ITEMS_EXTENDED", "UNEVALUATED_ITEMS_ADDED", "UNEVALUATED_ITEMS_EXTENDED",
        "ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL", "ITEM_ADDED_TO_CLOSED_CONTENT_MODEL",
        "ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL", "ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL",
        "ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", "ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
        "ENUM_ARRAY_EXTENDED", "COMBINED_TYPE_EXTENDED", "PRODUCT_TYPE_NARROWED", "SUM_TYPE_EXTENDED", "NOT_TYPE_NARROWED",
    ];

    private static readonly HashSet<string> KeywordAddedOrRemoved =
    [
        "MAXIMUM_ADDED", "MINIMUM_ADDED", "EXCLUSIVE_MAXIMUM_ADDED", "EXCLUSIVE_MINIMUM_ADDED", "MULTIPLE_OF_ADDED",
        "MAX_LENGTH_ADDED", "MIN_LENGTH_ADDED", "PATTERN_ADDED", "REQUIRED_ATTRIBUTE_ADDED", "MAX_PROPERTIES_ADDED",
        "MIN_PROPERTIES_ADDED", "DEPENDENCY_ARRAY_ADDED", "DEPENDENCY_SCHEMA_ADDED", "MAX_ITEMS_ADDED", "MIN_ITEMS_ADDED",
        "MAX_CONTAINS_ADDED", "MIN_CONTAINS_ADDED", "UNIQUE_ITEMS_ADDED", "ADDITIONAL_ITEMS_REMOVED",
        "ADDITIONAL_PROPERTIES_REMOVED", "UNEVALUATED_PROPERTIES_REMOVED", "UNEVALUATED_ITEMS_REMOVED",
    ];

    private static readonly HashSet<string> ValueIncreased =
        ["MIN_LENGTH_INCREASED", "MINIMUM_INCREASED", "EXCLUSIVE_MINIMUM_INCREASED", "MIN_PROPERTIES_INCREASED",
         "MULTIPLE_OF_EXPANDED", "MIN_ITEMS_INCREASED", "MIN_CONTAINS_INCREASED"];

    private static readonly HashSet<string> ValueDecreased =
        ["MAX_LENGTH_DECREASED", "MAXIMUM_DECREASED", "MAX_ITEMS_DECREASED", "MAX_CONTAINS_DECREASED",
         "EXCLUSIVE_MAXIMUM_DECREASED", "MAX_PROPERTIES_DECREASED"];

    private static readonly HashSet<string> TypeNarrowed =
        ["ADDITIONAL_ITEMS_NARROWED", "ENUM_ARRAY_NARROWED", "SUM_TYPE_NARROWED", "ADDITIONAL_PROPERTIES_NARROWED",
         "UNEVALUATED_PROPERTIES_NARROWED", "UNEVALUATED_ITEMS_NARROWED"];

    private static readonly HashSet<string> ValueChanged = ["PATTERN_CHANGED", "MULTIPLE_OF_CHANGED", "DEPENDENCY_ARRAY_CHANGED"];

    private static readonly HashSet<string> TypeChanged =
        ["TYPE_CHANGED", "TYPE_NARROWED", "COMBINED_TYPE_CHANGED", "COMBINED_TYPE_SUBSCHEMAS_CHANGED", "ENUM_ARRAY_CHANGED"];

    private static readonly HashSet<string> TypeExtended =
        ["DEPENDENCY_ARRAY_EXTENDED", "PRODUCT_TYPE_EXTENDED", "SUM_TYPE_EXTENDED", "NOT_TYPE_EXTENDED"];

    private static readonly HashSet<string> AddedToOpen =
        ["REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL", "REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL",
         "OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL", "ITEM_ADDED_TO_OPEN_CONTENT_MODEL"];

    public static string Describe(string type, string path, SchemaRoles roles)
    {
        var (r, w) = (roles.Reader, roles.Writer);
        if (KeywordAddedOrRemoved.Contains(type))
        {
            return $"The keyword at path '{path}' in the {r} schema is not present in the {w} schema";
        }

        if (ValueIncreased.Contains(type))
        {
            return $"The value at path '{path}' in the {r} schema is more than its value in the {w} schema";
        }

        if (ValueDecreased.Contains(type))
        {
            return $"The value at path '{path}' in the {r} schema is less than its value in the {w} schema";
        }

        if (ValueChanged.Contains(type))
        {
            return $"The value at path '{path}' is different between the {r} and {w} schema";
        }

        if (TypeNarrowed.Contains(type))
        {
            return $"An array or combined type at path '{path}' has fewer elements in the {r} schema than the {w} schema";
        }

        if (TypeExtended.Contains(type))
        {
            return $"An array or combined type at path '{path}' has more elements in the {r} schema than the {w} schema";
        }

        if (TypeChanged.Contains(type))
        {
            return $"A type at path '{path}' is different between the {r} schema and the {w} schema";
        }

        if (AddedToOpen.Contains(type))
        {
            return $"The {r} schema has an open content model and has a property or item at path '{path}' which is missing in the {w} schema";
        }

        return type switch
        {
            "REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL" =>
                $"The {r} schema has an unopen content model and has a required property at path '{path}' which is missing in the {w} schema",
            "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL" or "ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL" =>
                $"The {r} has a closed content model and is missing a property or item present at path '{path}' in the {w} schema",
            "PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL" or "ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL" =>
                $"A property or item is missing in the {r} schema but present at path '{path}' in the {w} schema and is not covered by its partially open content model",
            "PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL" or "ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL" =>
                $"The {r} schema has a property or item at path '{path}' which is missing in the {w} schema and is not covered by its partially open content model",
            UncheckedKeywordChanged =>
                $"The keyword at path '{path}' in the {r} schema is added or changed from the {w} schema, and its effect is not checked, so it is taken as incompatible",
            _ => "",
        };
    }
}
