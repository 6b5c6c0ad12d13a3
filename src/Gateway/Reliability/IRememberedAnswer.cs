namespace Gateway.Reliability;

/// <summary>An answer that can say roughly how much memory it holds while it is remembered for retries.</summary>
internal interface IRememberedAnswer
{
    /// <summary>Approximate bytes the answer keeps alive (its records' outcomes, messages and the like).</summary>
    long ApproximateBytes { get; }
}

/// <summary>An answer with the memory it holds stated by whoever built it.</summary>
internal sealed class SizedAnswer(IResult answer, long approximateBytes) : IResult, IRememberedAnswer
{
    public long ApproximateBytes { get; } = approximateBytes;

    public Task ExecuteAsync(HttpContext httpContext) => answer.ExecuteAsync(httpContext);
}
