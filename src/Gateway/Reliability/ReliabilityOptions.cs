using FluentValidation;

namespace Gateway.Reliability;

/// <summary>The <c>Reliability</c> section: admission limits, request deadline and idempotency keys.</summary>
public sealed class ReliabilityOptions
{
    public const string Section = "Reliability";

    /// <summary>Records handed to Kafka and not yet acknowledged, across all requests; past it, 429.</summary>
    public int MaxInFlightRecords { get; set; } = 50_000;

    /// <summary>Bytes (keys and values) handed to Kafka and not yet acknowledged; past it, 429.</summary>
    public long MaxInFlightBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Longest a produce request waits for Kafka before answering that the outcome is unknown (ms).</summary>
    public int RequestDeadlineMs { get; set; } = 28_000;

    /// <summary>How long an answer is kept for a retry with the same <c>Idempotency-Key</c> (seconds).</summary>
    public int IdempotencyWindowSeconds { get; set; } = 300;

    /// <summary>Most idempotency keys remembered at once; the least recently used are forgotten first.</summary>
    public int IdempotencyMaxKeys { get; set; } = 100_000;

    /// <summary>Most memory the remembered answers may hold (approximate bytes); the least recently used are forgotten first.</summary>
    public long IdempotencyMaxBytes { get; set; } = 64L * 1024 * 1024;
}

internal sealed class ReliabilityOptionsValidator : AbstractValidator<ReliabilityOptions>
{
    public ReliabilityOptionsValidator()
    {
        RuleFor(o => o.MaxInFlightRecords).InclusiveBetween(1, 1_000_000)
            .WithMessage("Reliability:MaxInFlightRecords must be between 1 and 1000000 (librdkafka's queue holds at most 1000000 here).");
        RuleFor(o => o.MaxInFlightBytes).InclusiveBetween(1024, 1024L * 1024 * 1024)
            .WithMessage("Reliability:MaxInFlightBytes must be between 1024 and 1073741824.");
        RuleFor(o => o.RequestDeadlineMs).InclusiveBetween(100, 600_000)
            .WithMessage("Reliability:RequestDeadlineMs must be between 100 and 600000; keep it below API Gateway's 29 s.");
        RuleFor(o => o.IdempotencyWindowSeconds).InclusiveBetween(1, 86_400)
            .WithMessage("Reliability:IdempotencyWindowSeconds must be between 1 and 86400.");
        RuleFor(o => o.IdempotencyMaxKeys).InclusiveBetween(1, 10_000_000)
            .WithMessage("Reliability:IdempotencyMaxKeys must be between 1 and 10000000.");
        RuleFor(o => o.IdempotencyMaxBytes).InclusiveBetween(64 * 1024, 16L * 1024 * 1024 * 1024)
            .WithMessage("Reliability:IdempotencyMaxBytes must be between 65536 and 17179869184.");
    }
}
