namespace Gateway.Http;

/// <summary>kafka-rest v2 media types, declared once.</summary>
internal static class MediaTypes
{
    public const string KafkaV2Json = "application/vnd.kafka.v2+json";
    public const string KafkaJson = "application/vnd.kafka+json";
    public const string JsonV2 = "application/vnd.kafka.json.v2+json";
    public const string BinaryV2 = "application/vnd.kafka.binary.v2+json";
    public const string AvroV2 = "application/vnd.kafka.avro.v2+json";
    public const string JsonSchemaV2 = "application/vnd.kafka.jsonschema.v2+json";
    public const string ProtobufV2 = "application/vnd.kafka.protobuf.v2+json";
    public const string Json = "application/json";
    public const string SchemaRegistryV1 = "application/vnd.schemaregistry.v1+json";
    public const string SchemaRegistry = "application/vnd.schemaregistry+json";
}
