using Gateway.Consume.Decoding;
using Gateway.Http;

namespace Gateway.Consume.Requests;

/// <summary>A create request, checked: kafka-rest's fields and defaults, and its errors.</summary>
internal sealed record CreateSettings(string? Name, RecordFormat Format, string? AutoOffsetReset, bool? AutoCommit, int? MinBytes, int? RequestWaitMs)
{
    /// <summary>kafka-rest's bounds of <c>fetch.min.bytes</c>.</summary>
    public const int MaxMinBytes = 10_000_000;

    public static CreateSettings Defaults { get; } = new(null, RecordFormat.Binary, null, null, null, null);

    public static (CreateSettings? Settings, GatewayError? Error) Read(JsonBody? body)
    {
        if (body is null)
        {
            return (Defaults, null);
        }

        body.OnlyFields("id", "name", "format", "auto.offset.reset", "auto.commit.enable", "fetch.min.bytes", "responseMinBytes",
            "consumer.request.timeout.ms", "requestWaitMs");
        var id = body.String("id");
        var name = body.String("name");
        var formatName = body.String("format");
        var offsetReset = body.String("auto.offset.reset");
        var autoCommit = body.String("auto.commit.enable");
        var minBytes = body.Int("fetch.min.bytes");
        var minBytesAlias = body.Int("responseMinBytes");
        var requestWait = body.Int("consumer.request.timeout.ms");
        var requestWaitAlias = body.Int("requestWaitMs");
        if (body.Error is { } error)
        {
            return (null, error);
        }

        // The deprecated id wins over name, as in kafka-rest.
        var instanceName = id ?? name;
        if (instanceName is not null && NameProblem(instanceName) is { } problem)
        {
            return (null, ErrorCatalog.InvalidInstanceName(instanceName, problem));
        }

        var format = formatName is null ? RecordFormat.Binary : RecordFormats.Parse(formatName);
        if (format is null)
        {
            return (null, ErrorCatalog.InvalidFormatType());
        }

        var fetchMin = minBytes ?? minBytesAlias;
        if (fetchMin is < -1 or > MaxMinBytes)
        {
            var bound = fetchMin < -1 ? "at least -1" : $"no more than {MaxMinBytes}";
            return (null, ErrorCatalog.InvalidConsumerConfigConstraint($"Invalid value {fetchMin} for configuration fetch.min.bytes: Value must be {bound}"));
        }

        if (offsetReset is not null && offsetReset.ToLowerInvariant() is not ("latest" or "earliest" or "none"))
        {
            return (null, ErrorCatalog.InvalidConsumerConfig($"Invalid value {offsetReset} for configuration auto.offset.reset: String must be one of: latest, earliest, none"));
        }

        bool? commit = autoCommit?.ToLowerInvariant() switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => null,
        };
        if (autoCommit is not null && commit is null)
        {
            return (null, ErrorCatalog.InvalidConsumerConfig($"Invalid value {autoCommit} for configuration enable.auto.commit: Expected value to be either true or false"));
        }

        // -1, kafka-rest's "disabled", and no value both mean: return as soon as there are records.
        var wait = requestWait ?? requestWaitAlias;
        return (new CreateSettings(instanceName, format.Value, offsetReset?.ToLowerInvariant(), commit, fetchMin is null or < 0 ? null : fetchMin,
            wait is null or < 0 ? null : wait), null);
    }

    /// <summary>Instance names go into URLs, one path segment each.</summary>
    private static string? NameProblem(string name) =>
        name.Length is 0 or > 255 ? "it must be 1 to 255 characters"
        : name.Any(c => c == '/' || char.IsControl(c)) ? "it may not contain '/' or control characters"
        : null;
}
