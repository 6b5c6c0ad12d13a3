using Gateway.Http;
using Gateway.Observability;
using Gateway.Registry.Api;
using Gateway.Registry.Client;
using Gateway.Registry.Storage;
using Gateway.Settings;
using Microsoft.Extensions.Options;

namespace Gateway.Registry;

internal static partial class RegistryRegistration
{
    /// <summary>
    /// The schema registry: the gateway's own (stored in the <c>Registry:Topic</c> topic, read to its end before
    /// <c>/health/ready</c> is green), or the external one at <c>Registry:Url</c>; either behind <see cref="ISchemaRegistry"/>.
    /// </summary>
    public static IServiceCollection AddRegistry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RegistryOptions, RegistryOptionsValidator>(configuration, RegistryOptions.Section);
        services.AddSingleton<RegistryTopic>();
        services.AddSingleton<RegistryLog>();
        services.AddSingleton<SchemaStore>();
        services.AddSingleton<EmbeddedRegistry>();
        services.AddSingleton<ExternalRegistry>();
        services.AddSingleton<ISchemaRegistry>(sp => sp.GetRequiredService<IOptions<RegistryOptions>>().Value.UsesExternalRegistry
            ? sp.GetRequiredService<ExternalRegistry>()
            : sp.GetRequiredService<EmbeddedRegistry>());
        services.AddSingleton<SchemaCache>();
        services.AddSingleton<RegistryStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<RegistryStartup>());
        services.AddSingleton<IReadinessCheck>(sp => sp.GetRequiredService<RegistryStartup>());
        return services;
    }

    /// <summary>Confluent's registry API under <c>Registry:BasePath</c>, unless an external registry is used instead.</summary>
    public static WebApplication MapRegistry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<RegistryOptions>>().Value;
        if (options.UsesExternalRegistry)
        {
            return app;
        }

        var registry = app.MapGroup(options.BasePath).WithTags("Schema Registry").AddEndpointFilter(RegistryMediaTypes.Negotiate);
        registry.MapGet("/", () => Results.Text("{}", MediaTypes.SchemaRegistryV1)).ExcludeFromDescription();
        registry.MapSubjects();
        registry.MapSchemaIds();
        registry.MapConfig();
        return app;
    }

    /// <summary>
    /// Creates the topic if missing and starts reading it, without holding up start-up: until the topic is read to the
    /// end it had, the registry answers 50002 and <c>/health/ready</c> says why it is not ready.
    /// </summary>
    internal sealed partial class RegistryStartup(
        IOptions<RegistryOptions> options, RegistryTopic topic, IServiceProvider services, ILogger<RegistryStartup> logger) : IHostedService, IReadinessCheck, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new();
        private volatile string? _topicProblem = "the schema registry topic is not checked yet";
        private RegistryLog? _log;

        public string? NotReadyBecause => options.Value.UsesExternalRegistry ? null
            : _topicProblem is { } problem ? $"schema registry: {problem}"
            : _log?.Problem is { } reading ? $"schema registry: {reading}"
            : null;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (options.Value.UsesExternalRegistry)
            {
                LogExternal(logger, options.Value.Url);
                return Task.CompletedTask;
            }

            _ = Task.Run(OpenAsync, CancellationToken.None);
            return Task.CompletedTask;
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            try
            {
                await _stopping.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // The host may stop a service the container has already disposed of.
            }
        }

        public void Dispose() => _stopping.Dispose();

        private async Task OpenAsync()
        {
            while (!_stopping.IsCancellationRequested)
            {
                _topicProblem = await topic.EnsureAsync(options.Value.Topic);
                if (_topicProblem is null)
                {
                    _log = services.GetRequiredService<RegistryLog>();
                    _log.Start();
                    return;
                }

                LogTopicProblem(logger, _topicProblem);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        [LoggerMessage(LogLevel.Information, "Schema registry: using the external registry at {Url}")]
        private static partial void LogExternal(ILogger logger, string url);

        [LoggerMessage(LogLevel.Warning, "Schema registry not ready: {Problem}")]
        private static partial void LogTopicProblem(ILogger logger, string problem);
    }
}
