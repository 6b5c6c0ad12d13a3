using FluentValidation;

namespace Gateway.Consume;

/// <summary>The <c>Consumers</c> section: kafka-rest v2 consumer instances, their limits and lifetime.</summary>
public sealed class ConsumeOptions
{
    public const string Section = "Consumers";

    /// <summary>Idle time after which an instance is closed and leaves its group (ms); kafka-rest's <c>consumer.instance.timeout.ms</c>.</summary>
    public int InstanceTimeoutMs { get; set; } = 300_000;

    /// <summary>Instances this gateway holds at once; past it a create gets 429 with <c>Retry-After</c>.</summary>
    public int MaxInstances { get; set; } = 64;

    /// <summary>How long a read waits for records when neither the request nor the instance says (ms); kafka-rest's <c>consumer.request.timeout.ms</c>.</summary>
    public int RequestWaitMs { get; set; } = 1_000;

    /// <summary>Longest any read waits for records (ms), whatever <c>timeout</c> asks; below API Gateway's 29 s.</summary>
    public int MaxReadWaitMs { get; set; } = 25_000;

    /// <summary>Most key and value bytes one read returns; <c>max_bytes</c> can only lower it. Under API Gateway's 10 MB answer limit once base64-encoded.</summary>
    public int MaxReadBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Records each instance may hold fetched ahead of reads (KiB); librdkafka's <c>queued.max.messages.kbytes</c>, the memory bound per instance.</summary>
    public int FetchQueueKBytes { get; set; } = 16_384;

    /// <summary>
    /// How long a broker may hold a fetch that finds no records (ms, librdkafka <c>fetch.wait.max.ms</c>). Unset:
    /// 500 on a configured cluster (brokers answer as soon as records arrive), 50 on the embedded one, which
    /// always waits this long.
    /// </summary>
    public int? FetchWaitMaxMs { get; set; }

    /// <summary>How long the group waits for a silent member (ms); the partitions of a gateway that died move to the others after it.</summary>
    public int SessionTimeoutMs { get; set; } = 10_000;

    /// <summary>The compacted topic where each gateway records the instances it owns.</summary>
    public string DirectoryTopic { get; set; } = "_gateway_consumer_instances";

    /// <summary>How often a <c>topic_pattern</c> subscription looks for new topics it covers (ms).</summary>
    public int PatternRefreshMs { get; set; } = 30_000;

    public int EffectiveFetchWaitMaxMs(bool embedded) => FetchWaitMaxMs ?? (embedded ? 50 : 500);
}

/// <summary>The <c>Cluster</c> section: how the gateway's peers reach it.</summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>The URL other gateway instances reach this one at (<c>http://10.0.1.5:8082</c>); empty means no peer can.</summary>
    public string AdvertisedUrl { get; set; } = "";
}

internal sealed class ConsumeOptionsValidator : AbstractValidator<ConsumeOptions>
{
    public ConsumeOptionsValidator()
    {
        RuleFor(o => o.InstanceTimeoutMs).InclusiveBetween(1_000, 86_400_000)
            .WithMessage("Consumers:InstanceTimeoutMs must be between 1000 and 86400000.");
        RuleFor(o => o.MaxInstances).InclusiveBetween(1, 10_000)
            .WithMessage("Consumers:MaxInstances must be between 1 and 10000.");
        RuleFor(o => o.MaxReadWaitMs).InclusiveBetween(0, 120_000)
            .WithMessage("Consumers:MaxReadWaitMs must be between 0 and 120000; keep it below API Gateway's 29 s.");
        RuleFor(o => o.RequestWaitMs).InclusiveBetween(0, 120_000)
            .WithMessage("Consumers:RequestWaitMs must be between 0 and 120000.");
        RuleFor(o => o.MaxReadBytes).InclusiveBetween(1_024, 64 * 1024 * 1024)
            .WithMessage("Consumers:MaxReadBytes must be between 1024 and 67108864.");
        RuleFor(o => o.FetchQueueKBytes).InclusiveBetween(64, 1_048_576)
            .WithMessage("Consumers:FetchQueueKBytes must be between 64 and 1048576.");
        RuleFor(o => o.FetchWaitMaxMs).InclusiveBetween(0, 10_000).When(o => o.FetchWaitMaxMs is not null)
            .WithMessage("Consumers:FetchWaitMaxMs must be between 0 and 10000.");
        RuleFor(o => o.SessionTimeoutMs).InclusiveBetween(1_000, 300_000)
            .WithMessage("Consumers:SessionTimeoutMs must be between 1000 and 300000.");
        RuleFor(o => o.DirectoryTopic).Must(t => Topics.TopicName.Problem(t) is null)
            .WithMessage(o => $"Consumers:DirectoryTopic '{o.DirectoryTopic}' is not a legal topic name.");
        RuleFor(o => o.PatternRefreshMs).InclusiveBetween(100, 3_600_000)
            .WithMessage("Consumers:PatternRefreshMs must be between 100 and 3600000.");
    }

    public static bool BeAbsoluteHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0;
}

internal sealed class ClusterOptionsValidator : AbstractValidator<ClusterOptions>
{
    public ClusterOptionsValidator() =>
        RuleFor(o => o.AdvertisedUrl).Must(ConsumeOptionsValidator.BeAbsoluteHttpUrl).When(o => o.AdvertisedUrl.Length > 0)
            .WithMessage(o => $"Cluster:AdvertisedUrl '{o.AdvertisedUrl}' must be an absolute http or https URL.");
}
