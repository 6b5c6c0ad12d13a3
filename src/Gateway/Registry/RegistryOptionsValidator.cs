using FluentValidation;

namespace Gateway.Registry;

/// <summary>Checks the <c>Registry</c> section at start-up; each message names its key.</summary>
internal sealed class RegistryOptionsValidator : AbstractValidator<RegistryOptions>
{
    public RegistryOptionsValidator()
    {
        RuleFor(o => o.BasePath).Must(p => p.Length > 1 && p.StartsWith('/') && !p.EndsWith('/') && !p.Contains("//", StringComparison.Ordinal)
                && p.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.'))
            .WithMessage(o => $"Registry:BasePath '{o.BasePath}' must be a path such as /registry: a leading slash, no trailing one, letters, digits and - _ .");
        RuleFor(o => o.BasePath).Must(p => !IsTaken(p))
            .WithMessage(o => $"Registry:BasePath '{o.BasePath}' is one of the gateway's own paths.");
        RuleFor(o => o.Topic).Matches("^[a-zA-Z0-9._-]{1,249}$").Must(t => t is not ("." or ".."))
            .WithMessage(o => $"Registry:Topic '{o.Topic}' is not a legal Kafka topic name.");
        RuleFor(o => o.Url).Must(BeHttpUrls).When(o => o.UsesExternalRegistry)
            .WithMessage(o => $"Registry:Url '{o.Url}' must be one or more comma-separated http:// or https:// URLs.");
        RuleFor(o => o).Must(o => Count(o.BasicAuth, o.BasicAuthFile, o.BearerToken, o.BearerTokenFile) <= 1)
            .WithMessage("Registry: set at most one of BasicAuth, BasicAuthFile, BearerToken and BearerTokenFile.");
        RuleFor(o => o.BasicAuth).Must(b => b.Contains(':', StringComparison.Ordinal)).When(o => o.BasicAuth.Length > 0)
            .WithMessage("Registry:BasicAuth must be user:password.");
        RuleFor(o => o.BasicAuthFile).Must(File.Exists).When(o => o.BasicAuthFile.Length > 0)
            .WithMessage(o => $"Registry:BasicAuthFile '{o.BasicAuthFile}' does not exist.");
        RuleFor(o => o.BearerTokenFile).Must(File.Exists).When(o => o.BearerTokenFile.Length > 0)
            .WithMessage(o => $"Registry:BearerTokenFile '{o.BearerTokenFile}' does not exist.");
        RuleFor(o => o.CacheCapacity).InclusiveBetween(10, 1_000_000)
            .WithMessage("Registry:CacheCapacity must be between 10 and 1000000.");
        RuleFor(o => o.RequestTimeoutMs).InclusiveBetween(100, 120_000)
            .WithMessage("Registry:RequestTimeoutMs must be between 100 and 120000.");
        RuleFor(o => o.MaxSchemaBytes).InclusiveBetween(1_024, 64 * 1024 * 1024)
            .WithMessage("Registry:MaxSchemaBytes must be between 1024 and 67108864.");
    }

    private static bool IsTaken(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries)[0] is "topics" or "brokers" or "schemas" or "health" or "metrics" or "swagger" or "consumers" or "v3";

    private static bool BeHttpUrls(string urls) =>
        urls.Split(',', StringSplitOptions.TrimEntries).All(u =>
            Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");

    private static int Count(params string[] values) => values.Count(v => v.Length > 0);
}
