using Gateway.Consume.Decoding;
using Gateway.Consume.Instances;
using Gateway.Consume.Ownership;
using Gateway.Kafka;
using Gateway.Observability;
using Gateway.Registry;
using Gateway.Settings;

namespace Gateway.Consume;

internal static class ConsumeRegistration
{
    /// <summary>v2 consumer instances, the directory of their owners across gateways, and the hop to a peer.</summary>
    public static IServiceCollection AddConsume(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ConsumeOptions, ConsumeOptionsValidator>(configuration, ConsumeOptions.Section);
        services.AddValidatedOptions<ClusterOptions, ClusterOptionsValidator>(configuration, ClusterOptions.Section);
        services.AddSingleton<IRecordDecoder, BinaryDecoder>();
        services.AddSingleton<IRecordDecoder, JsonDecoder>();
        foreach (var format in (RecordFormat[])[RecordFormat.Avro, RecordFormat.JsonSchema, RecordFormat.Protobuf])
        {
            services.AddSingleton<IRecordDecoder>(sp => new SchemaDecoder(format, sp.GetRequiredService<SchemaCache>()));
        }

        services.AddSingleton<RecordDecoders>();
        services.AddSingleton<ConsumerMetrics>();
        services.AddSingleton<InstanceContext>();
        services.AddSingleton<PeerIdentity>();
        services.AddSingleton<InstanceDirectory>();
        services.AddHostedService(sp => sp.GetRequiredService<InstanceDirectory>());
        services.AddSingleton<ConsumerInstances>();
        services.AddHostedService(sp => sp.GetRequiredService<ConsumerInstances>());
        services.AddSingleton<IConsumerGroupDirectory, LocalConsumerGroups>();
        services.AddSingleton<PublicAddress>();
        services.AddHttpForwarder();
        services.AddSingleton<PeerForwarder>();
        services.AddSingleton<OwnerRouting>();
        services.ConfigureSwaggerGen(options => options.OperationFilter<ConsumeExamples>());
        return services;
    }
}
