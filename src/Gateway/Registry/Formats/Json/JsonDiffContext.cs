namespace Gateway.Registry.Formats;

/// <summary>Where a JSON Schema comparison is and what it found; sub-contexts try a comparison without committing to it.</summary>
internal sealed class JsonDiffContext
{
    private readonly List<string> _path;
    private readonly HashSet<(string Original, string Update)> _inProgress;

    public JsonDiffContext()
        : this([], [])
    {
    }

    private JsonDiffContext(List<string> path, HashSet<(string, string)> inProgress)
    {
        _path = path;
        _inProgress = inProgress;
    }

    public List<(string Type, string Path)> Differences { get; } = [];

    public bool IsCompatible => Differences.All(d => JsonDifference.Compatible.Contains(d.Type));

    /// <summary>A context at the same place, sharing the record of pairs being compared, with no differences yet.</summary>
    public JsonDiffContext Sub() => new([.. _path], _inProgress);

    public void Add(string type) => Differences.Add((type, "#/" + string.Join('/', _path)));

    public void Add(string keyword, string type)
    {
        Enter(keyword);
        Add(type);
        Leave();
    }

    public void AddAll(JsonDiffContext other) => Differences.AddRange(other.Differences);

    public void Enter(string segment) => _path.Add(segment);

    public void Leave() => _path.RemoveAt(_path.Count - 1);

    /// <summary>False when the pair is already being compared further up: recursion ends there, taken as compatible.</summary>
    public bool Begin(JsonSchemaNode original, JsonSchemaNode update) => _inProgress.Add((original.Key, update.Key));

    public void End(JsonSchemaNode original, JsonSchemaNode update) => _inProgress.Remove((original.Key, update.Key));
}
