using Gateway.Settings;

namespace Gateway.Schemas;

internal static class SchemasRegistration
{
    /// <summary>The bindings (read and compiled at start-up, so a broken schema stops it), dead letters, and the schemas in Swagger UI.</summary>
    public static IServiceCollection AddSchemas(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SchemaOptions, SchemaOptionsValidator>(configuration, SchemaOptions.Section);
        services.AddSingleton<TopicSchemas>();
        services.AddSingleton<DeadLetters>();
        services.AddSingleton<SubjectBindings>();
        services.AddHostedService<BindingRegistration>();
        services.AddHostedService<SchemaStartup>();
        services.ConfigureSwaggerGen(options => options.DocumentFilter<SchemaDocumentFilter>());
        return services;
    }

    private sealed class SchemaStartup(TopicSchemas schemas) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = schemas.All;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
