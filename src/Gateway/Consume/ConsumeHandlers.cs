using System.Text.RegularExpressions;
using Confluent.Kafka;
using Gateway.Consume.Instances;
using Gateway.Consume.Ownership;
using Gateway.Consume.Requests;
using Gateway.Http;
using Gateway.Security;
using Gateway.Topics;

namespace Gateway.Consume;

/// <summary>
/// The consumer endpoints' handlers: negotiate, read the body, check permissions, run the command on the instance.
/// This part: instances, subscriptions, assignments and positions; records and offsets are in <c>ConsumeHandlers.Records.cs</c>.
/// </summary>
internal static partial class ConsumeHandlers
{
    public static async Task<IResult> CreateAsync(string group, HttpContext context, ConsumerInstances instances, PublicAddress address)
    {
        if (!ConsumeMedia.AcceptsAnswer(context.Request.Headers.Accept))
        {
            return new ErrorResult(ErrorCatalog.NotAcceptable(context.Request.Headers.Accept));
        }

        var (body, bodyError) = await ConsumeBodies.ReadAsync(context.Request, "CreateConsumerInstanceRequest");
        var (create, error) = bodyError is null ? CreateSettings.Read(body) : (null, bodyError);
        if (error is not null)
        {
            return new ErrorResult(error);
        }

        var (instance, createError) = await instances.CreateAsync(group, create!, CallerOf(context).Name);
        return instance is null
            ? new ErrorResult(createError!)
            : Json(new CreateConsumerResponse(instance.Settings.Name, address.InstanceUri(context.Request, group, instance.Settings.Name)), KafkaRestJson.Context.CreateConsumerResponse);
    }

    public static async Task<IResult> DeleteAsync(HttpRequest request, ConsumerInstances instances)
    {
        var context = request.HttpContext;
        await instances.DeleteAsync(OwnerRouting.InstanceOf(context));
        return Results.NoContent();
    }

