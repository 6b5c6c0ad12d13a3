using Confluent.Kafka;
using Gateway.Kafka.Security;
using Microsoft.Extensions.Options;

namespace Gateway.Kafka;

/// <summary>
/// Makes the gateway's Kafka consumers: the producer's bootstrap servers and security (MSK IAM tokens
/// included), then <c>Kafka:Consumer</c>, then what the caller sets.
/// </summary>
internal sealed partial class ConsumerClients(
    KafkaConnection connection, IOptions<KafkaOptions> options, IServiceProvider services, ILogger<ConsumerClients> logger)
{
    private readonly KafkaOptions _options = options.Value;

    /// <summary>True when the consumers read from the embedded in-memory cluster.</summary>
    public bool UsesEmbeddedCluster => connection.Embedded is not null;

    /// <summary>A configuration with the cluster, its security and <c>Kafka:Consumer</c> applied.</summary>
    public ConsumerConfig NewConfig()
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = connection.BootstrapServers,
            // The gateway creates topics on purpose, never because a consumer named one.
            AllowAutoCreateTopics = false,
        };
        KafkaSecuritySettings.Apply(config, _options.Security);
        foreach (var (key, value) in _options.Consumer)
        {
            config.Set(key, value);
        }

        return config;
    }

    /// <summary>Builds a consumer of raw bytes; <paramref name="configure"/> adds handlers such as rebalance callbacks.</summary>
    /// <exception cref="ArgumentException">librdkafka refused the configuration.</exception>
    /// <exception cref="KafkaException">librdkafka refused the configuration.</exception>
    public IConsumer<byte[]?, byte[]?> Build(ConsumerConfig config, Action<ConsumerBuilder<byte[]?, byte[]?>>? configure = null)
    {
        var builder = new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetLogHandler((_, message) => LogLibrdkafka(logger, message.Level.ToString(), message.Facility, message.Message))
            .SetErrorHandler((_, error) => LogClientError(logger, error.Code.ToString(), error.Reason));
        if (_options.Security.Mode == KafkaSecurityMode.AwsMskIam)
        {
            builder.SetOAuthBearerTokenRefreshHandler(services.GetRequiredService<MskIamTokenRefresher>().Refresh);
        }

        configure?.Invoke(builder);
        return builder.Build();
    }

    [LoggerMessage(LogLevel.Debug, "librdkafka consumer {Level} {Facility}: {Message}")]
    private static partial void LogLibrdkafka(ILogger logger, string level, string facility, string message);

    [LoggerMessage(LogLevel.Warning, "Kafka consumer error {Code}: {Reason}")]
    private static partial void LogClientError(ILogger logger, string code, string reason);
}
