namespace Gateway.Topics;

/// <summary>Kafka's rules for a topic name, checked before Kafka is asked.</summary>
internal static class TopicName
{
    public const int MaxLength = 249;

    /// <summary>Why the name is not a legal Kafka topic name, or null when it is.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0)
        {
            return "a topic name must not be empty.";
        }

        if (name.Length > MaxLength)
        {
            return $"a topic name is at most {MaxLength} characters; this one has {name.Length}.";
        }

        if (name is "." or "..")
        {
            return "'.' and '..' are not topic names.";
        }

        foreach (var c in name)
        {
            if (!IsLegal(c))
            {
                return "a topic name may contain only ASCII letters, digits, '.', '_' and '-'.";
            }
        }

        return null;
    }

    private static bool IsLegal(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
