using Confluent.Kafka;

namespace Gateway.Kafka;

/// <summary>librdkafka's own log lines, each at its own level.</summary>
internal static partial class LibrdkafkaLog
{
    /// <summary>librdkafka's syslog levels as .NET log levels, so its warnings and errors are seen as such.</summary>
    public static LogLevel LevelOf(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
        SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };

    public static void Write(ILogger logger, LogMessage message)
    {
        var level = LevelOf(message.Level);
        if (logger.IsEnabled(level))
        {
            Log(logger, level, message.Name, message.Facility, message.Message);
        }
    }

    [LoggerMessage("librdkafka {Client} {Facility}: {Message}")]
    private static partial void Log(ILogger logger, LogLevel level, string client, string facility, string message);
}
