using System.Collections.Concurrent;
using Confluent.Kafka;
using Gateway.Consume.Decoding;
using Gateway.Consume.Ownership;
using Gateway.Consume.Requests;
using Gateway.Http;
using Gateway.Observability;
using Microsoft.Extensions.Options;

namespace Gateway.Consume.Instances;

/// <summary>
/// The consumer instances this gateway owns: created (a name unique in its group across every gateway,
/// within <c>Consumers:MaxInstances</c>), found, deleted, expired after <c>Consumers:InstanceTimeoutMs</c>
/// idle, and all closed when the gateway stops; each leaves its group at once.
/// </summary>
internal sealed partial class ConsumerInstances(
    InstanceContext context, InstanceDirectory directory, IOptions<ConsumeOptions> options, ILogger<ConsumerInstances> logger)
    : BackgroundService
{
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<(string Group, string Name), Entry> _entries = new();
    private readonly ConsumeOptions _options = options.Value;
    private readonly ConcurrentBag<ConsumerInstance> _started = [];
    private readonly ConcurrentBag<Task> _deletes = [];
    private int _count;
    private int _disposed;

    public IEnumerable<ConsumerInstance> All => _entries.Values.Select(e => e.Instance).OfType<ConsumerInstance>();

    public ConsumerInstance? Find(string group, string name) =>
        _entries.TryGetValue((group, name), out var entry) && entry.Instance is { IsClosing: false } instance ? instance : null;

    public async Task<(ConsumerInstance? Instance, GatewayError? Error)> CreateAsync(string group, CreateSettings create, string owner)
    {
        var name = create.Name ?? $"rest-consumer-{Guid.NewGuid()}";
        var key = (group, name);
        var entry = new Entry();
        if (!_entries.TryAdd(key, entry))
        {
            return (null, ErrorCatalog.ConsumerAlreadyExists());
        }

        if (Interlocked.Increment(ref _count) > _options.MaxInstances)
        {
            Forget(key, entry);
            return (null, ErrorCatalog.TooManyConsumers(_options.MaxInstances));
        }

        try
        {
            var (instance, error) = await StartAsync(group, name, create, owner, entry).ConfigureAwait(false);
            if (instance is null)
            {
                Forget(key, entry);
            }

            return (instance, error);
        }
        catch (Exception e) when (e is KafkaException or TimeoutException)
        {
            Forget(key, entry);
            return (null, ErrorCatalog.ClusterUnavailable($"the consumer instance directory did not answer: {e.Message}"));
        }
    }

    /// <summary>Closes the instance (it leaves its group) and withdraws its claim.</summary>
    public Task DeleteAsync(ConsumerInstance instance)
    {
        var deleting = DeleteNowAsync(instance);
        _deletes.Add(deleting);
        return deleting;
    }

    private async Task DeleteNowAsync(ConsumerInstance instance)
    {
        var key = (instance.Settings.Group, instance.Settings.Name);
        if (!_entries.TryGetValue(key, out var entry) || entry.Instance != instance || !_entries.TryRemove(new(key, entry)))
        {
            return;
        }

        Interlocked.Decrement(ref _count);
        if (await Task.WhenAny(instance.CloseAsync(), Task.Delay(CloseWait)).ConfigureAwait(false) == instance.Closed)
        {
            instance.Dispose();
        }

        if (entry.Claim is { } claim)
        {
            await directory.ReleaseAsync(claim).ConfigureAwait(false);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        var closing = All.Select(DeleteAsync).ToList();
        try
        {
            await Task.WhenAll(closing).WaitAsync(cancellationToken).ConfigureAwait(false);
            LogClosedAll(logger, closing.Count);
        }
        catch (OperationCanceledException)
        {
            LogStillClosing(logger, closing.Count(c => !c.IsCompleted));
        }
    }

    /// <summary>
    /// Waits (bounded) for every consumer to be closed before what they use (the cluster connection, the
    /// embedded cluster) is disposed. Registered under two service types, so it may be called twice.
    /// </summary>
    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        base.Dispose();
        Task.WhenAll(_started.Select(i => i.Closed).Concat(_deletes)).Wait(TimeSpan.FromSeconds(60));
    }

    /// <summary>Closes instances nobody has used for <c>Consumers:InstanceTimeoutMs</c>, once a second.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), context.Time);
        var timeout = TimeSpan.FromMilliseconds(_options.InstanceTimeoutMs);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var now = context.Time.GetUtcNow();
                foreach (var instance in All.Where(i => !i.IsBusy && now - i.LastUsed >= timeout).ToList())
                {
                    LogExpired(logger, instance.Settings.Group, instance.Settings.Name);
                    ConsumerMetrics.InstanceExpired();
                    await DeleteAsync(instance).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task<(ConsumerInstance? Instance, GatewayError? Error)> StartAsync(string group, string name, CreateSettings create, string owner, Entry entry)
    {
        if (create.Name is not null && await directory.FindAsync(group, name).ConfigureAwait(false) is not null)
        {
            return (null, ErrorCatalog.ConsumerAlreadyExists());
        }

        ConsumerInstance instance;
        try
        {
            var config = InstanceConfig.Build(context.Clients, _options, group, name, create);
            instance = new ConsumerInstance(new InstanceSettings(group, name, create.Format, owner, create.MinBytes, create.RequestWaitMs), config, context);
        }
        catch (Exception e) when (e is ArgumentException or KafkaException or InvalidOperationException)
        {
            return (null, ErrorCatalog.InvalidConsumerConfig(e.Message));
        }

        InstanceClaim claim;
        bool won;
        try
        {
            (claim, won) = await directory.ClaimAsync(group, name, create.Format.Name()).ConfigureAwait(false);
        }
        catch
        {
            await instance.CloseAsync().ConfigureAwait(false);
            throw;
        }

        if (!won)
        {
            await directory.ReleaseAsync(claim).ConfigureAwait(false);
            await instance.CloseAsync().ConfigureAwait(false);
            return (null, ErrorCatalog.ConsumerAlreadyExists());
        }

        entry.Claim = claim;
        entry.Instance = instance;
        _started.Add(instance);
        // An instance whose consumer failed for good closes itself: free its name, slot and claim too.
        _ = instance.Closed.ContinueWith(_ => DeleteAsync(instance), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        ConsumerMetrics.InstanceOpened();
        LogCreated(logger, group, name, create.Format.Name());
        return (instance, null);
    }

    private void Forget((string, string) key, Entry entry)
    {
        _entries.TryRemove(new(key, entry));
        Interlocked.Decrement(ref _count);
    }

    [LoggerMessage(LogLevel.Information, "Consumer instance {Group}/{Instance} created ({Format})")]
    private static partial void LogCreated(ILogger logger, string group, string instance, string format);

    [LoggerMessage(LogLevel.Information, "Consumer instance {Group}/{Instance} expired; it left its group")]
    private static partial void LogExpired(ILogger logger, string group, string instance);

    [LoggerMessage(LogLevel.Warning, "{Count} consumer instances were still leaving their groups when the shutdown drain ended")]
    private static partial void LogStillClosing(ILogger logger, int count);

    [LoggerMessage(LogLevel.Information, "Closed {Count} consumer instances on shutdown")]
    private static partial void LogClosedAll(ILogger logger, int count);

    /// <summary>A name taken in a group: reserved while the instance is made, then the instance and its claim.</summary>
    private sealed class Entry
    {
        public ConsumerInstance? Instance { get; set; }

        public InstanceClaim? Claim { get; set; }
    }
}
