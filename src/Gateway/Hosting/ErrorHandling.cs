using Gateway.Http;
using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Hosting;

internal static class ErrorHandling
{
    /// <summary>
    /// Every failure leaves in kafka-rest's envelope: unknown routes, wrong methods, requests Kestrel
    /// refuses while reading, and, should one ever escape, an unexpected exception.
    /// </summary>
    public static WebApplication UseKafkaRestErrors(this WebApplication app)
    {
        app.UseExceptionHandler(failure => failure.Run(context =>
        {
            var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var error = exception is BadHttpRequestException bad
                ? new GatewayError(bad.StatusCode, bad.StatusCode, bad.Message)
                : ErrorCatalog.Unexpected();
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
