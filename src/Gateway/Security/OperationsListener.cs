namespace Gateway.Security;

/// <summary>
/// Where the operations endpoints (<c>/metrics</c>, <c>/swagger</c>, the detail of <c>/health/ready</c>) are served:
/// with <c>Kestrel:Endpoints:Management:Url</c> set, only on that listener (meant for a private address) and
/// there without credentials; otherwise on the public one, behind authentication.
/// </summary>
internal sealed class OperationsListener
{
    public const string EndpointKey = "Kestrel:Endpoints:Management:Url";

    public OperationsListener(IConfiguration configuration)
    {
        var url = configuration[EndpointKey];
        if (!string.IsNullOrWhiteSpace(url))
        {
            Port = BindingAddress.Parse(url).Port;
        }
    }

    /// <summary>The management listener's port, or null when there is none.</summary>
    public int? Port { get; }

    public bool IsManagement(HttpContext context) => Port is { } port && context.Connection.LocalPort == port;

    public static OperationsPath Classify(PathString path) =>
        path.StartsWithSegments("/health/live") ? OperationsPath.Live
        : path.StartsWithSegments("/health/ready") ? OperationsPath.Ready
        : path.StartsWithSegments("/health") ? OperationsPath.Live
        : path.StartsWithSegments("/metrics") ? OperationsPath.Metrics
        : path.StartsWithSegments("/swagger") ? OperationsPath.Swagger
        : OperationsPath.None;
}

internal enum OperationsPath
{
    None,
    Live,
    Ready,
    Metrics,
    Swagger,
}
