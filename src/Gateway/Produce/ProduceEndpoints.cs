using Gateway.Hosting;

namespace Gateway.Produce;

/// <summary>kafka-rest v2 produce: <c>POST /topics/{topic}</c> and <c>POST /topics/{topic}/partitions/{partition}</c>.</summary>
internal static class ProduceEndpoints
{
    public static IServiceCollection AddProduce(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ProduceOptions, ProduceOptionsValidator>(configuration, ProduceOptions.Section);
        services.AddValidatedOptions<Reliability.ReliabilityOptions, Reliability.ReliabilityOptionsValidator>(configuration, Reliability.ReliabilityOptions.Section);
        services.AddSingleton<Reliability.Admission>();
        services.AddSingleton<Reliability.IdempotencyKeys>();
        services.AddSingleton<RecordFlow>();
        services.AddSingleton<ProduceHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapProduce(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/topics").WithTags("Produce");
        group.MapPost("/{topic}", ProduceToTopic)
            .WithName("ProduceToTopic")
            .WithSummary("Produce records to a topic")
            .WithProduceDocumentation();
        group.MapPost("/{topic}/partitions/{partition:int}", ProduceToPartition)
            .WithName("ProduceToPartition")
            .WithSummary("Produce records to one partition of a topic")
            .WithProduceDocumentation();
        return endpoints;
    }

    private static Task<IResult> ProduceToTopic(string topic, HttpRequest request, ProduceHandler handler) =>
        handler.HandleAsync(request, topic, null);

    private static Task<IResult> ProduceToPartition(string topic, int partition, HttpRequest request, ProduceHandler handler) =>
        handler.HandleAsync(request, topic, partition);
}
