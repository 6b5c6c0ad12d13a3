namespace Gateway.Schemas;

/// <summary>Finds a schema file named in configuration: under the content root, else beside the gateway's binaries.</summary>
internal static class SchemaFiles
{
    public static string? Resolve(string path, string contentRoot)
    {
        if (Path.IsPathRooted(path))
        {
            return File.Exists(path) ? path : null;
        }

        return new[] { contentRoot, AppContext.BaseDirectory }
            .Select(root => Path.GetFullPath(Path.Combine(root, path)))
            .FirstOrDefault(File.Exists);
    }

    public static TimeSpan PatternTimeout { get; } = TimeSpan.FromMilliseconds(100);
}
