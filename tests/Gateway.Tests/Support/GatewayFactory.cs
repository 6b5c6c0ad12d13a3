using Gateway.Kafka;
using Gateway.Kafka.Embedded;
using Gateway.Kafka.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Support;

/// <summary>
/// The gateway in memory, on its embedded Kafka cluster (real brokers on 127.0.0.1), with settings
/// layered over <see cref="Development"/> (or, from <see cref="WithCodeDefaults"/>, over the code's own
/// closed defaults). No appsettings.json is read: each test says what it needs.
/// </summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    /// <summary>
    /// What tests assume unless they say otherwise: anyone may produce to any topic, unvalidated, and
    /// topics are created on first use. The code's defaults are the opposite.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> Development = new Dictionary<string, string?>
    {
        ["Security:AllowAnonymous"] = "true",
        ["Security:AllowAnonymousWithExternalKafka"] = "true",
        ["Security:AnonymousMayCreateTopics"] = "true",
        ["Security:AnonymousTopics:0"] = ".*",
        ["Security:AnonymousSubjects:0"] = ".*",
        ["Schemas:UnboundTopics"] = "Accept",
        ["Kafka:AutoCreateTopics"] = "true",
    };

    private static readonly Lock HostBuilding = new();
    private readonly Dictionary<string, string?> _settings;
    private CapturedLogs? _logs;
    private IAwsCredentialSource? _credentials;
    private TimeProvider? _time;
    private Action<IServiceCollection>? _services;

    public GatewayFactory()
        : this(new Dictionary<string, string?>())
    {
    }

    public GatewayFactory(IDictionary<string, string?> settings)
        : this(settings, Development)
    {
    }

    private GatewayFactory(IDictionary<string, string?> settings, IReadOnlyDictionary<string, string?> baseline)
    {
        _settings = new(baseline);
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    /// <summary>A gateway on the code's own defaults, with only <paramref name="settings"/> over them.</summary>
    public static GatewayFactory WithCodeDefaults(IDictionary<string, string?>? settings = null) =>
        new(settings ?? new Dictionary<string, string?>(), new Dictionary<string, string?>());

    /// <summary>The gateway's live configuration, to change settings while it runs (then <see cref="IConfigurationRoot.Reload"/>).</summary>
    public IConfigurationRoot Configuration => (IConfigurationRoot)Services.GetRequiredService<IConfiguration>();

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

    /// <summary>Services registered over the gateway's own, e.g. a consumer group directory for admin tests.</summary>
    internal GatewayFactory WithServices(Action<IServiceCollection> services)
    {
        _services = services;
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
        builder.ConfigureAppConfiguration(config =>
        {
            foreach (var file in config.Sources.OfType<JsonConfigurationSource>().ToArray())
            {
                config.Sources.Remove(file);
            }

            config.AddInMemoryCollection(_settings);
        });
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

        if (_services is { } more)
        {
            builder.ConfigureTestServices(more);
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
