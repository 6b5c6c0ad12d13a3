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
        services.AddSingleton<IStartupCheck, SchemaStartup>();
        services.ConfigureSwaggerGen(options => options.DocumentFilter<SchemaDocumentFilter>());
        return services;
    }

    private sealed class SchemaStartup(IServiceProvider services) : IStartupCheck
    {
        public void Run() => _ = services.GetRequiredService<TopicSchemas>().All;
    }
}
