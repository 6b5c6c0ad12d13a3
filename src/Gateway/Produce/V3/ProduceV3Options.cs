using FluentValidation;

namespace Gateway.Produce.V3;

/// <summary>The <c>ProduceV3</c> section: kafka-rest v3 produce limits, named after kafka-rest's own settings.</summary>
public sealed class ProduceV3Options
{
    public const string Section = "ProduceV3";

    /// <summary>How long one streamed request may stay open (kafka-rest <c>streaming.connection.max.duration.ms</c>);
    /// each record after it is answered 408 and the stream closes after <see cref="StreamGracePeriodMs"/>.</summary>
    public long StreamMaxDurationMs { get; set; } = 86_400_000;

    /// <summary>kafka-rest <c>streaming.connection.max.duration.grace.period.ms</c>.</summary>
    public int StreamGracePeriodMs { get; set; } = 500;

    /// <summary>Largest JSON object of one record (kafka-rest <c>api.v3.produce.request.size.limit.max.bytes</c>);
    /// a larger record is answered 400 and skipped without being buffered. 1 MiB by default, as Kafka's own
    /// record limit (librdkafka's <c>message.max.bytes</c>, 1000000) refuses larger ones anyway; it is also
    /// what an open stream is charged against <c>Server:MaxBodyBytesInFlight</c>.</summary>
    public int MaxRecordBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest <c>records:batch</c> body.</summary>
    public int MaxBatchBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>kafka-rest <c>api.v3.produce.batch.maximum.entries</c> (1 to 50).</summary>
    public int BatchMaxEntries { get; set; } = 10;

    /// <summary>kafka-rest <c>api.v3.produce.rate.limit.enabled</c>; here the limits are per caller.</summary>
    public bool RateLimitEnabled { get; set; }

    /// <summary>Records per second one caller may produce through v3 (kafka-rest <c>…max.requests.per.sec</c>, one permit per record).</summary>
    public int RecordsPerSecond { get; set; } = 10_000;

    /// <summary>Record bytes (as sent) per second one caller may produce through v3 (kafka-rest <c>…max.bytes.per.sec</c>).</summary>
    public int BytesPerSecond { get; set; } = 10_000_000;

    /// <summary>Records of one stream read ahead of their answers; past it the gateway stops reading until answers are written.</summary>
    public int MaxPendingRecords { get; set; } = 10_000;
}

internal sealed class ProduceV3OptionsValidator : AbstractValidator<ProduceV3Options>
{
    public ProduceV3OptionsValidator()
    {
        RuleFor(o => o.StreamMaxDurationMs).InclusiveBetween(1, 7L * 86_400_000)
            .WithMessage("ProduceV3:StreamMaxDurationMs must be between 1 and 604800000 (a week).");
        RuleFor(o => o.StreamGracePeriodMs).InclusiveBetween(0, 60_000)
            .WithMessage("ProduceV3:StreamGracePeriodMs must be between 0 and 60000.");
        RuleFor(o => o.MaxRecordBytes).InclusiveBetween(64, 100 * 1024 * 1024)
            .WithMessage("ProduceV3:MaxRecordBytes must be between 64 and 104857600.");
        RuleFor(o => o.MaxBatchBytes).InclusiveBetween(64, 100 * 1024 * 1024)
            .WithMessage("ProduceV3:MaxBatchBytes must be between 64 and 104857600.");
        RuleFor(o => o.BatchMaxEntries).InclusiveBetween(1, 50)
            .WithMessage("ProduceV3:BatchMaxEntries must be between 1 and 50, as kafka-rest's api.v3.produce.batch.maximum.entries.");
        RuleFor(o => o.RecordsPerSecond).GreaterThan(0).WithMessage("ProduceV3:RecordsPerSecond must be positive.");
        RuleFor(o => o.BytesPerSecond).GreaterThan(0).WithMessage("ProduceV3:BytesPerSecond must be positive.");
        RuleFor(o => o.MaxPendingRecords).InclusiveBetween(1, 1_000_000)
            .WithMessage("ProduceV3:MaxPendingRecords must be between 1 and 1000000.");
    }
}
