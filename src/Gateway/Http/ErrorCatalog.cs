namespace Gateway.Http;

/// <summary>
/// Every whole-request failure the gateway answers, defined once. Codes follow kafka-rest
/// (<c>Errors.java</c> and rest-utils' exception mappers).
/// </summary>
internal static partial class ErrorCatalog
{
    public static GatewayError MalformedJson(string detail) =>
        new(400, 400, $"Unexpected character or end of input in the request body: {detail}");

    public static GatewayError NotUtf8(string what) =>
        new(400, 400, $"Malformed request body: {what} is not valid UTF-8 text.");

    public static GatewayError WrongType(string field, string expected) =>
        new(400, 400, $"Cannot deserialize value of type `{expected}` for field '{field}'.");

    public static GatewayError NotBase64(string field, string json) =>
        new(400, 400, $"Bad Request: data={json} is not a base64 string. (field '{field}')");

    public static GatewayError InvalidBase64(string field, string json) =>
        new(400, 400, $"Bad Request: data={json} is not a valid base64 string. (field '{field}')");

    public static GatewayError InvalidTopicName(string topic, string reason) =>
        new(400, 40002, $"Invalid topic name '{topic}': {reason}");

    public static GatewayError NotFound() => new(404, 404, "HTTP 404 Not Found");

    public static GatewayError MethodNotAllowed() => new(405, 405, "HTTP 405 Method Not Allowed");

    public static GatewayError TopicNotFound(string topic) =>
        new(404, 40401, $"Topic {topic} not found.");

    public static GatewayError TopicCreationForbidden(string topic, string permission) =>
        new(403, 40301, $"Topic {topic} does not exist and the gateway is not authorized to create it. {permission}");

    public static GatewayError TopicCreationFailed(string topic, string reason) =>
        new(503, 50302, $"Topic {topic} does not exist and creating it failed: {reason}") { RetryAfterSeconds = 5 };

    public static GatewayError KafkaRefused(string explanation) =>
        new(403, 40301, explanation);

    public static GatewayError PartitionNotFound(string topic, int partition) =>
        new(404, 40402, $"Partition not found. Topic {topic} has no partition {partition}.");

    public static GatewayError NotAcceptable(string? accept) =>
        new(406, 406, $"HTTP 406 Not Acceptable: this endpoint answers application/vnd.kafka.v2+json; Accept was '{accept}'.");

    public static GatewayError BodyTooLarge(long limit) =>
        new(413, 413, $"Request body is larger than the limit of {limit} bytes.");

    public static GatewayError UnsupportedMediaType(string? contentType) =>
        new(415, 415, $"HTTP 415 Unsupported Media Type: '{contentType}'. Use application/vnd.kafka.json.v2+json, application/vnd.kafka.binary.v2+json, application/json, or application/vnd.kafka.avro.v2+json, application/vnd.kafka.jsonschema.v2+json or application/vnd.kafka.protobuf.v2+json with a schema.");

    public static GatewayError EmptyBody() =>
        new(422, 422, "Request body is empty. Data is required.");

    public static GatewayError UnrecognizedField(string name) =>
        new(422, 422, $"Unrecognized field: {name}");

    public static GatewayError EmptyRecords() =>
        new(422, 422, "records must not be empty");

    public static GatewayError UnknownValidationMode(string mode) =>
        new(400, 400, $"Unknown validation mode '{mode}': use 'atomic' (the default) or 'partial'.");

    public static GatewayError UnboundTopic(string topic) =>
        new(404, 40401, $"Topic {topic} is not bound to a schema, and this gateway produces only to topics whose records it can validate (Schemas:UnboundTopics is Reject).");

    public static GatewayError NoSchemaBound(string topic) =>
        new(404, 40401, $"No schema is bound to topic {topic}.");

    /// <summary>The code for records that do not match their topic's schema, whole-request and per record.</summary>
    public const int SchemaMismatchCode = 42210;

    public static GatewayError SchemaMismatch(string topic, string binding, int invalid, int total, string first) =>
        new(422, SchemaMismatchCode, $"{invalid} of {total} records do not match the schema bound to topic {topic} ({binding}); nothing was produced. First: {first}");

    public static GatewayError Overloaded(long inFlightRecords) =>
        new(429, 429, $"The gateway is at its limit of records waiting for Kafka ({inFlightRecords} in flight); nothing of this request was produced. Retry after the Retry-After interval.") { RetryAfterSeconds = 1 };

    public static GatewayError OutcomeUnknown(int deadlineMs) =>
        new(504, 50401, $"Kafka has not answered within {deadlineMs} ms. The records may still be written: the outcome is unknown. Retry with the same Idempotency-Key header to get the real outcome without producing twice.") { RetryAfterSeconds = 1 };

    public static GatewayError IdempotencyKeyReused(string key) =>
        new(422, 42230, $"Idempotency-Key '{key}' was already used for a different request within the idempotency window.");

