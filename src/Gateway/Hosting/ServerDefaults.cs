namespace Gateway.Hosting;

internal static class ServerDefaults
{
    /// <summary>kafka-rest's port.</summary>
    public const string DefaultUrl = "http://localhost:8082";

    /// <summary>
    /// Listens on kafka-rest's port unless <c>ASPNETCORE_URLS</c>, <c>Urls</c> or <c>Kestrel:Endpoints</c>
    /// (HTTPS with a certificate) says otherwise, lets the
    /// produce flow enforce its own body limit, and drains in-flight requests on SIGTERM.
    /// </summary>
    public static WebApplicationBuilder UseGatewayServer(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(25));
        return builder;
    }
}
