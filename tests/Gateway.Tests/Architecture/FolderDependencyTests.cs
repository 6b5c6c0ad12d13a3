using System.Text.RegularExpressions;
using Gateway.Tests.Support;

namespace Gateway.Tests.Architecture;

/// <summary>
/// The service's feature folders depend on each other in one direction only, and the wire contract
/// (<c>Http/</c>) on none of them. A folder depends on another when one of its files names it: a
/// <c>using Gateway.X</c>, a <c>Gateway.X.</c> qualified name, or <c>X.Type</c> from inside the Gateway namespace.
/// </summary>
public sealed partial class FolderDependencyTests
{
    private static readonly string Source = Path.Combine(PinterestRows.RepositoryRoot(), "src", "Gateway");

    [Fact]
    public void FeatureFolders_HaveNoDependencyCycle()
    {
        var graph = Dependencies();
        var cycle = FindCycle(graph);

        Assert.True(cycle is null, $"folders depend on each other in a circle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void WireContract_DependsOnNoFeature()
    {
        Assert.Empty(Dependencies()["Http"]);
    }

    private static Dictionary<string, SortedSet<string>> Dependencies()
    {
        var folders = Directory.GetDirectories(Source).Select(Path.GetFileName).OfType<string>()
            .Where(f => f is not ("bin" or "obj")).ToHashSet(StringComparer.Ordinal);
        var graph = folders.ToDictionary(f => f, _ => new SortedSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            var own = Path.Combine(Source, folder);
            var subfolders = Directory.GetDirectories(own, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(own, "*.cs", SearchOption.AllDirectories))
            {
                var code = Comments().Replace(File.ReadAllText(file), "");
                var named = Qualified().Matches(code).Select(m => m.Groups[1].Value)
                    .Concat(Relative().Matches(code).Select(m => m.Groups[1].Value).Where(name => !subfolders.Contains(name)));
                foreach (var other in named.Where(n => n != folder && folders.Contains(n)))
                {
                    graph[folder].Add(other);
                }
            }
        }

        return graph;
    }

    private static List<string>? FindCycle(Dictionary<string, SortedSet<string>> graph)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        List<string>? Visit(string folder)
        {
            if (state.GetValueOrDefault(folder) == 2)
            {
                return null;
            }

            if (state.GetValueOrDefault(folder) == 1)
            {
                return [.. path.SkipWhile(f => f != folder), folder];
            }

            state[folder] = 1;
            path.Add(folder);
            foreach (var next in graph[folder])
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[folder] = 2;
            return null;
        }
    }

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"\bGateway\.(\w+)")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"(?<![\w.""])([A-Z]\w*)\.[A-Z]\w*")]
    private static partial Regex Relative();
}
