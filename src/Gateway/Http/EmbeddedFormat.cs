namespace Gateway.Http;

/// <summary>How keys and values are embedded in a produce request.</summary>
internal enum EmbeddedFormat
{
    /// <summary>Any JSON value, stored as compact UTF-8 JSON.</summary>
    Json,

    /// <summary>A base64 string, stored as the decoded bytes.</summary>
    Binary,
}
