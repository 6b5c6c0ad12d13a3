namespace Gateway.Observability;

/// <summary>A part of the gateway that must be ready before <c>/health/ready</c> answers 200, such as the registry reading its topic.</summary>
internal interface IReadinessCheck
{
    /// <summary>Why this part cannot serve yet; null when it can.</summary>
    string? NotReadyBecause { get; }
}
