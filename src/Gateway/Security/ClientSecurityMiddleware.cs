using Gateway.Http;

namespace Gateway.Security;

/// <summary>
/// Refuses a caller before the body is read: 401 without valid credentials, 403 / 40301 when the caller
/// lacks the permission the endpoint requires (<see cref="RequiresPermission"/>). Health checks, metrics and Swagger UI stay open.
/// </summary>
internal sealed partial class ClientSecurityMiddleware(RequestDelegate next, ClientAuthenticator authenticator, ILogger<ClientSecurityMiddleware> logger)
{
    public const string CallerItem = "gateway.caller";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/health") || path.StartsWithSegments("/swagger") || path.StartsWithSegments("/metrics"))
        {
            await next(context);
            return;
        }

        var (caller, problem) = await authenticator.AuthenticateAsync(context.Request);
        if (caller is null)
        {
            LogRefused(logger, context.Request.Method, path.Value ?? "", problem!);
            await ErrorResult.WriteAsync(context.Response, ErrorCatalog.Unauthenticated(problem!));
            return;
        }

        context.Items[CallerItem] = caller;
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequiresPermission>() is { } required)
        {
            var resource = required.RouteValue is null ? Caller.ClusterResource : context.Request.RouteValues[required.RouteValue] as string ?? "";
            if (!caller.May(required.Permission, resource))
            {
                var action = PermissionText.Describe(required.Permission, resource);
                LogForbidden(logger, caller.Name, action);
                await ErrorResult.WriteAsync(context.Response, ErrorCatalog.Forbidden(caller.Name, action));
                return;
            }
        }

        await next(context);
    }

    [LoggerMessage(LogLevel.Warning, "Refused {Method} {Path}: {Problem}")]
    private static partial void LogRefused(ILogger logger, string method, string path, string problem);

    [LoggerMessage(LogLevel.Warning, "{Caller} may not {Action}")]
    private static partial void LogForbidden(ILogger logger, string caller, string action);
}
