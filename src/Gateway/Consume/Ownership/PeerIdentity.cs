using Microsoft.Extensions.Options;

namespace Gateway.Consume.Ownership;

/// <summary>This gateway process among its peers: where they reach it, and a run id that changes with every start.</summary>
internal sealed class PeerIdentity(IOptions<ClusterOptions> cluster)
{
    public const string OwnerRunHeader = "X-Gateway-Owner-Run";

    public string Run { get; } = Guid.NewGuid().ToString("N");

    public string AdvertisedUrl { get; } = cluster.Value.AdvertisedUrl.TrimEnd('/');
}
