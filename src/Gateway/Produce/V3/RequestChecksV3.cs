using System.Text;
using Gateway.Http;
using Gateway.Schemas;
using Gateway.Topics;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gateway.Produce.V3;

/// <summary>The whole-request checks of both v3 produce endpoints, before any record is read.</summary>
internal sealed class RequestChecksV3(TopicSchemas schemas, IOptions<Reliability.ReliabilityOptions> reliability)
{
    public const string DeadlineHeader = "X-Gateway-Deadline-Ms";

    /// <summary>Null when the request may go on; the binding of the topic and the deadline are set then.</summary>
    public GatewayError? Check(HttpRequest request, string topic, out SchemaBinding? binding, out int deadlineMs, out Encoding? latin1)
    {
        binding = null;
        latin1 = null;
        deadlineMs = reliability.Value.RequestDeadlineMs;
        if (!ContentNegotiation.AcceptsKafkaAnswer(request.Headers.Accept))
        {
            return new GatewayError(406, 406, $"HTTP 406 Not Acceptable: this endpoint answers application/json; Accept was '{request.Headers.Accept}'.");
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !string.Equals(contentType.MediaType.Value, MediaTypes.Json, StringComparison.OrdinalIgnoreCase))
        {
            return new GatewayError(415, 415, "HTTP 415 Unsupported Media Type");
        }

        if (contentType.Charset.Value is { } charset)
        {
            if (charset.Equals("ISO-8859-1", StringComparison.OrdinalIgnoreCase))
            {
                latin1 = Encoding.Latin1;
            }
            else if (!charset.Equals("UTF-8", StringComparison.OrdinalIgnoreCase))
            {
                return new GatewayError(400, 400, "Unsupported charset in Content-Type header. Supports \"UTF-8\" and \"ISO-8859-1\".");
            }
        }

        if (TopicName.Problem(topic) is { } nameProblem)
        {
            return ErrorCatalog.InvalidTopicName(topic, nameProblem);
        }

        binding = schemas.Find(topic);
        if (binding is null && schemas.Options.UnboundTopics == UnboundTopicPolicy.Reject)
        {
            return ErrorCatalog.UnboundTopic(topic);
        }

        if (request.Headers[DeadlineHeader].FirstOrDefault() is { } asked)
        {
            if (!int.TryParse(asked, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < 100 || value > deadlineMs)
            {
                return ErrorCatalog.BadDeadline(asked);
            }

            deadlineMs = value;
        }

        return null;
    }

    /// <summary>kafka-rest's answer to a produce request without a body.</summary>
    public static GatewayError EmptyBody() => new(422, 42206, "Payload error. Request body is empty. Data is required.");
}
