namespace Gateway.Registry.Formats;

/// <summary>
/// What the reader and the writer of a check are called in descriptions. A BACKWARD check has the new
/// schema read the old one's data; a FORWARD check the other way round.
/// </summary>
internal readonly record struct SchemaRoles(string Reader, string Writer)
{
    public static SchemaRoles NewReadsOld { get; } = new("new", "old");

    public static SchemaRoles OldReadsNew { get; } = new("old", "new");
}
