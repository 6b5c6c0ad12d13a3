using System.Globalization;
using System.Text;

namespace Gateway.Serdes;

/// <summary>Where the validator is inside a value, rendered as a JSON Pointer only when an error needs it.</summary>
internal sealed class ValuePath
{
    private readonly List<object> _segments = [];

    public void Push(string property) => _segments.Add(property);

    public void Push(int index) => _segments.Add(index);

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    public void Clear() => _segments.Clear();

    public string Pointer()
    {
        var pointer = new StringBuilder();
        foreach (var segment in _segments)
        {
            pointer.Append('/');
            pointer.Append(segment is int i
                ? i.ToString(CultureInfo.InvariantCulture)
                : ((string)segment).Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
        }

        return pointer.ToString();
    }
}
