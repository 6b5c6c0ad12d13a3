using Gateway.Produce.V2;
using Gateway.Settings;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

internal static class ServerDefaults
{
    /// <summary>kafka-rest's port.</summary>
    public const string DefaultUrl = "http://localhost:8082";

    /// <summary>How far the server-wide body limit sits above <c>Produce:MaxBodyBytes</c>, so the produce flow answers its own 413 first.</summary>
    public const long BodyLimitMargin = 64 * 1024;

    /// <summary>What a body counts for admission where no server limit applies (the in-memory test server).</summary>
    public const long UnlimitedBodyCharge = 16L * 1024 * 1024;

    private const string KestrelCategory = "Microsoft.AspNetCore.Server.Kestrel";

    private static readonly string[] KnownMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

    /// <summary>
    /// Reads <c>appsettings.json</c> beside the application when the working directory has none, listens on
    /// kafka-rest's port unless <c>ASPNETCORE_URLS</c>, <c>Urls</c> or <c>Kestrel:Endpoints</c> says otherwise,
    /// keeps a server-wide body limit just above the produce limit, keeps Kestrel's bad-request log (which
    /// quotes request lines and headers) above Debug, and drains in-flight requests on SIGTERM.
    /// </summary>
    public static WebApplicationBuilder UseGatewayServer(this WebApplicationBuilder builder)
    {
        UseConfigurationBesideTheApplication(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddValidatedOptions<ServerOptions, ServerOptionsValidator>(builder.Configuration, ServerOptions.Section);
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<ProduceOptions>>((kestrel, produce) =>
            kestrel.Limits.MaxRequestBodySize = produce.Value.MaxBodyBytes + BodyLimitMargin);
        builder.Services.PostConfigure<LoggerFilterOptions>(KeepKestrelAboveDebug);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(25));
        return builder;
    }

    /// <summary>
    /// Any method other than the seven HTTP methods the gateway knows is answered 405 before anything else
    /// sees it, so no caller-chosen method reaches routing, logs or metric labels.
    /// </summary>
    public static WebApplication UseKnownMethodsOnly(this WebApplication app)
    {
        app.Use((context, next) => KnownMethods.Contains(context.Request.Method, StringComparer.Ordinal)
            ? next(context)
            : Http.ErrorResult.WriteAsync(context.Response, Http.ErrorCatalog.MethodNotAllowed()));
        return app;
    }

    /// <summary>Request bodies admitted by bytes before they are read (<see cref="BodyAdmission"/>).</summary>
    public static WebApplication UseBodyAdmission(this WebApplication app)
    {
        app.UseMiddleware<BodyAdmission>();
        return app;
    }

    /// <summary>
    /// A service started as <c>dotnet /app/Gateway.dll</c> from another directory (a systemd unit) would
    /// otherwise run on the code's defaults; the published configuration sits beside the application.
    /// </summary>
    private static void UseConfigurationBesideTheApplication(WebApplicationBuilder builder)
    {
        var beside = AppContext.BaseDirectory;
        if (File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json")) || !File.Exists(Path.Combine(beside, "appsettings.json")))
        {
            return;
        }

        var sources = builder.Configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: { } path } json && path.StartsWith("appsettings", StringComparison.Ordinal))
            {
                // Replacing the source (not changing it) makes the configuration load it again.
                sources[i] = new JsonConfigurationSource
                {
                    Path = path,
                    Optional = json.Optional,
                    ReloadOnChange = json.ReloadOnChange,
                    FileProvider = new PhysicalFileProvider(beside),
                };
            }
        }
    }

    /// <summary>
    /// Kestrel's Debug log of a malformed request quotes the offending line, which can be a credential header:
    /// every rule that would let Kestrel log below Information, from configuration or not, is raised to it.
    /// </summary>
    private static void KeepKestrelAboveDebug(LoggerFilterOptions options)
    {
        var providers = options.Rules.Select(r => r.ProviderName).Append(null).Distinct().ToArray();
        var rules = options.Rules.ToList();
        options.Rules.Clear();
        foreach (var rule in rules)
        {
            options.Rules.Add(rule.CategoryName?.StartsWith(KestrelCategory, StringComparison.Ordinal) == true && rule.LogLevel < LogLevel.Information
                ? new LoggerFilterRule(rule.ProviderName, rule.CategoryName, LogLevel.Information, rule.Filter)
                : rule);
        }

        foreach (var provider in providers)
        {
            // Per provider, Kestrel's own rule: what was configured for it (or its parents), at least Information.
            var configured = rules
                .Where(r => (r.ProviderName == provider || r.ProviderName is null) && (r.CategoryName is null || KestrelCategory.StartsWith(r.CategoryName, StringComparison.Ordinal)))
                .OrderByDescending(r => r.ProviderName is null ? 0 : 1).ThenByDescending(r => r.CategoryName?.Length ?? 0)
                .FirstOrDefault()?.LogLevel ?? options.MinLevel;
            options.Rules.Add(new LoggerFilterRule(provider, KestrelCategory, configured > LogLevel.Information ? configured : LogLevel.Information, null));
        }
    }
}
