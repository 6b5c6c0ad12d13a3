using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Support;

/// <summary>Sections of the repository's own appsettings.json, so tests exercise the configuration that ships.</summary>
public static class ShippedSettings
{
    public static Dictionary<string, string?> Section(string name)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(PinterestRows.RepositoryRoot(), "appsettings.json"))
            .Build();
        return configuration.GetSection(name).AsEnumerable()
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Value);
    }
}
