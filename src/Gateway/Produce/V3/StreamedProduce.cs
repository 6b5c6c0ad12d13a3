using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Gateway.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Gateway.Observability;
using Microsoft.Extensions.Options;

namespace Gateway.Produce.V3;

/// <summary>
/// <c>POST /v3/clusters/{cluster_id}/topics/{topic}/records</c>, streamed: records are read one JSON
/// object at a time while earlier ones are still being produced, and each answer is written, in input
/// order, as soon as its record is acknowledged, while the client is still sending (full duplex).
/// </summary>
internal sealed class StreamedProduce(RecordGroups groups, IOptions<ProduceV3Options> options, GatewayMetrics metrics, TimeProvider time)
{
    /// <summary>Most records handed to Kafka together; a group's records are answered when Kafka has answered for all of them.</summary>
    private const int MaxGroup = 500;

    private static readonly byte[] Separator = "\r\n"u8.ToArray();
    private readonly ProduceV3Options _options = options.Value;

    /// <summary>Answers 422 / 42206 for an empty body; otherwise starts the 200 stream and answers every record.</summary>
    public async Task HandleAsync(HttpContext context, ProduceTarget target, Encoding? latin1)
    {
        // A stream is bounded per record (MaxRecordBytes) and in time (StreamMaxDurationMs), not in total
        // bytes, and may pause between records as kafka-rest's streams may.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }

        var reader = context.Request.BodyReader;
        var first = await reader.ReadAsync(context.RequestAborted);
        while (!first.IsCompleted && IsBlank(first.Buffer))
        {
            reader.AdvanceTo(first.Buffer.Start, first.Buffer.End);
            first = await reader.ReadAsync(context.RequestAborted);
        }

        if (first.IsCompleted && IsBlank(first.Buffer))
        {
            reader.AdvanceTo(first.Buffer.End);
            await ErrorResult.WriteAsync(context.Response, RequestChecksV3.EmptyBody(), MediaTypes.Json);
            return;
        }

        reader.AdvanceTo(first.Buffer.Start);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = MediaTypes.Json;
        await context.Response.StartAsync(context.RequestAborted);

        var slots = Channel.CreateUnbounded<Slot>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var room = new SemaphoreSlim(_options.MaxPendingRecords);
        var writing = WriteAnswersAsync(context.Response.BodyWriter, slots.Reader, room);
        try
        {
            await ReadRecordsAsync(context, target, latin1, slots.Writer, room);
        }
        finally
        {
            slots.Writer.Complete();
            await writing;
        }
    }

    private async Task ReadRecordsAsync(HttpContext context, ProduceTarget target, Encoding? latin1, ChannelWriter<Slot> slots, SemaphoreSlim room)
    {
        var reader = context.Request.BodyReader;
        var framer = new RecordFramer(_options.MaxRecordBytes);
        var group = new List<PreparedRecord>();
        var opened = time.GetTimestamp();
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var closingStarted = false;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await reader.ReadAsync(closing.Token);
            }
            catch (OperationCanceledException) when (closingStarted)
            {
                break;
            }

            var buffer = result.Buffer;
            while (!closing.IsCancellationRequested)
            {
                var kind = framer.Next(ref buffer, result.IsCompleted, out var frame);
                if (kind == FrameKind.NeedMore)
                {
                    break;
                }

                await room.WaitAsync(context.RequestAborted);
                if (time.GetElapsedTime(opened).TotalMilliseconds > _options.StreamMaxDurationMs)
                {
                    // kafka-rest's limit: every record past it is answered 408, and the stream ends after the grace period.
                    Flush(target, group, slots);
                    slots.TryWrite(Slot.Of(RecordErrorsV3.StreamTooLong()));
                    if (!closingStarted)
                    {
                        closingStarted = true;
                        closing.CancelAfter(TimeSpan.FromMilliseconds(_options.StreamGracePeriodMs));
                    }

                    continue;
                }

                var error = Frames.ToRecord(kind, frame, latin1, _options.MaxRecordBytes, out var record);
                PreparedRecord? prepared = null;
                if (error is null)
                {
                    (prepared, error) = await groups.PrepareAsync(target, record!);
                }

                if (prepared is null)
                {
                    Flush(target, group, slots);
                    slots.TryWrite(Slot.Of(error!));
                    continue;
                }

                if (group.Count > 0 && RecordGroups.FormatOf(group[0]) != RecordGroups.FormatOf(prepared))
                {
                    Flush(target, group, slots);
                }

                group.Add(prepared);
                if (group.Count >= MaxGroup)
                {
                    Flush(target, group, slots);
                }
            }

            reader.AdvanceTo(buffer.Start, result.Buffer.End);
            // Whatever was read is on its way before waiting for more, so answers never wait on the client.
            Flush(target, group, slots);
            if (result.IsCompleted || closing.IsCancellationRequested)
            {
                break;
            }
        }
    }

    private void Flush(ProduceTarget target, List<PreparedRecord> group, ChannelWriter<Slot> slots)
    {
        if (group.Count == 0)
        {
            return;
        }

        PreparedRecord[] records = [.. group];
        group.Clear();
        slots.TryWrite(new Slot(SafelyAsync(groups.ProduceAsync(target, records, waitForever: false), records.Length), records.Length));
    }

    private static async Task<ProduceV3Response[]> SafelyAsync(Task<GroupAnswer> answer, int count)
    {
        try
        {
            return (await answer).Answers;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var failed = RecordGroups.Failure(ErrorCatalog.Unexpected());
            return [.. Enumerable.Repeat(failed, count)];
        }
    }

    private async Task WriteAnswersAsync(PipeWriter output, ChannelReader<Slot> slots, SemaphoreSlim room)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = KafkaRestJson.Options.Encoder, SkipValidation = true });
        var open = true;
        while (await slots.WaitToReadAsync())
        {
            while (slots.TryRead(out var slot))
            {
                var answers = await slot.Answers;
                foreach (var answer in answers)
                {
                    metrics.V3Answered("stream", answer.ErrorCode);
                    if (open)
                    {
                        json.Reset(output);
                        JsonSerializer.Serialize(json, answer, KafkaRestJson.Context.ProduceV3Response);
                        json.Flush();
                        output.Write(Separator);
                    }
                }

                room.Release(slot.Count);
            }

            if (open)
            {
                var flushed = await output.FlushAsync();
                open = !flushed.IsCompleted && !flushed.IsCanceled;
            }
        }
    }

    private static bool IsBlank(System.Buffers.ReadOnlySequence<byte> buffer)
    {
        foreach (var segment in buffer)
        {
            if (!segment.Span.TrimStart(" \t\r\n"u8).IsEmpty)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The answers of one or more consecutive records, in order.</summary>
    private sealed record Slot(Task<ProduceV3Response[]> Answers, int Count)
    {
        public static Slot Of(GatewayError error) => new(Task.FromResult<ProduceV3Response[]>([RecordGroups.Failure(error)]), 1);
    }
}
