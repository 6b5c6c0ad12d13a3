using System.Text.RegularExpressions;

namespace Gateway.Security;

/// <summary>Who made a request, and the topics they may produce to.</summary>
internal sealed class Caller(string name, IReadOnlyList<Regex> topics)
{
    public string Name { get; } = name;

    public bool MayProduceTo(string topic) => topics.Any(t => t.IsMatch(topic));

    public static IReadOnlyList<Regex> Patterns(IEnumerable<string> patterns) =>
        patterns.Select(p => new Regex($"^(?:{p})$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100))).ToArray();
}
