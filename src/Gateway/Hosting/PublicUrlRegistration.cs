using Gateway.Http;
using Gateway.Settings;

namespace Gateway.Hosting;

internal static class PublicUrlRegistration
{
    /// <summary>How the gateway names itself in absolute URLs (v3 <c>metadata.self</c>, consumer <c>base_uri</c>).</summary>
    public static IServiceCollection AddPublicUrl(this IServiceCollection services, IConfiguration configuration) =>
        services.AddValidatedOptions<PublicUrlOptions, PublicUrlOptionsValidator>(configuration, PublicUrlOptions.Section);
}
