using Confluent.Kafka;

namespace Gateway.Kafka.Security;

/// <summary>Turns <see cref="KafkaSecurityOptions"/> into librdkafka settings.</summary>
internal static class KafkaSecuritySettings
{
    public static void Apply(ClientConfig config, KafkaSecurityOptions options)
    {
        config.SecurityProtocol = options.Mode switch
        {
            KafkaSecurityMode.Plaintext => SecurityProtocol.Plaintext,
            KafkaSecurityMode.Tls => SecurityProtocol.Ssl,
            KafkaSecurityMode.AwsMskIam => SecurityProtocol.SaslSsl,
            _ => options.UseTls ? SecurityProtocol.SaslSsl : SecurityProtocol.SaslPlaintext,
        };
        if (options.CaFile.Length > 0)
        {
            config.SslCaLocation = options.CaFile;
        }

        switch (options.Mode)
        {
            case KafkaSecurityMode.SaslPlain:
            case KafkaSecurityMode.SaslScram256:
            case KafkaSecurityMode.SaslScram512:
                config.SaslMechanism = options.Mode switch
                {
                    KafkaSecurityMode.SaslPlain => SaslMechanism.Plain,
                    KafkaSecurityMode.SaslScram256 => SaslMechanism.ScramSha256,
                    _ => SaslMechanism.ScramSha512,
                };
                config.SaslUsername = options.Username;
                config.SaslPassword = options.EffectivePassword;
                break;
            case KafkaSecurityMode.AwsMskIam:
                // The token comes from the gateway's refresh handler, not from librdkafka's OIDC fetcher.
                config.SaslMechanism = SaslMechanism.OAuthBearer;
                break;
        }
    }
}
