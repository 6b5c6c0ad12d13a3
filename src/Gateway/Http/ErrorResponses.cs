namespace Gateway.Http;

internal static class ErrorResponses
{
    /// <summary>Documents the error answers an endpoint gives, each in kafka-rest's envelope.</summary>
    public static TBuilder ProducesKafkaErrors<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(statuses
            .Select(status => new ProducesResponseTypeMetadata(status, typeof(ErrorDocument), [MediaTypes.KafkaV2Json]))
            .ToArray<object>());

    /// <summary>Documents error answers in kafka-rest v3's media type, <c>application/json</c>.</summary>
    public static TBuilder ProducesJsonErrors<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(statuses
            .Select(status => new ProducesResponseTypeMetadata(status, typeof(ErrorDocument), [MediaTypes.Json]))
            .ToArray<object>());
}
