using Gateway.Http;
using Microsoft.Net.Http.Headers;

namespace Gateway.Registry.Api;

/// <summary>
/// The registry's media types, negotiated as Confluent's registry does: answers in
/// <c>application/vnd.schemaregistry.v1+json</c>, <c>application/vnd.schemaregistry+json</c> or <c>application/json</c>
/// as <c>Accept</c> prefers (406 when it allows none), bodies in any of them or <c>application/octet-stream</c> (415 otherwise).
/// </summary>
internal static class RegistryMediaTypes
{
    private const string AnswerItem = "gateway.registry.answer";
    private static readonly string[] Answers = [MediaTypes.SchemaRegistryV1, MediaTypes.SchemaRegistry, MediaTypes.Json];
    private static readonly string[] Bodies = [MediaTypes.SchemaRegistryV1, MediaTypes.SchemaRegistry, MediaTypes.Json, "application/octet-stream"];

    public static string Answer(HttpContext context) => context.Items[AnswerItem] as string ?? MediaTypes.SchemaRegistryV1;

    /// <summary>An endpoint filter that refuses what the registry cannot read or answer, before the handler runs.</summary>
    public static async ValueTask<object?> Negotiate(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var accept = context.Request.Headers.Accept.ToString();
        var answer = Choose(accept);
        if (answer is null)
        {
            return new RegistryErrorResult(ErrorCatalog.RegistryNotAcceptable(accept));
        }

        context.Items[AnswerItem] = answer;
        var contentType = context.Request.ContentType;
        if (HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method))
        {
            if (!string.IsNullOrEmpty(contentType)
                && (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || !Bodies.Contains(parsed.MediaType.Value ?? "", StringComparer.OrdinalIgnoreCase)))
            {
                return new RegistryErrorResult(ErrorCatalog.RegistryUnsupportedMediaType(contentType));
            }
        }

        return await next(invocation);
    }

    private static string? Choose(string accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return MediaTypes.SchemaRegistryV1;
        }

        if (!MediaTypeHeaderValue.TryParseList([accept], out var ranges))
        {
            return null;
        }

        string? best = null;
        double bestQuality = 0;
        foreach (var range in ranges)
        {
            var quality = range.Quality ?? 1;
            var type = range.MediaType.Value ?? "";
            var match = type is "*/*" or "application/*" ? MediaTypes.SchemaRegistryV1
                : Answers.FirstOrDefault(a => string.Equals(a, type, StringComparison.OrdinalIgnoreCase));
            // Equal quality: the registry's own type first, as Confluent weighs them.
            if (match is not null && quality > 0 && (quality > bestQuality || (quality == bestQuality && Array.IndexOf(Answers, match) < Array.IndexOf(Answers, best))))
            {
                (best, bestQuality) = (match, quality);
            }
        }

        return best;
    }
}