    public static GatewayError BadIdempotencyKey(string problem) =>
        new(400, 400, $"Idempotency-Key is not usable: {problem}.");

    public static GatewayError BadDeadline(string value) =>
        new(400, 400, $"X-Gateway-Deadline-Ms '{value}' must be a whole number of milliseconds from 100 up to the configured Reliability:RequestDeadlineMs.");

    public static GatewayError Unauthenticated(string problem) =>
        new(401, 401, $"Unauthorized: {problem}.");

    public static GatewayError Forbidden(string caller, string action, string? reason = null) =>
        new(403, 40301, reason is null ? $"Not authorized: {caller} may not {action}." : $"Not authorized: {caller} may not {action}: {reason}.");

    public static GatewayError RefusalsLimited(int retryAfterSeconds) =>
        new(429, 429, "Too many refused requests from this address; retry after the Retry-After interval with valid credentials.") { RetryAfterSeconds = retryAfterSeconds };

    public static GatewayError BodyBudgetExhausted(long bytesInFlight) =>
        new(429, 429, $"The gateway is at its limit of request bytes being received ({bytesInFlight} in flight); this request's body was not read. Retry after the Retry-After interval.") { RetryAfterSeconds = 1 };

    public static GatewayError UnreadableBody(string detail) =>
        new(400, 400, $"The request body could not be read: {detail}");

    public static GatewayError UnknownTopicMetadata() =>
        new(404, 40403, "This server does not host this topic-partition.");

    public static GatewayError RateLimited(int retryAfterSeconds) =>
        new(429, 429, "Request rate limit exceeded for this caller.") { RetryAfterSeconds = retryAfterSeconds };

    public static GatewayError ClusterUnavailable(string detail) =>
        new(503, 50302, $"Kafka is not reachable: {detail}") { RetryAfterSeconds = 5 };

    public static GatewayError ProducerUnavailable(string problem) =>
        new(503, 50302, $"Kafka is not taking records from this gateway right now: {problem} Nothing of this request was produced; retry after the Retry-After interval.") { RetryAfterSeconds = 2 };

    public static GatewayError Unexpected() =>
        new(500, 500, "Internal Server Error");

    public static GatewayError ConsumerInstanceNotFound() =>
        new(404, 40403, "Consumer instance not found.");

    public static GatewayError ConsumerAlreadyExists() =>
        new(409, 40902, "Consumer with specified consumer ID already exists in the specified consumer group.");

    public static GatewayError IllegalState(string detail) =>
        new(409, 40903, $"Illegal state: {detail}");

    public static GatewayError ConsumerFormatMismatch() =>
        new(406, 40601, "The requested embedded data format does not match the deserializer for this consumer instance");

    public static GatewayError InvalidConsumerConfig(string detail) =>
        new(422, 42204, $"Invalid consumer configuration: {detail}");

    public static GatewayError InvalidConsumerConfigConstraint(string detail) =>
        new(422, 40001, $"Invalid consumer configuration. It does not abide by the constraints: {detail}");

    public static GatewayError InvalidFormatType() =>
        new(422, 422, "Invalid format type.");

    public static GatewayError InvalidInstanceName(string name, string problem) =>
        new(422, 422, $"Invalid consumer instance name '{name}': {problem}.");

    public static GatewayError InvalidField(string field, string problem) =>
        new(422, 422, $"{field} {problem}.");

    public static GatewayError CommittedOffsetsWithoutBody() =>
        new(404, 40402, "Partition not found.");

    public static GatewayError UndecodableRecord(string topic, int partition, long offset, string format, string problem) =>
        new(408, 40801, $"The record at topic {topic} partition {partition} offset {offset} cannot be shown in the {format} format: {problem}. Seek past it (POST positions with offset {offset + 1}) to read on.");

    public static GatewayError TooManyConsumers(int limit) =>
        new(429, 429, $"This gateway holds its limit of {limit} consumer instances (Consumers:MaxInstances); delete unused ones or retry after the Retry-After interval.") { RetryAfterSeconds = 5 };

    public static GatewayError InvalidQueryParameter(string name, string value, string expected) =>
        new(400, 400, $"Query parameter {name} '{value}' must be {expected}.");

    public static GatewayError InvalidTopicPattern(string pattern, string problem) =>
        new(400, 400, $"topic_pattern '{pattern}' is not a valid regular expression: {problem}");

    /// <summary>Kafka refused a consumer operation: kafka-rest's 40101, 40301, 50003 or 50002 for the client error code.</summary>
    public static GatewayError KafkaFailure(int code, string reason) =>
        new(code switch { 40101 => 401, 40301 => 403, _ => 500 }, code, reason) { RetryAfterSeconds = code == 50003 ? 1 : null };

    public static GatewayError PeerUnreachable(string problem) =>
        new(502, 50201, $"The gateway instance that owns this consumer instance did not answer: {problem}") { RetryAfterSeconds = 1 };
}
