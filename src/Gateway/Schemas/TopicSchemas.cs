using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Gateway.Schemas;

/// <summary>The loaded bindings, and which one (if any) covers a topic. Loaded once, at start-up.</summary>
internal sealed class TopicSchemas
{
    private const int MaxRemembered = 10_000;
    private readonly SchemaBinding[] _bindings;
    private readonly ConcurrentDictionary<string, SchemaBinding?> _byTopic = new(StringComparer.Ordinal);

    public TopicSchemas(IOptions<SchemaOptions> options, IHostEnvironment environment)
    {
        Options = options.Value;
        _bindings = Options.Bindings
            .Select(entry => Load(entry.Key, entry.Value, environment.ContentRootPath))
            .OrderByDescending(b => b.IsExact)
            .ToArray();
    }

    public SchemaOptions Options { get; }

    public IReadOnlyList<SchemaBinding> All => _bindings;

    /// <summary>The binding for a topic: an exact name first, then the first pattern that matches.</summary>
    public SchemaBinding? Find(string topic)
    {
        if (_byTopic.TryGetValue(topic, out var known))
        {
            return known;
        }

        var found = _bindings.FirstOrDefault(b => b.Matches(topic));
        if (_byTopic.Count < MaxRemembered)
        {
            _byTopic[topic] = found;
        }

        return found;
    }

    private static SchemaBinding Load(string name, SchemaBindingOptions options, string contentRoot)
    {
        var key = $"Schemas:Bindings:{name}";
        var pattern = options.Pattern.Length > 0
            ? new Regex($"^(?:{options.Pattern})$", RegexOptions.CultureInvariant, SchemaFiles.PatternTimeout)
            : null;
        if (options.Schema.Length == 0)
        {
            // A subject alone: its schemas are the registry's, looked up when records arrive.
            return new SchemaBinding(name, options, pattern, null, null);
        }

        var path = SchemaFiles.Resolve(options.Schema, contentRoot)
            ?? throw new InvalidOperationException($"{key}:Schema '{options.Schema}' was not found.");
        try
        {
            var schema = SchemaCompiler.CompileFileAsync(path).GetAwaiter().GetResult();
            return new SchemaBinding(name, options, pattern, schema, File.ReadAllText(path));
        }
        catch (Exception e) when (e is not InvalidOperationException)
        {
            throw new InvalidOperationException($"{key}:Schema '{options.Schema}' could not be loaded: {e.Message}", e);
        }
    }
}
