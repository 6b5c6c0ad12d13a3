using Confluent.Kafka.Admin;
using Gateway.Http;
using Gateway.Kafka;

namespace Gateway.Admin.V3;

/// <summary>v3 clusters, brokers and broker configs.</summary>
internal static class ClusterResources
{
    public static Task<IResult> ListClusters(HttpRequest request, AdminScope scope) =>
        scope.RunAsync(request, null, view => Ok(
            new ResourceList<ClusterData>("KafkaClusterList", new CollectionMetadata(AdminLinks.ClustersUrl(scope.BaseUrl(request))), [Cluster(view)]),
            KafkaRestJson.Context.ResourceListClusterData, null));

    public static Task<IResult> GetCluster(string cluster_id, HttpRequest request, AdminScope scope) =>
        scope.RunAsync(request, cluster_id, view => Ok(Cluster(view), KafkaRestJson.Context.ClusterData, null));

    public static Task<IResult> ListBrokers(string cluster_id, HttpRequest request, AdminScope scope) =>
        scope.RunAsync(request, cluster_id, view => Ok(
            new ResourceList<BrokerData>("KafkaBrokerList", view.Links.Collection("brokers"), [.. view.Cluster.Brokers.Select(b => Broker(view, b))]),
            KafkaRestJson.Context.ResourceListBrokerData, view.Cluster.Unavailable));

    public static Task<IResult> GetBroker(string cluster_id, int broker_id, HttpRequest request, AdminScope scope) =>
        scope.RunAsync(request, cluster_id, view => view.Cluster.Brokers.FirstOrDefault(b => b.Id == broker_id) is { } broker
            ? Ok(Broker(view, broker), KafkaRestJson.Context.BrokerData, view.Cluster.Unavailable)
            : Fail(AdminErrors.BrokerNotFound(broker_id)));

    public static Task<IResult> ListBrokerConfigs(string cluster_id, int broker_id, HttpRequest request, AdminScope scope) =>
        scope.RunAsync(request, cluster_id, async view =>
        {
            if (view.Cluster.Brokers.All(b => b.Id != broker_id))
            {
                return AdminErrors.Answer(AdminErrors.BrokerNotFound(broker_id));
            }

            var configs = await scope.Admin.DescribeConfigsAsync(ResourceType.Broker, broker_id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return new AdminAnswer<ResourceList<ConfigData>>(
                new ResourceList<ConfigData>("KafkaBrokerConfigList", view.Links.Collection("brokers", Id(broker_id), "configs"),
                    [.. configs.Value.Select(c => BrokerConfig(view, broker_id, c))]),
                KafkaRestJson.Context.ResourceListConfigData, configs.Unavailable);
        });

    public static Task<IResult> GetBrokerConfig(string cluster_id, int broker_id, string name, HttpRequest request, AdminScope scope) =>
        scope.RunAsync(request, cluster_id, async view =>
        {
            if (view.Cluster.Brokers.All(b => b.Id != broker_id))
            {
                return AdminErrors.Answer(AdminErrors.BrokerNotFound(broker_id));
            }

            var configs = await scope.Admin.DescribeConfigsAsync(ResourceType.Broker, Id(broker_id));
            return configs.Value.FirstOrDefault(c => c.Name == name) is { } config
                ? new AdminAnswer<ConfigData>(BrokerConfig(view, broker_id, config), KafkaRestJson.Context.ConfigData, null)
                : AdminErrors.Answer(configs.Unavailable is { } why
                    ? new GatewayError(404, 404, $"Config {name} cannot be found for broker {broker_id} in cluster {view.ClusterId}: {why}.")
                    : AdminErrors.ConfigNotFound(name, "broker", Id(broker_id), view.ClusterId));
        });

    public static ConfigData Config(AdminView view, int? brokerId, string? topic, ConfigView config, string[] path, string?[] crn) =>
        new(brokerId is null ? "KafkaTopicConfig" : "KafkaBrokerConfig", view.Links.Metadata(path, crn), view.ClusterId, brokerId, topic,
            config.Name, config.Value, config.IsDefault, config.IsReadOnly, config.IsSensitive, config.Source,
            [.. config.Synonyms.Select(s => new ConfigSynonymData(s.Name, s.Value, s.Source))]);

    private static ConfigData BrokerConfig(AdminView view, int brokerId, ConfigView config) =>
        Config(view, brokerId, null, config, ["brokers", Id(brokerId), "configs", config.Name], ["broker", Id(brokerId), "config", config.Name]);

    private static ClusterData Cluster(AdminView view)
    {
        var links = view.Links;
        return new ClusterData("KafkaCluster", links.Metadata([]), view.ClusterId,
            view.Cluster.ControllerId >= 0 ? links.Related("brokers", Id(view.Cluster.ControllerId)) : null,
            links.Related("acls"), links.Related("brokers"), links.Related("broker-configs"), links.Related("consumer-groups"),
            links.Related("topics"), links.Related("topics", "-", "partitions", "-", "reassignment"));
    }

    private static BrokerData Broker(AdminView view, BrokerView broker) =>
        new("KafkaBroker", view.Links.Metadata(["brokers", Id(broker.Id)], "broker", Id(broker.Id)), view.ClusterId, broker.Id,
            broker.Host, broker.Port, broker.Rack,
            view.Links.Related("brokers", Id(broker.Id), "configs"), view.Links.Related("brokers", Id(broker.Id), "partition-replicas"));

    public static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static Task<IResult> Ok<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, string? unavailable) =>
        Task.FromResult<IResult>(new AdminAnswer<T>(value, typeInfo, unavailable));

    public static Task<IResult> Fail(GatewayError error) => Task.FromResult<IResult>(AdminErrors.Answer(error));
}
