namespace Gateway.Tests.Support;

/// <summary>The real emulator rows in <c>../shared/data/pinterest</c>, one JSON text per line, as posted.</summary>
public static class PinterestRows
{
    public static IReadOnlyList<string> Lines(string table) =>
        File.ReadAllLines(Path.Combine(DataFolder(), $"{table}.jsonl")).Where(l => l.Length > 0).ToArray();

    /// <summary>The emulator's envelope around a row, laid out as Python's json.dumps lays it out.</summary>
    public static string Envelope(string row) => $"{{\"records\": [{{\"value\": {row}}}]}}";

    public static string DataFolder()
    {
        var data = Path.Combine(RepositoryRoot(), "..", "shared", "data", "pinterest");
        return Directory.Exists(data)
            ? data
            : throw new DirectoryNotFoundException("../shared/data/pinterest beside the repository holds the real rows these tests post.");
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("Gateway.sln not found above the test output.");
    }
}
