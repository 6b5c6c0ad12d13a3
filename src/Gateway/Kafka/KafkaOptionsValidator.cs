using FluentValidation;
using Gateway.Kafka.Security;

namespace Gateway.Kafka;

/// <summary>Checks the <c>Kafka</c> section at start-up; each message names its key.</summary>
internal sealed class KafkaOptionsValidator : AbstractValidator<KafkaOptions>
{
    /// <summary>Set by the gateway, with librdkafka's aliases of them, and what would stop delivery reports reaching it.</summary>
    private static readonly string[] ReservedProducerKeys =
    [
        "bootstrap.servers", "metadata.broker.list", "acks", "request.required.acks", "enable.idempotence",
        "message.timeout.ms", "delivery.timeout.ms", "security.protocol", "sasl.mechanism", "sasl.mechanisms",
        "sasl.username", "sasl.password", "dotnet.producer.enable.delivery.reports", "dotnet.producer.delivery.report.fields",
        "dotnet.producer.enable.background.poll",
    ];

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
        RuleFor(o => o.LingerFromRecordsInFlight).InclusiveBetween(0, 1_000_000)
            .WithMessage("Kafka:LingerFromRecordsInFlight must be between 0 (always linger) and 1000000.");
        RuleFor(o => o.Security).SetValidator(new KafkaSecurityValidator());
        RuleFor(o => o.Security.Mode).Equal(KafkaSecurityMode.Plaintext).When(o => o.UsesEmbeddedCluster)
            .WithMessage("Kafka:Security:Mode must be Plaintext when Kafka:BootstrapServers is empty: the embedded cluster speaks neither TLS nor SASL.");
        RuleForEach(o => o.Producer.Keys)
            .Must(k => !ReservedProducerKeys.Contains(k, StringComparer.OrdinalIgnoreCase))
            .WithMessage((_, key) => $"Kafka:Producer:{key} is fixed by the gateway (acks=all, idempotence on, Kafka:DeliveryTimeoutMs, delivery reports) or set elsewhere (Kafka:BootstrapServers, Kafka:Security).");
        RuleForEach(o => o.Consumer.Keys)
            .Must(k => !ReservedConsumerKeys.Contains(k, StringComparer.OrdinalIgnoreCase))
            .WithMessage((_, key) => $"Kafka:Consumer:{key} is set by the gateway for each consumer instance or set elsewhere (Kafka:BootstrapServers, Kafka:Security).");
        RuleForEach(o => o.Producer)
            .Must(p => ReservedProducerKeys.Contains(p.Key, StringComparer.OrdinalIgnoreCase) || LibrdkafkaRefusal(p.Key, p.Value) is null)
            .WithMessage((_, p) => $"Kafka:Producer:{p.Key}: {LibrdkafkaRefusal(p.Key, p.Value)}");
        RuleForEach(o => o.Consumer)
            .Must(p => ReservedConsumerKeys.Contains(p.Key, StringComparer.OrdinalIgnoreCase) || LibrdkafkaRefusal(p.Key, p.Value) is null)
            .WithMessage((_, p) => $"Kafka:Consumer:{p.Key}: {LibrdkafkaRefusal(p.Key, p.Value)}");
    }

    /// <summary>What librdkafka says about a property, or null when it takes it.</summary>
    private static string? LibrdkafkaRefusal(string key, string value)
    {
        if (key.StartsWith("dotnet.", StringComparison.Ordinal))
        {
            return null;
        }

        Embedded.NativeLibrdkafka.EnsureResolver();
        var error = new byte[512];
        var conf = Embedded.NativeLibrdkafka.ConfNew();
        try
        {
            return Embedded.NativeLibrdkafka.ConfSet(conf, key, value, error, (UIntPtr)error.Length) == 0
                ? null
                : $"librdkafka refused it: {System.Text.Encoding.UTF8.GetString(error).TrimEnd('\0')}";
        }
        finally
        {
            Embedded.NativeLibrdkafka.ConfDestroy(conf);
        }
    }

    private static bool BeHostPortList(string servers) =>
        string.IsNullOrWhiteSpace(servers)
        || servers.Split(',', StringSplitOptions.TrimEntries).All(entry =>
        {
            var colon = entry.LastIndexOf(':');
            return colon > 0 && int.TryParse(entry[(colon + 1)..], out var port) && port is > 0 and < 65536;
        });
}
