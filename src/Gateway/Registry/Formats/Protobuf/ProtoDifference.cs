namespace Gateway.Registry.Formats;

/// <summary>Confluent's Protobuf difference types: which are compatible, and the sentence for each that is not.</summary>
internal static class ProtoDifference
{
    /// <summary>Changes Confluent's registry accepts: additions, removals of optional fields, renames, wire-compatible moves.</summary>
    public static readonly HashSet<string> Compatible =
    [
        "MESSAGE_ADDED", "MESSAGE_MOVED", "ENUM_ADDED", "ENUM_REMOVED", "ENUM_CONST_ADDED", "ENUM_CONST_CHANGED",
        "ENUM_CONST_REMOVED", "FIELD_ADDED", "FIELD_REMOVED", "FIELD_NAME_CHANGED", "FIELD_STRING_OR_BYTES_LABEL_CHANGED",
        "ONEOF_ADDED", "ONEOF_REMOVED", "ONEOF_FIELD_ADDED", "ONEOF_FIELD_MOVED_TO_TOP_LEVEL",
    ];

    public static string Describe(string type, string path, SchemaRoles roles) => type switch
    {
        "PACKAGE_CHANGED" => $"The package at '{path}' in the {roles.Reader} schema does not match the package in the {roles.Writer} schema",
        "MESSAGE_REMOVED" => $"The {roles.Reader} schema is missing a MESSAGE type at path '{path}' in the {roles.Writer} schema",
        "FIELD_KIND_CHANGED" => $"The type of a field at path '{path}' in the {roles.Reader} schema does not match the {roles.Writer} schema",
        "FIELD_SCALAR_KIND_CHANGED" => $"The kind of a SCALAR field at path '{path}' in the {roles.Reader} schema does not match its kind in the {roles.Writer} schema",
        "FIELD_NAMED_TYPE_CHANGED" => $"The type of a MESSAGE field at path '{path}' in the {roles.Reader} schema does not match its type in the {roles.Writer} schema",
        "FIELD_NUMERIC_LABEL_CHANGED" => $"The label for a NUMERIC field at path '{path}' in the {roles.Reader} schema does not match its label in the {roles.Writer} schema",
        // Confluent's text has the double space.
        "REQUIRED_FIELD_ADDED" => $"A required field  at path '{path}' in the {roles.Reader} schema is missing in the {roles.Writer} schema",
        "REQUIRED_FIELD_REMOVED" => $"The {roles.Reader} schema is missing a required field at path: '{path}' in the {roles.Writer} schema",
        "ONEOF_FIELD_REMOVED" => $"The {roles.Reader} schema is missing a oneof field at path '{path}' in the {roles.Writer} schema",
        "MULTIPLE_FIELDS_MOVED_TO_ONEOF" => $"Multiple fields in the oneof at path '{path}' in the {roles.Reader} schema are outside a oneof in the {roles.Writer} schema",
        "FIELD_MOVED_TO_EXISTING_ONEOF" => $"A field in the oneof at path '{path}' in the {roles.Reader} schema is outside an existing oneof in the {roles.Writer} schema",
        _ => "",
    };
}
