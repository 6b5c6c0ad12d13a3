namespace Gateway.Http;

/// <summary>kafka-rest's error envelope: <c>{"error_code":..,"message":..}</c>.</summary>
internal sealed record ErrorDocument(int ErrorCode, string Message);
