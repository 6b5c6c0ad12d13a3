using Gateway.Http;
using Gateway.Produce.SchemaRecords;
using Gateway.Security;
using Gateway.Settings;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Produce.V2;

/// <summary>kafka-rest v2 produce: <c>POST /topics/{topic}</c> and <c>POST /topics/{topic}/partitions/{partition}</c>.</summary>
internal static class ProduceEndpoints
{
    public static IServiceCollection AddProduce(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ProduceOptions, ProduceOptionsValidator>(configuration, ProduceOptions.Section);
        services.AddSingleton<RecordFlow>();
        services.AddSingleton<ProduceHandler>();
        services.TryAddSingleton<SchemaLookup>();
        services.AddSingleton<SchemaProduce>();
        services.ConfigureSwaggerGen(options => options.OperationFilter<ProduceExamples>());
        return services;
    }

    public static IEndpointRouteBuilder MapProduce(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/topics").WithTags("Produce");
        group.MapPost("/{topic}", ProduceToTopic)
            .WithName("ProduceToTopic")
            .WithSummary("Produce records to a topic")
            .WithProduceErrors()
            .RequirePermission(Permission.Produce, "topic");
        group.MapPost("/{topic}/partitions/{partition:int}", ProduceToPartition)
            .WithName("ProduceToPartition")
            .WithSummary("Produce records to one partition of a topic")
            .WithProduceErrors()
            .RequirePermission(Permission.Produce, "topic");
        return endpoints;
    }

    private static Task<Microsoft.AspNetCore.Http.HttpResults.Results<ProduceResult, SchemaMismatchResult, ErrorResult>> ProduceToTopic(
        string topic, HttpRequest request, ProduceHandler handler) =>
        handler.HandleAsync(request, topic, null);

    private static Task<Microsoft.AspNetCore.Http.HttpResults.Results<ProduceResult, SchemaMismatchResult, ErrorResult>> ProduceToPartition(
        string topic, int partition, HttpRequest request, ProduceHandler handler) =>
        handler.HandleAsync(request, topic, partition);

    /// <summary>
    /// The whole-request failures of a produce. The request body is described by <see cref="ProduceExamples"/>
    /// rather than by <c>Accepts</c> metadata, which would make routing answer an unsupported media type
    /// itself, without the kafka-rest envelope.
    /// </summary>
    private static RouteHandlerBuilder WithProduceErrors(this RouteHandlerBuilder builder) =>
        builder.ProducesKafkaErrors(
            StatusCodes.Status400BadRequest,
            StatusCodes.Status404NotFound,
            StatusCodes.Status406NotAcceptable,
            StatusCodes.Status413PayloadTooLarge,
            StatusCodes.Status415UnsupportedMediaType,
            StatusCodes.Status429TooManyRequests,
            StatusCodes.Status503ServiceUnavailable,
            StatusCodes.Status504GatewayTimeout);
}
