namespace Gateway.Http;

/// <summary>
/// Endpoint metadata: the body is read one frame at a time and may be longer than any limit, so it holds at
/// most <paramref name="BytesHeldAtOnce"/> at once. Body admission charges a request that much rather than
/// its length or the server's body limit.
/// </summary>
internal sealed record StreamedBody(long BytesHeldAtOnce);
