using Gateway.Kafka;
using Gateway.Kafka.Embedded;
using Gateway.Kafka.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Support;

/// <summary>
/// The gateway in memory, on its embedded Kafka cluster (real brokers on 127.0.0.1), with settings
/// layered over the defaults.
/// </summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    private static readonly Lock HostBuilding = new();
    private readonly Dictionary<string, string?> _settings;
    private CapturedLogs? _logs;
    private IAwsCredentialSource? _credentials;
    private TimeProvider? _time;

    public GatewayFactory()
        : this(new Dictionary<string, string?>())
    {
    }

    public GatewayFactory(IDictionary<string, string?> settings) => _settings = new(settings);

    /// <summary>Bootstrap servers of the cluster the gateway produces to.</summary>
    public string BootstrapServers => Services.GetRequiredService<KafkaConnection>().BootstrapServers;

    /// <summary>The embedded cluster, for fault injection.</summary>
    internal EmbeddedKafkaCluster Cluster => Services.GetRequiredService<KafkaConnection>().Embedded
        ?? throw new InvalidOperationException("This gateway is not on its embedded cluster.");

    /// <summary>Sends every log line of the gateway to <paramref name="logs"/> as well.</summary>
    public GatewayFactory WithLogs(CapturedLogs logs)
    {
        _logs = logs;
        return this;
    }

    /// <summary>AWS credentials for MSK IAM in place of the default chain, which tests must never reach.</summary>
    internal GatewayFactory WithCredentials(IAwsCredentialSource credentials)
    {
        _credentials = credentials;
        return this;
    }

    /// <summary>The gateway's clock (deadlines, back-off, expiry) in place of the system's.</summary>
    public GatewayFactory WithTime(TimeProvider time)
    {
        _time = time;
        return this;
    }

    /// <summary>
    /// Builds one host at a time: the test host finds the app's host through a process-wide diagnostic
    /// listener, so two factories building at once could each catch the other's host.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        lock (HostBuilding)
        {
            return base.CreateHost(builder);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        if (_logs is { } logs)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        }

        if (_credentials is { } credentials)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(credentials));
        }

        if (_time is { } time)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(time));
        }
    }
}

/// <summary>One gateway shared by the tests of a collection; each test uses topics of its own.</summary>
public sealed class SharedGateway : IDisposable
{
    public GatewayFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}

[CollectionDefinition(Name)]
public sealed class SharedGatewayGroup : ICollectionFixture<SharedGateway>
{
    public const string Name = "Gateway";
}
