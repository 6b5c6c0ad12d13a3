using System.Text.RegularExpressions;

namespace Gateway.Consume.Instances;

/// <summary>
/// A <c>topic_pattern</c> subscription: a whole-name regular expression, narrowed to the topics the
/// caller may read, so a pattern never reaches a topic its caller could not subscribe to by name.
/// </summary>
internal sealed class TopicPattern(Regex pattern, Func<string, bool> mayRead)
{
    public string Text => pattern.ToString();

    public IReadOnlyList<string> Select(IEnumerable<string> topics) =>
        [.. topics.Where(t => Matches(t) && mayRead(t)).Order(StringComparer.Ordinal)];

    private bool Matches(string topic)
    {
        try
        {
            return pattern.IsMatch(topic);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
