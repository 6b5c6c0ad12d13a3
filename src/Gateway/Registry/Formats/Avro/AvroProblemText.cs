namespace Gateway.Registry.Formats;

/// <summary>Confluent's sentence for each Avro incompatibility, with the reader and writer named by their roles.</summary>
internal static class AvroProblemText
{
    public static string Describe(string type, string path, string detail, SchemaRoles roles) => type switch
    {
        "FIXED_SIZE_MISMATCH" => $"The size of FIXED type field at path '{path}' in the {roles.Reader} schema does not match with the {roles.Writer} schema",
        "TYPE_MISMATCH" => $"The type (path '{path}') of a field in the {roles.Reader} schema does not match with the {roles.Writer} schema",
        "NAME_MISMATCH" => $"The name of the schema has changed (path '{path}')",
        "MISSING_ENUM_SYMBOLS" => $"The {roles.Reader} schema is missing enum symbols '{detail}' at path '{path}' in the {roles.Writer} schema",
        "MISSING_UNION_BRANCH" => $"The {roles.Reader} schema is missing a type inside a union field at path '{path}' in the {roles.Writer} schema",
        "READER_FIELD_MISSING_DEFAULT_VALUE" => $"The field '{detail}' at path '{path}' in the {roles.Reader} schema has no default value and is missing in the {roles.Writer} schema",
        _ => "",
    };
}