    public static async Task<IResult> SubscribeAsync(HttpRequest request)
    {
        var context = request.HttpContext;
        var (body, error) = await ConsumeBodies.ReadRequiredAsync(context.Request, "ConsumerSubscriptionRecord");
        if (error is not null)
        {
            return new ErrorResult(error);
        }

        body!.OnlyFields("topics", "topic_pattern");
        var topics = body.Strings("topics");
        var pattern = body.String("topic_pattern");
        if (body.Error is { } bodyError)
        {
            return new ErrorResult(bodyError);
        }

        var caller = CallerOf(context);
        var instance = OwnerRouting.InstanceOf(context);
        // As kafka-rest: topics win when both are given, and neither changes nothing.
        if (topics is not null)
        {
            return TopicsProblem(caller, topics) is { } refused
                ? new ErrorResult(refused)
                : await RunAsync(instance, () => instance.Subscribe(topics), movesPositions: true);
        }

        if (pattern is null)
        {
            return Results.NoContent();
        }

        Regex regex;
        try
        {
            regex = new Regex($"^(?:{pattern})$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException e)
        {
            return new ErrorResult(ErrorCatalog.InvalidTopicPattern(pattern, e.Message));
        }

        var subscription = new TopicPattern(regex, topic => caller.May(Permission.Read, topic));
        return await RunAsync(instance, () => instance.Subscribe(subscription), movesPositions: true);
    }

    public static Task<IResult> SubscriptionAsync(HttpRequest request)
    {
        var context = request.HttpContext;
        var instance = OwnerRouting.InstanceOf(context);
        return AnswerAsync(context, instance, () => Json(new SubscriptionResponse(instance.Subscription()), KafkaRestJson.Context.SubscriptionResponse));
    }

    public static Task<IResult> UnsubscribeAsync(HttpRequest request)
    {
        var context = request.HttpContext;
        var instance = OwnerRouting.InstanceOf(context);
        return RunAsync(instance, () =>
        {
            instance.Unsubscribe();
            return null;
        }, movesPositions: true);
    }

    public static async Task<IResult> AssignAsync(HttpRequest request)
    {
        var context = request.HttpContext;
        var (partitions, error) = await PartitionsOfAsync(context, "ConsumerAssignmentRequest");
        if (error is not null)
        {
            return new ErrorResult(error);
        }

        var instance = OwnerRouting.InstanceOf(context);
        return await RunAsync(instance, () => instance.Assign(partitions!), movesPositions: true);
    }

    public static Task<IResult> AssignmentsAsync(HttpRequest request)
    {
        var context = request.HttpContext;
        var instance = OwnerRouting.InstanceOf(context);
        return AnswerAsync(context, instance, () => Json(new PartitionsDocument(instance.Assignment().Select(p => new TopicPartitionDocument(p.Topic, p.Partition.Value)).ToList()),
            KafkaRestJson.Context.PartitionsDocument));
    }

    public static async Task<IResult> SeekAsync(HttpRequest request)
    {
        var context = request.HttpContext;
        var (body, error) = await ConsumeBodies.ReadRequiredAsync(context.Request, "ConsumerSeekRequest");
        var (offsets, times, positionsError) = error is null ? PartitionRequests.Positions(body!) : (null, null, error);
        if (positionsError is not null)
        {
            return new ErrorResult(positionsError);
        }

        var instance = OwnerRouting.InstanceOf(context);
        return await RunAsync(instance, () =>
        {
            var found = times!.Count == 0 ? [] : instance.OffsetsForTimes(times);
            return instance.Seek([.. offsets!, .. found]);
        }, movesPositions: true);
    }

    public static Task<IResult> SeekToBeginningAsync(HttpRequest request) => SeekAllAsync(request.HttpContext, Offset.Beginning);

    public static Task<IResult> SeekToEndAsync(HttpRequest request) => SeekAllAsync(request.HttpContext, Offset.End);

    private static async Task<IResult> SeekAllAsync(HttpContext context, Offset offset)
    {
        var (partitions, error) = await PartitionsOfAsync(context, "ConsumerSeekToRequest");
        if (error is not null)
        {
            return new ErrorResult(error);
        }

        var instance = OwnerRouting.InstanceOf(context);
        return await RunAsync(instance, () => instance.Seek(partitions!.Select(p => new TopicPartitionOffset(p, offset)).ToList()), movesPositions: true);
    }

    /// <summary>A partitions body whose topics are legal names the caller may read.</summary>
    private static async Task<(List<TopicPartition>? Partitions, GatewayError? Error)> PartitionsOfAsync(HttpContext context, string type)
    {
        var (body, error) = await ConsumeBodies.ReadRequiredAsync(context.Request, type);
        var (partitions, partitionsError) = error is null ? PartitionRequests.Partitions(body!) : (null, error);
        if (partitionsError is not null)
        {
            return (null, partitionsError);
        }

        return TopicsProblem(CallerOf(context), partitions!.Select(p => p.Topic).Distinct().ToList()) is { } refused ? (null, refused) : (partitions, null);
    }

    private static GatewayError? TopicsProblem(Caller caller, IReadOnlyList<string> topics)
    {
        foreach (var topic in topics)
        {
            if (TopicName.Problem(topic) is { } problem)
            {
                return ErrorCatalog.InvalidTopicName(topic, problem);
            }

            if (!caller.May(Permission.Read, topic))
            {
                return ErrorCatalog.Forbidden(caller.Name, PermissionText.Describe(Permission.Read, topic));
            }
        }

        return null;
    }

    /// <summary>Runs a command that answers 204 or an error on the instance's thread.</summary>
    private static async Task<IResult> RunAsync(ConsumerInstance instance, Func<GatewayError?> command, bool movesPositions = false)
    {
        try
        {
            return await instance.RunAsync(command, movesPositions) is { } error ? new ErrorResult(error) : Results.NoContent();
        }
        catch (InstanceClosedException)
        {
            return new ErrorResult(ErrorCatalog.ConsumerInstanceNotFound());
        }
        catch (KafkaException e)
        {
            return new ErrorResult(ErrorCatalog.KafkaFailure(Kafka.RecordErrorCodes.For(e.Error), e.Error.Reason));
        }
    }

    /// <summary>Runs a query on the instance's thread and answers with what it returns.</summary>
    private static async Task<IResult> AnswerAsync(HttpContext context, ConsumerInstance instance, Func<IResult> query)
    {
        if (!ConsumeMedia.AcceptsAnswer(context.Request.Headers.Accept))
        {
            return new ErrorResult(ErrorCatalog.NotAcceptable(context.Request.Headers.Accept));
        }

        try
        {
            return await instance.RunAsync(query);
        }
        catch (InstanceClosedException)
        {
            return new ErrorResult(ErrorCatalog.ConsumerInstanceNotFound());
        }
        catch (KafkaException e)
        {
            return new ErrorResult(ErrorCatalog.KafkaFailure(Kafka.RecordErrorCodes.For(e.Error), e.Error.Reason));
        }
    }

    private static KafkaJsonResult<T> Json<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => new(value, type);

    private static ErrorResult Forbidden(Caller caller, string topic) =>
        new(ErrorCatalog.Forbidden(caller.Name, PermissionText.Describe(Permission.Read, topic)));

    private static Caller CallerOf(HttpContext context) => (Caller)context.Items[ClientSecurityMiddleware.CallerItem]!;
}
