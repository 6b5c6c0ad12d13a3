namespace Gateway.Topics;

internal static class TopicsRegistration
{
    /// <summary>Finding the topic a request names, and creating it when that is allowed.</summary>
    public static IServiceCollection AddTopics(this IServiceCollection services)
    {
        services.AddSingleton<ITopicCreation, AnyTopicCreation>();
        services.AddSingleton<TopicProvisioner>();
        services.AddSingleton<TopicCatalog>();
        return services;
    }
}
