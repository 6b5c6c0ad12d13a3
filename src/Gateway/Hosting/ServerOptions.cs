using FluentValidation;

namespace Gateway.Hosting;

/// <summary>The <c>Server</c> section: limits that hold for every request, whatever endpoint it is for.</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>
    /// Request body bytes the gateway admits at once, by <c>Content-Length</c> (or the largest allowed body when
    /// chunked) before reading them; past it a request gets 429 with <c>Retry-After</c>. A request alone is always admitted.
    /// </summary>
    public long MaxBodyBytesInFlight { get; set; } = 128L * 1024 * 1024;
}

internal sealed class ServerOptionsValidator : AbstractValidator<ServerOptions>
{
    public ServerOptionsValidator() =>
        RuleFor(o => o.MaxBodyBytesInFlight).InclusiveBetween(64 * 1024, 64L * 1024 * 1024 * 1024)
            .WithMessage("Server:MaxBodyBytesInFlight must be between 65536 and 68719476736.");
}
