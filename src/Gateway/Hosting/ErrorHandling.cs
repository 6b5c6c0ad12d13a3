using Gateway.Http;
using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Hosting;

internal static class ErrorHandling
{
    /// <summary>
    /// Every failure leaves in kafka-rest's envelope: unknown routes, wrong methods, requests Kestrel
    /// refuses while reading, bodies that cannot be read, and, should one ever escape, an unexpected exception.
    /// </summary>
    public static WebApplication UseKafkaRestErrors(this WebApplication app)
    {
        app.UseExceptionHandler(failure => failure.Run(context =>
        {
            var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var error = exception switch
            {
                BadHttpRequestException bad => new GatewayError(bad.StatusCode, bad.StatusCode, bad.Message),

                // Kestrel reports some malformed bodies (a chunk size that overflows) as an IOException while the body is read.
                IOException broken => ErrorCatalog.UnreadableBody(broken.Message),
                _ => ErrorCatalog.Unexpected(),
            };
            return ErrorResult.WriteAsync(context.Response, error);
        }));
        app.UseStatusCodePages(context => context.HttpContext.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => ErrorResult.WriteAsync(context.HttpContext.Response, ErrorCatalog.NotFound()),
            StatusCodes.Status405MethodNotAllowed => ErrorResult.WriteAsync(context.HttpContext.Response, ErrorCatalog.MethodNotAllowed()),
            _ => Task.CompletedTask,
        });
        return app;
    }
}
