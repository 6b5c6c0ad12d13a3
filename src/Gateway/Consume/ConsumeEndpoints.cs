using Gateway.Consume.Ownership;
using Gateway.Http;

namespace Gateway.Consume;

/// <summary>
/// kafka-rest's v2 consumer API: <c>POST /consumers/{group}</c> creates an instance; everything under
/// <c>/consumers/{group}/instances/{instance}</c> runs on the gateway that owns it, whichever gateway the
/// request reached.
/// </summary>
internal static class ConsumeEndpoints
{
    public static IEndpointRouteBuilder MapConsume(this IEndpointRouteBuilder endpoints)
    {
        var consumers = endpoints.MapGroup("/consumers").WithTags("Consumers");
        consumers.MapPost("/{group}", ConsumeHandlers.CreateAsync).WithName("CreateConsumer")
            .WithSummary("1. Create a consumer instance in a group")
            .Produces<CreateConsumerResponse>(200, MediaTypes.KafkaV2Json).ProducesKafkaErrors(400, 406, 409, 415, 422, 429, 503);

        var instance = consumers.MapGroup("/{group}/instances/{instance}").AddEndpointFilter<OwnerRouting>();
        instance.MapPost("/subscription", ConsumeHandlers.SubscribeAsync).WithName("Subscribe")
            .WithSummary("2. Subscribe to topics (or a topic_pattern); the group assigns the partitions")
            .Produces(204).ProducesKafkaErrors(400, 403, 404, 409, 415, 422);
        instance.MapPost("/assignments", ConsumeHandlers.AssignAsync).WithName("Assign")
            .WithSummary("2b. Or assign partitions by hand")
            .Produces(204).ProducesKafkaErrors(400, 403, 404, 409, 415, 422);
        instance.MapGet("/records", ConsumeHandlers.ReadAsync).WithName("ReadRecords")
            .WithSummary("3. Read records (Accept picks the format: binary or json)")
            .Produces<IReadOnlyList<ConsumedRecordDocument>>(200, MediaTypes.BinaryV2, MediaTypes.JsonV2).ProducesKafkaErrors(400, 404, 406, 408, 409, 500);
        instance.MapPost("/offsets", ConsumeHandlers.CommitAsync).WithName("CommitOffsets")
            .WithSummary("4. Commit offsets: no body commits what was read (synchronously unless ?async=true)")
            .Produces<IReadOnlyList<string>>(200, MediaTypes.KafkaV2Json).ProducesKafkaErrors(400, 403, 404, 415, 422, 500);
        instance.MapGet("/offsets", ConsumeHandlers.CommittedAsync).WithName("CommittedOffsets")
            .WithSummary("Committed offsets of partitions (a GET with a body, as kafka-rest)")
            .Produces<OffsetsDocument>(200, MediaTypes.KafkaV2Json).ProducesKafkaErrors(400, 403, 404, 415, 422, 500);
        instance.MapPost("/positions", ConsumeHandlers.SeekAsync).WithName("Seek")
            .WithSummary("Seek partitions to offsets or times")
            .Produces(204).ProducesKafkaErrors(400, 404, 409, 415, 422);
        instance.MapPost("/positions/beginning", ConsumeHandlers.SeekToBeginningAsync).WithName("SeekToBeginning")
            .WithSummary("Seek partitions to their first record")
            .Produces(204).ProducesKafkaErrors(400, 404, 409, 415, 422);
        instance.MapPost("/positions/end", ConsumeHandlers.SeekToEndAsync).WithName("SeekToEnd")
            .WithSummary("Seek partitions past their last record")
            .Produces(204).ProducesKafkaErrors(400, 404, 409, 415, 422);
        instance.MapGet("/subscription", ConsumeHandlers.SubscriptionAsync).WithName("Subscription")
            .WithSummary("The subscribed topics")
            .Produces<SubscriptionResponse>(200, MediaTypes.KafkaV2Json).ProducesKafkaErrors(404, 406);
        instance.MapDelete("/subscription", ConsumeHandlers.UnsubscribeAsync).WithName("Unsubscribe")
            .WithSummary("Unsubscribe (and drop a manual assignment)")
            .Produces(204).ProducesKafkaErrors(404);
        instance.MapGet("/assignments", ConsumeHandlers.AssignmentsAsync).WithName("Assignments")
            .WithSummary("The partitions assigned to the instance")
            .Produces<PartitionsDocument>(200, MediaTypes.KafkaV2Json).ProducesKafkaErrors(404, 406);
        instance.MapDelete("", ConsumeHandlers.DeleteAsync).WithName("DeleteConsumer")
            .WithSummary("5. Delete the instance: it leaves its group at once")
            .Produces(204).ProducesKafkaErrors(404);
        return endpoints;
    }
}
