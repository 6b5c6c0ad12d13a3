using FluentValidation;

namespace Gateway.Http;

internal sealed class PublicUrlOptionsValidator : AbstractValidator<PublicUrlOptions>
{
    public PublicUrlOptionsValidator()
    {
        RuleFor(o => o.BaseUrl)
            .Must(url => url.Length == 0 || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0))
            .WithMessage("PublicUrl:BaseUrl must be empty or an absolute http(s) URL without a query, e.g. https://api.example.com/prod.");
        RuleForEach(o => o.TrustedProxies)
            .Must(proxy => PublicBaseUrl.ParseNetwork(proxy) is not null)
            .WithMessage((_, proxy) => $"PublicUrl:TrustedProxies entry '{proxy}' is neither an IP address nor a CIDR range.");
    }
}
