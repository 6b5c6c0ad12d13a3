namespace Gateway.Registry.Formats;

/// <summary>A schema's use of another registered schema: the name it imports it by, and which version of which subject.</summary>
internal sealed record SchemaReference(string Name, string Subject, int Version);

/// <summary>A reference the registry has looked up: the name the schema uses for it and that schema's text.</summary>
internal sealed record ResolvedReference(string Name, string Schema, SchemaType Type);
