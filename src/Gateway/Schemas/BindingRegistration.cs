using Gateway.Registry;
using Gateway.Registry.Formats;

namespace Gateway.Schemas;

/// <summary>
/// Registers the schema file of each binding that also names a subject as a JSON Schema under that subject, in the
/// background once the registry can take it (the same schema is found again, not registered twice), so values written
/// with the jsonschema format and consumers that look schemas up by id see the file. Until then, and if the registry
/// refuses it, json and binary values are still validated against the file; only its schema id is not known yet.
/// </summary>
internal sealed partial class BindingRegistration(TopicSchemas schemas, SchemaCache cache, ILogger<BindingRegistration> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var binding in schemas.All.Where(b => b is { SchemaText: not null, Subject: not null }))
        {
            await RegisterAsync(binding, stoppingToken);
        }
    }

    private async Task RegisterAsync(SchemaBinding binding, CancellationToken stoppingToken)
    {
        var definition = new SchemaDefinition(SchemaType.Json, binding.SchemaText!, []);
        while (!stoppingToken.IsCancellationRequested)
        {
            var (registered, error) = await cache.LookupOrRegisterAsync(binding.Subject!, definition);
            if (registered is not null)
            {
                LogRegistered(logger, binding.SchemaFile, binding.Name, binding.Subject!, registered.Version ?? 0, registered.Id);
                return;
            }

            if (error!.Status is >= 400 and < 500)
            {
                // Incompatible with the subject's versions, or invalid: asking again gives the same answer.
                LogRefused(logger, binding.SchemaFile, binding.Name, binding.Subject!, error.Message);
                return;
            }

            LogWaiting(logger, binding.SchemaFile, binding.Subject!, error.Message);
            try
            {
                await Task.Delay(RetryAfter, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Schema file {File} of binding {Binding} is registered as subject {Subject} version {Version} (schema id {Id})")]
    private static partial void LogRegistered(ILogger logger, string file, string binding, string subject, int version, int id);

    [LoggerMessage(LogLevel.Error, "Schema file {File} of binding {Binding} could not be registered under subject {Subject}: {Reason}. Its values are validated against the file; values written under a schema id are refused.")]
    private static partial void LogRefused(ILogger logger, string file, string binding, string subject, string reason);

    [LoggerMessage(LogLevel.Debug, "Schema file {File} waits for the registry to register it under subject {Subject}: {Reason}")]
    private static partial void LogWaiting(ILogger logger, string file, string subject, string reason);
}
