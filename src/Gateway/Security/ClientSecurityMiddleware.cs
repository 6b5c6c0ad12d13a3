using Gateway.Errors;

namespace Gateway.Security;

/// <summary>
/// Refuses a caller before the body is read: 401 without valid credentials, 403 / 40301 for a topic the
/// caller may not produce to. Health checks, metrics and Swagger UI stay open.
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
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.RouteValues["topic"] is string topic && !caller.MayProduceTo(topic))
        {
            LogForbidden(logger, caller.Name, topic);
            await ErrorResult.WriteAsync(context.Response, ErrorCatalog.TopicForbidden(caller.Name, topic));
            return;
        }

        await next(context);
    }

    [LoggerMessage(LogLevel.Warning, "Refused {Method} {Path}: {Problem}")]
    private static partial void LogRefused(ILogger logger, string method, string path, string problem);

    [LoggerMessage(LogLevel.Warning, "{Caller} may not produce to {Topic}")]
    private static partial void LogForbidden(ILogger logger, string caller, string topic);
}
