using FluentValidation;

namespace Gateway.Produce.V2;

/// <summary>The <c>Produce</c> configuration section.</summary>
public sealed class ProduceOptions
{
    public const string Section = "Produce";

    /// <summary>Largest request body accepted (bytes); larger gets 413. API Gateway's own limit is 10 MB.</summary>
    public int MaxBodyBytes { get; set; } = 10 * 1024 * 1024;
}

internal sealed class ProduceOptionsValidator : AbstractValidator<ProduceOptions>
{
    public ProduceOptionsValidator() =>
        RuleFor(o => o.MaxBodyBytes).InclusiveBetween(1024, 512 * 1024 * 1024)
            .WithMessage("Produce:MaxBodyBytes must be between 1024 and 536870912.");
}
