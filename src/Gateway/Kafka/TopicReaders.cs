using Confluent.Kafka;
using Gateway.Kafka.Security;
using Microsoft.Extensions.Options;

namespace Gateway.Kafka;

/// <summary>
/// Consumers that read a topic's partitions by assignment, never joining a group or committing: the producer's
/// cluster and security (MSK IAM tokens included). For internal topics the gateway keeps its state in.
/// </summary>
internal sealed partial class TopicReaders(
    KafkaConnection connection, IOptions<KafkaOptions> options, IServiceProvider services, ILogger<TopicReaders> logger)
{
    /// <summary>A reader that reports the end of each partition it reaches; <paramref name="clientId"/> names it in broker logs.</summary>
    public IConsumer<byte[]?, byte[]?> Build(string clientId)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = connection.BootstrapServers,
            ClientId = clientId,
            // Required by librdkafka, never used: partitions are assigned and nothing is committed.
            GroupId = $"{clientId}-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            EnablePartitionEof = true,
            AllowAutoCreateTopics = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchWaitMaxMs = 20,
        };
        KafkaSecuritySettings.Apply(config, options.Value.Security);
        var builder = new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetLogHandler((_, message) => LogLibrdkafka(logger, message.Level.ToString(), message.Facility, message.Message))
            .SetErrorHandler((_, error) => LogClientError(logger, clientId, error.Code.ToString(), error.Reason));
        if (options.Value.Security.Mode == KafkaSecurityMode.AwsMskIam)
        {
            builder.SetOAuthBearerTokenRefreshHandler(services.GetRequiredService<MskIamTokenRefresher>().Refresh);
        }

        return builder.Build();
    }

    [LoggerMessage(LogLevel.Debug, "librdkafka reader {Level} {Facility}: {Message}")]
    private static partial void LogLibrdkafka(ILogger logger, string level, string facility, string message);

    [LoggerMessage(LogLevel.Warning, "Kafka reader {Client} error {Code}: {Reason}")]
    private static partial void LogClientError(ILogger logger, string client, string code, string reason);
}
