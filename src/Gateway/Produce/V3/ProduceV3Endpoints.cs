using Gateway.Http;
using Gateway.Produce.SchemaRecords;
using Gateway.Security;
using Gateway.Settings;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Produce.V3;

/// <summary>kafka-rest v3 produce: <c>POST /v3/clusters/{cluster_id}/topics/{topic}/records</c> (streamed) and <c>…/records:batch</c>.</summary>
internal static class ProduceV3Endpoints
{
    public static IServiceCollection AddProduceV3(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ProduceV3Options, ProduceV3OptionsValidator>(configuration, ProduceV3Options.Section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecordDataSerializer, SchemalessSerializer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecordDataSerializer, SchemaSerializer>());
        services.TryAddSingleton<SchemaLookup>();
        services.AddSingleton<RecordSerializers>();
        services.AddSingleton<CallerRateLimits>();
        services.AddSingleton<RecordGroups>();
        services.AddSingleton<RequestChecksV3>();
        services.AddSingleton<StreamedProduce>();
        services.AddSingleton<BatchProduce>();
        services.AddSingleton<ProduceV3Handler>();
        services.ConfigureSwaggerGen(options => options.OperationFilter<ProduceV3Examples>());
        return services;
    }

    public static IEndpointRouteBuilder MapProduceV3(this IEndpointRouteBuilder endpoints)
    {
        var maxRecordBytes = endpoints.ServiceProvider.GetRequiredService<IOptions<ProduceV3Options>>().Value.MaxRecordBytes;
        var group = endpoints.MapGroup("/v3/clusters/{cluster_id}/topics/{topic}").WithTags(ProduceV3Examples.Tag);
        group.MapPost("/records", ProduceRecords)
            .WithName("ProduceRecordsV3")
            .WithMetadata(new StreamedBody(maxRecordBytes))
            .WithSummary("Produce records: one JSON object per record, several one after another on one (chunked) body")
            .WithDescription("Answers 200 at once and then one JSON object per record, in input order, each as soon as Kafka has it. "
                + "A record that fails is answered with its own error_code and the stream goes on.")
            .Produces<ProduceV3Response>(StatusCodes.Status200OK, MediaTypes.Json)
            .ProducesJsonErrors(400, 404, 406, 413, 415, 422, 504)
            .RequirePermission(Permission.Produce, "topic");
        group.MapPost("/records:batch", ProduceBatch)
            .WithName("ProduceBatchV3")
            .WithSummary("Produce a batch of records, answered 207 with successes and failures by entry id")
            .Produces<ProduceV3BatchResponse>(StatusCodes.Status207MultiStatus, MediaTypes.Json)
            .ProducesJsonErrors(400, 404, 406, 413, 415, 422, 504)
            .RequirePermission(Permission.Produce, "topic");
        return endpoints;
    }

    private static Task ProduceRecords(string cluster_id, string topic, HttpContext context, ProduceV3Handler handler) =>
        handler.ProduceRecordsAsync(context, cluster_id, topic);

    private static Task<IResult> ProduceBatch(string cluster_id, string topic, HttpContext context, ProduceV3Handler handler) =>
        handler.ProduceBatchAsync(context, cluster_id, topic);
}
