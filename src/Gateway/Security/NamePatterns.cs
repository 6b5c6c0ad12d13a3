using System.Text.RegularExpressions;

namespace Gateway.Security;

/// <summary>
/// The names (topics or subjects) a grant covers. Configured grants are regular expressions matched
/// against the whole name; grants carried in tokens are literal names or globs (<c>*</c> any run of
/// characters, <c>?</c> one character), never regular expressions, so a token cannot widen itself.
/// </summary>
internal sealed class NamePatterns
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);
    private readonly Regex[] _patterns;

    private NamePatterns(Regex[] patterns) => _patterns = patterns;

    public static NamePatterns None { get; } = new([]);

    /// <summary>Whole-name regular expressions from configuration (checked at start-up).</summary>
    public static NamePatterns FromRegexes(IEnumerable<string> patterns) =>
        new(patterns.Select(p => new Regex($"^(?:{p})$", RegexOptions.CultureInvariant, MatchTimeout)).ToArray());

    /// <summary>Literal names and globs; <paramref name="malformed"/> is the first grant that is neither, and then nothing is granted.</summary>
    public static NamePatterns FromGlobs(IEnumerable<string> grants, out string? malformed)
    {
        malformed = null;
        var patterns = new List<Regex>();
        foreach (var grant in grants)
        {
            if (!IsGlob(grant))
            {
                malformed = grant;
                return None;
            }

            var regex = "^" + Regex.Escape(grant).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$";
            patterns.Add(new Regex(regex, RegexOptions.CultureInvariant, MatchTimeout));
        }

        return new NamePatterns([.. patterns]);
    }

    /// <summary>A glob grant: 1 to 255 characters of topic and subject names (letters, digits, <c>. _ - :</c>) and the wildcards.</summary>
    public static bool IsGlob(string grant) =>
        grant.Length is > 0 and <= 255 && grant.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':' or '*' or '?');

    public bool Matches(string name)
    {
        foreach (var pattern in _patterns)
        {
            try
            {
                if (pattern.IsMatch(name))
                {
                    return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }

        return false;
    }
}
