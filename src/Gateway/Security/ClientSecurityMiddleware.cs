using Gateway.Http;
using Gateway.Observability;
using Microsoft.Extensions.Options;

namespace Gateway.Security;

/// <summary>
/// Every request passes here before its body is read: 401 without valid credentials, 403 / 40301 when the
/// caller lacks the permission the endpoint requires (<see cref="RequiresPermission"/>), the unknown-topic
/// answer for topics the caller may not see (<see cref="RequiresTopicVisibility"/>), 429 past the caller's
/// rate or an address's budget of refusals. Only <c>/health/live</c> and the bare status of
/// <c>/health/ready</c> are open; the operations endpoints need credentials (metrics: the admin view) or the
/// management listener. Refusals are counted in a metric and logged at Debug, escaped and short.
/// </summary>
internal sealed partial class ClientSecurityMiddleware
{
    public const string CallerItem = "gateway.caller";
    private const string DetailItem = "gateway.operations-detail";

    private readonly RequestDelegate _next;
    private readonly ClientAuthenticator _authenticator;
    private readonly OperationsListener _operations;
    private readonly ILogger<ClientSecurityMiddleware> _logger;
    private readonly TokenBuckets? _perCaller;
    private readonly TokenBuckets? _refusals;

    public ClientSecurityMiddleware(
        RequestDelegate next, ClientAuthenticator authenticator, OperationsListener operations,
        IOptions<ClientSecurityOptions> options, TimeProvider time, ILogger<ClientSecurityMiddleware> logger)
    {
        _next = next;
        _authenticator = authenticator;
        _operations = operations;
        _logger = logger;
        _perCaller = options.Value.RequestsPerSecond > 0 ? new TokenBuckets(options.Value.RequestsPerSecond, time) : null;
        _refusals = options.Value.RefusalsPerSecond > 0 ? new TokenBuckets(options.Value.RefusalsPerSecond, time) : null;
    }

    /// <summary>True when this request may see operational detail (readiness reasons): on the management listener or with valid credentials.</summary>
    public static bool MayShowDetail(HttpContext context) => context.Items.ContainsKey(DetailItem);

    public async Task InvokeAsync(HttpContext context)
    {
        var operation = OperationsListener.Classify(context.Request.Path);
        if (_operations.Port is not null)
        {
            if (_operations.IsManagement(context))
            {
                if (operation == OperationsPath.None)
                {
                    await ErrorResult.WriteAsync(context.Response, ErrorCatalog.NotFound());
                    return;
                }

                context.Items[DetailItem] = true;
                await _next(context);
                return;
            }

            if (operation is OperationsPath.Metrics or OperationsPath.Swagger)
            {
                await ErrorResult.WriteAsync(context.Response, ErrorCatalog.NotFound());
                return;
            }
        }

        if (operation == OperationsPath.Live || (operation == OperationsPath.Ready && _operations.Port is not null))
        {
            await _next(context);
            return;
        }

        if (operation == OperationsPath.Ready)
        {
            if ((await _authenticator.AuthenticateAsync(context.Request)).Caller is not null)
            {
                context.Items[DetailItem] = true;
            }

            await _next(context);
            return;
        }

        var address = context.Connection.RemoteIpAddress?.ToString() ?? "";
        if (_refusals is not null && !_refusals.HasToken(address))
        {
            GatewayMetrics.Refused("refusals_limited");
            await ErrorResult.WriteAsync(context.Response, ErrorCatalog.RefusalsLimited(1));
            return;
        }

        var (caller, problem) = await _authenticator.AuthenticateAsync(context.Request);
        if (caller is null)
        {
            LogRefused(_logger, LogText.Escape(context.Request.Method), LogText.Escape(context.Request.Path.Value), problem!);
            await RefuseAsync(context, address, "unauthenticated", ErrorCatalog.Unauthenticated(problem!));
            return;
        }

        context.Items[CallerItem] = caller;
        if (_perCaller?.TryTake(caller.Name) is { Taken: false, RetryAfter: var wait })
        {
            GatewayMetrics.Refused("rate_limited");
            await ErrorResult.WriteAsync(context.Response, ErrorCatalog.RateLimited((int)Math.Max(1, Math.Ceiling(wait.TotalSeconds))));
            return;
        }

        var required = operation == OperationsPath.Metrics
            ? new RequiresPermission(Permission.Admin, null)
            : context.GetEndpoint()?.Metadata.GetMetadata<RequiresPermission>();
        if (required is not null)
        {
            var resource = required.RouteValue is null ? Caller.ClusterResource : context.Request.RouteValues[required.RouteValue] as string ?? "";
            if (!caller.May(required.Permission, resource))
            {
                var action = PermissionText.Describe(required.Permission, resource);
                var reason = caller.MalformedGrants.TryGetValue(required.Permission, out var malformed) ? malformed : null;
                LogForbidden(_logger, LogText.Escape(caller.Name), LogText.Escape(action));
                await RefuseAsync(context, address, "forbidden", ErrorCatalog.Forbidden(caller.Name, action, reason));
                return;
            }
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<RequiresTopicVisibility>() is { } visibility
            && context.Request.RouteValues[visibility.RouteValue] is string topic && !caller.MaySee(topic))
        {
            await ErrorResult.WriteAsync(context.Response, visibility.Unknown(topic));
            return;
        }

        context.Items[DetailItem] = true;
        await _next(context);
    }

    private Task RefuseAsync(HttpContext context, string address, string reason, GatewayError error)
    {
        _refusals?.TryTake(address);
        GatewayMetrics.Refused(reason);
        return ErrorResult.WriteAsync(context.Response, error);
    }

    [LoggerMessage(LogLevel.Debug, "Refused {Method} {Path}: {Problem}")]
    private static partial void LogRefused(ILogger logger, string method, string path, string problem);

    [LoggerMessage(LogLevel.Debug, "{Caller} may not {Action}")]
    private static partial void LogForbidden(ILogger logger, string caller, string action);
}
