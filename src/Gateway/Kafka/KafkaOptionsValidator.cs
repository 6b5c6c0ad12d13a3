using FluentValidation;
using Gateway.Kafka.Security;

namespace Gateway.Kafka;

/// <summary>Checks the <c>Kafka</c> section at start-up; each message names its key.</summary>
internal sealed class KafkaOptionsValidator : AbstractValidator<KafkaOptions>
{
    private static readonly string[] ReservedProducerKeys =
        ["bootstrap.servers", "acks", "enable.idempotence", "security.protocol", "sasl.mechanism", "sasl.username", "sasl.password"];

    private static readonly string[] ReservedConsumerKeys =
        ["bootstrap.servers", "group.id", "enable.auto.offset.store", "security.protocol", "sasl.mechanism", "sasl.username", "sasl.password"];

    public KafkaOptionsValidator()
    {
        RuleFor(o => o.BootstrapServers)
            .Must(BeHostPortList)
            .WithMessage(o => $"Kafka:BootstrapServers '{o.BootstrapServers}' must be a comma-separated list of host:port.");
        RuleFor(o => o.DeliveryTimeoutMs).InclusiveBetween(1_000, 300_000)
            .WithMessage("Kafka:DeliveryTimeoutMs must be between 1000 and 300000.");
        RuleFor(o => o.DefaultPartitions).InclusiveBetween(1, 10_000)
            .WithMessage("Kafka:DefaultPartitions must be between 1 and 10000.");
        RuleFor(o => o.DefaultReplicationFactor).Must(r => r == -1 || r >= 1)
            .WithMessage("Kafka:DefaultReplicationFactor must be -1 (broker default) or at least 1.");
        RuleFor(o => o.MetadataMaxAgeMs).InclusiveBetween(100, 3_600_000)
            .WithMessage("Kafka:MetadataMaxAgeMs must be between 100 and 3600000.");
        RuleFor(o => o.MetadataTimeoutMs).InclusiveBetween(100, 60_000)
            .WithMessage("Kafka:MetadataTimeoutMs must be between 100 and 60000.");
        RuleFor(o => o.EmbeddedBrokers).InclusiveBetween(1, 9)
            .WithMessage("Kafka:EmbeddedBrokers must be between 1 and 9.");
        RuleFor(o => o.Security).SetValidator(new KafkaSecurityValidator());
        RuleFor(o => o.Security.Mode).Equal(KafkaSecurityMode.Plaintext).When(o => o.UsesEmbeddedCluster)
            .WithMessage("Kafka:Security:Mode must be Plaintext when Kafka:BootstrapServers is empty: the embedded cluster speaks neither TLS nor SASL.");
        RuleForEach(o => o.Producer.Keys)
            .Must(k => !ReservedProducerKeys.Contains(k, StringComparer.OrdinalIgnoreCase))
            .WithMessage((_, key) => $"Kafka:Producer:{key} is fixed by the gateway (acks=all, idempotence on) or set elsewhere (Kafka:BootstrapServers, Kafka:Security).");
        RuleForEach(o => o.Consumer.Keys)
            .Must(k => !ReservedConsumerKeys.Contains(k, StringComparer.OrdinalIgnoreCase))
            .WithMessage((_, key) => $"Kafka:Consumer:{key} is set by the gateway for each consumer instance or set elsewhere (Kafka:BootstrapServers, Kafka:Security).");
    }

    private static bool BeHostPortList(string servers) =>
        string.IsNullOrWhiteSpace(servers)
        || servers.Split(',', StringSplitOptions.TrimEntries).All(entry =>
        {
            var colon = entry.LastIndexOf(':');
            return colon > 0 && int.TryParse(entry[(colon + 1)..], out var port) && port is > 0 and < 65536;
        });
}
