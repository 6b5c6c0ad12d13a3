using Confluent.Kafka;
using Gateway.Consume.Instances;
using Gateway.Consume.Ownership;
using Gateway.Consume.Requests;
using Gateway.Http;
using Gateway.Security;
using Microsoft.Extensions.Options;

namespace Gateway.Consume;

/// <summary>The consumer endpoints that read records and commit or report offsets.</summary>
internal static partial class ConsumeHandlers
{
    public static async Task<IResult> ReadAsync(HttpRequest request, IOptions<ConsumeOptions> options)
    {
        var context = request.HttpContext;
        var instance = OwnerRouting.InstanceOf(context);
        if (ConsumeMedia.RecordAnswer(request.Headers.Accept) is not { } answer)
        {
            return new ErrorResult(ErrorCatalog.NotAcceptable(request.Headers.Accept));
        }

        if (answer.Format != instance.Settings.Format)
        {
            return new ErrorResult(ErrorCatalog.ConsumerFormatMismatch());
        }

        var (read, error) = ReadRequests.From(request.Query, instance.Settings, options.Value);
        if (error is not null)
        {
            return new ErrorResult(error);
        }

        try
        {
            var outcome = await instance.ReadAsync(read!);
            return outcome.Error is { } failure
                ? new ErrorResult(failure)
                : new KafkaJsonResult<IReadOnlyList<ConsumedRecord>>(outcome.Records, KafkaRestJson.Context.IReadOnlyListConsumedRecord, contentType: answer.MediaType);
        }
        catch (InstanceClosedException)
        {
            return new ErrorResult(ErrorCatalog.ConsumerInstanceNotFound());
        }
    }

    public static async Task<IResult> CommitAsync(HttpRequest request)
    {
        var context = request.HttpContext;
        var (body, error) = await ConsumeBodies.ReadAsync(context.Request, "ConsumerOffsetCommitRequest");
        var (offsets, offsetsError) = error is null && body is not null ? PartitionRequests.Offsets(body) : (null, error);
        if (offsetsError is not null)
        {
            return new ErrorResult(offsetsError);
        }

        var caller = CallerOf(context);
        if (offsets?.FirstOrDefault(o => !caller.May(Permission.Read, o.Topic)) is { } forbidden)
        {
            return Forbidden(caller, forbidden.Topic);
        }

        var instance = OwnerRouting.InstanceOf(context);
        // kafka-rest commits the offset after each one named; no body commits what was read.
        Func<GatewayError?> commit = offsets is null
            ? () =>
            {
                instance.CommitConsumed();
                return null;
            }
            : () =>
            {
                instance.Commit(offsets.Select(o => new TopicPartitionOffset(o.TopicPartition, o.Offset.Value + 1)).ToList());
                return null;
            };
        if (string.Equals(context.Request.Query["async"], "true", StringComparison.OrdinalIgnoreCase))
        {
            _ = instance.RunAsync(commit).ContinueWith(_ => { }, TaskScheduler.Default);
            return Committed();
        }

        var answer = await RunAsync(instance, commit);
        return answer is IStatusCodeHttpResult { StatusCode: 204 } ? Committed() : answer;
    }

    public static async Task<IResult> CommittedAsync(HttpRequest request)
    {
        var context = request.HttpContext;
        var (body, error) = await ConsumeBodies.ReadAsync(context.Request, "ConsumerCommittedRequest");
        if (error is null && body is null)
        {
            return new ErrorResult(ErrorCatalog.CommittedOffsetsWithoutBody());
        }

        var (partitions, partitionsError) = error is null ? PartitionRequests.Partitions(body!) : (null, error);
        if (partitionsError is not null)
        {
            return new ErrorResult(partitionsError);
        }

        var caller = CallerOf(context);
        if (partitions!.FirstOrDefault(p => !caller.May(Permission.Read, p.Topic)) is { } forbidden)
        {
            return Forbidden(caller, forbidden.Topic);
        }

        var instance = OwnerRouting.InstanceOf(context);
        return await AnswerAsync(context, instance, () => Json(
            new OffsetsDocument(instance.Committed(partitions!).Select(c => new PartitionOffsetDocument(c.Topic, c.Partition.Value, c.Offset.Value, "")).ToList()),
            KafkaRestJson.Context.OffsetsDocument));
    }

    private static KafkaJsonResult<IReadOnlyList<string>> Committed() => Json<IReadOnlyList<string>>([], KafkaRestJson.Context.IReadOnlyListString);
}
