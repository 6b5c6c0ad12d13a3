using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Gateway.Consume.Ownership;

/// <summary>The directory's reading side: the topic made sure of at start, then tailed from start to end on a thread of its own.</summary>
internal sealed partial class InstanceDirectory
{
    /// <summary>Waits until every record written so far has been read; false when that took too long.</summary>
    private async Task<bool> SyncAsync()
    {
        var end = await Task.Run(() => _tailer!.QueryWatermarkOffsets(_partition, _timeout).High.Value).ConfigureAwait(false);
        await WaitForAsync(end).ConfigureAwait(false);
        return true;
    }

    private Task WaitForAsync(long position)
    {
        TaskCompletionSource reached;
        lock (_lock)
        {
            if (_position >= position)
            {
                return Task.CompletedTask;
            }

            reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((position, reached));
        }

        return reached.Task.WaitAsync(_timeout);
    }

    private async Task StartTailingAsync()
    {
        try
        {
            var config = _clients.NewConfig();
            config.GroupId = $"gateway-directory-{_self.Run}";
            config.EnableAutoCommit = false;
            config.EnablePartitionEof = true;
            config.FetchWaitMaxMs = _options.EffectiveFetchWaitMaxMs(_clients.UsesEmbeddedCluster);
            _tailer = _clients.Build(config);
            await EnsureTopicAsync(_tailer).ConfigureAwait(false);
            if (_stopping)
            {
                return;
            }

            _tailer.Assign(new TopicPartitionOffset(_partition, Offset.Beginning));
            _thread = new Thread(Tail) { IsBackground = true, Name = "consumer instance directory" };
            _thread.Start();
            _started.TrySetResult();
            if (await SyncAsync().ConfigureAwait(false) && !_stopping)
            {
                await ReleaseClaimsOfEarlierRunsAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is KafkaException or TimeoutException or ArgumentException or InvalidOperationException)
        {
            LogStartFailed(_logger, _partition.Topic, e.Message);
            _started.TrySetException(e);
        }
    }

    private async Task EnsureTopicAsync(IClient client)
    {
        if (_connection.Embedded is { } embedded)
        {
            embedded.CreateTopic(_partition.Topic, 1, embedded.BrokerCount);
            return;
        }

        using var admin = new DependentAdminClientBuilder(client.Handle).Build();
        try
        {
            await admin.CreateTopicsAsync(
                [new TopicSpecification
                {
                    Name = _partition.Topic, NumPartitions = 1, ReplicationFactor = _kafka.DefaultReplicationFactor,
                    Configs = new Dictionary<string, string> { ["cleanup.policy"] = "compact" },
                }],
                new CreateTopicsOptions { RequestTimeout = _timeout }).ConfigureAwait(false);
            LogTopicCreated(_logger, _partition.Topic);
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // It exists: created by another gateway, or beforehand by an operator.
        }
        catch (KafkaException e)
        {
            // Not allowed to create topics, or a cluster without the admin API: it must exist already.
            LogTopicNotCreated(_logger, _partition.Topic, e.Error.Reason);
        }
    }

    /// <summary>Claims at this gateway's address by an earlier process there are dead: withdraw them.</summary>
    private async Task ReleaseClaimsOfEarlierRunsAsync()
    {
        if (_self.AdvertisedUrl.Length == 0)
        {
            return;
        }

        List<InstanceClaim> stale;
        lock (_lock)
        {
            stale = _byKey.Values.Where(c => c.OwnerUrl == _self.AdvertisedUrl && c.OwnerRun != _self.Run).ToList();
        }

        foreach (var claim in stale)
        {
            await ReleaseAsync(claim).ConfigureAwait(false);
        }
    }

    private void Tail()
    {
        while (!_stopping)
        {
            ConsumeResult<byte[]?, byte[]?>? result;
            try
            {
                result = _tailer!.Consume(TimeSpan.FromMilliseconds(200));
            }
            catch (ConsumeException e)
            {
                LogReadFailed(_logger, _partition.Topic, e.Error.Reason);
                Thread.Sleep(200);
                continue;
            }

            if (result is null)
            {
                continue;
            }

            lock (_lock)
            {
                if (!result.IsPartitionEOF)
                {
                    Apply(result);
                }

                Advance(result.IsPartitionEOF ? result.Offset.Value : result.Offset.Value + 1);
            }
        }
    }

    private void Apply(ConsumeResult<byte[]?, byte[]?> result)
    {
        if (InstanceClaim.Read(result.Message.Key, result.Message.Value, result.Offset.Value) is not { } record)
        {
            return;
        }

        Remove(record.KeyText);
        if (record.Claim is { } claim)
        {
            _byKey[record.KeyText] = claim;
            var name = (claim.Group, claim.Instance);
            if (!_claims.TryGetValue(name, out var claims))
            {
                _claims[name] = claims = [];
            }

            claims.Add(claim);
        }
    }

    private void Remove(string keyText)
    {
        if (_byKey.Remove(keyText, out var old) && _claims.TryGetValue((old.Group, old.Instance), out var claims))
        {
            claims.RemoveAll(c => c.ClaimId == old.ClaimId);
            if (claims.Count == 0)
            {
                _claims.Remove((old.Group, old.Instance));
            }
        }
    }

    private void Advance(long position)
    {
        _position = Math.Max(_position, position);
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            if (_waiters[i].Position <= _position)
            {
                _waiters[i].Reached.TrySetResult();
                _waiters.RemoveAt(i);
            }
        }
    }
}
