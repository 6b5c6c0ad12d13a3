namespace Gateway.Tests.Support;

/// <summary>
/// The Java client's placement of keyed records, written from Kafka's <c>Utils.murmur2</c> and
/// <c>BuiltInPartitioner.partitionForKey</c> so tests can check the gateway against an independent answer.
/// </summary>
public static class JavaPartitioner
{
    public static int PartitionFor(byte[] key, int partitions) => (Murmur2(key) & 0x7fffffff) % partitions;

    public static int Murmur2(byte[] data)
    {
        const uint m = 0x5bd1e995;
        const int r = 24;
        var length = data.Length;
        var h = 0x9747b28cu ^ (uint)length;
        var quads = length / 4;
        for (var i = 0; i < quads; i++)
        {
            var at = i * 4;
            var k = (uint)(data[at] | (data[at + 1] << 8) | (data[at + 2] << 16) | (data[at + 3] << 24));
            k *= m;
            k ^= k >> r;
            k *= m;
            h *= m;
            h ^= k;
        }

        var tail = quads * 4;
        switch (length % 4)
        {
            case 3:
                h ^= (uint)data[tail + 2] << 16;
                goto case 2;
            case 2:
                h ^= (uint)data[tail + 1] << 8;
                goto case 1;
            case 1:
                h ^= data[tail];
                h *= m;
                break;
        }

        h ^= h >> 13;
        h *= m;
        h ^= h >> 15;
        return (int)h;
    }
}
