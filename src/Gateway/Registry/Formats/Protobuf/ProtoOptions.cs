using System.Globalization;
using System.Reflection;
using ProtoBuf;

namespace Gateway.Registry.Formats;

/// <summary>
/// Reads the standard options set on a descriptor's options object (FileOptions, FieldOptions, ...) by the
/// names .proto text uses for them, through the attributes protobuf-net's descriptor classes carry.
/// </summary>
internal static class ProtoOptions
{
    // Not options a .proto author writes as such: map_entry is synthesized for map fields.
    private static readonly HashSet<string> NotWritten = ["uninterpreted_option", "features", "map_entry"];

    /// <summary>Each option set, as name and value in .proto syntax, sorted by name as Confluent's normalized form sorts them.</summary>
    public static List<(string Name, string Value)> Set(object? options)
    {
        var set = new List<(string Name, string Value)>();
        if (options is null)
        {
            return set;
        }

        var type = options.GetType();
        foreach (var property in type.GetProperties())
        {
            var member = property.GetCustomAttribute<ProtoMemberAttribute>();
            // Only scalar options: the rest (edition defaults, feature sets, lists) are no options written as such.
            if (member?.Name is not { } name || NotWritten.Contains(name) || !IsScalar(property.PropertyType))
            {
                continue;
            }

            var isSet = type.GetMethod("ShouldSerialize" + property.Name, Type.EmptyTypes) is { } shouldSerialize
                ? (bool)shouldSerialize.Invoke(options, null)!
                : property.GetValue(options) is { } value && !Equals(value, DefaultOf(property.PropertyType));
            if (isSet)
            {
                set.Add((name, Format(property.GetValue(options))));
            }
        }

        set.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return set;
    }

    /// <summary>True when the options carry custom (extension) or uninterpreted options this library does not print.</summary>
    public static bool HasCustom(object? options)
    {
        if (options is null)
        {
            return false;
        }

        if (options is IExtensible extensible && extensible.GetExtensionObject(false) is { } extension
            && extension.GetLength() > 0)
        {
            return true;
        }

        return options.GetType().GetProperty("UninterpretedOptions")?.GetValue(options) is System.Collections.ICollection { Count: > 0 }
            || options.GetType().GetProperty("Features")?.GetValue(options) is not null;
    }

    public static string Format(object? value) => value switch
    {
        string text => "\"" + ProtoTokens.Escape(text) + "\"",
        bool flag => flag ? "true" : "false",
        Enum constant => constant.GetType().GetField(constant.ToString())?.GetCustomAttribute<ProtoEnumAttribute>()?.Name ?? constant.ToString(),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };

    private static bool IsScalar(Type type) => type.IsPrimitive || type.IsEnum || type == typeof(string);

    private static object? DefaultOf(Type type) => type.IsValueType ? Activator.CreateInstance(type) : null;
}
