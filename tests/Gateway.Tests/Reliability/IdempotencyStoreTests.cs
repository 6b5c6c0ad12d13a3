using Gateway.Reliability;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Reliability;

/// <summary>The remembered answers stay within their byte and key budgets, and a key being answered is never forgotten.</summary>
public sealed class IdempotencyStoreTests
{
    private const long Budget = 1024 * 1024;

    [Fact]
    public void LargeAnswers_PastTheByteBudget_StayWithinIt_AndTheNewestIsStillRemembered()
    {
        using var keys = Store(maxKeys: 100_000);

        for (var i = 0; i < 500; i++)
        {
            Remember(keys, $"key-{i}", bytes: 20_000);
        }

        Assert.InRange(keys.RememberedBytes, 1, Budget);
        Assert.InRange(keys.RememberedKeys, 1, (int)(Budget / 20_000));
        Assert.False(keys.Claim("caller", "key-499", Hash(499)).IsFirst);
        Assert.True(keys.Claim("caller", "key-0", Hash(0)).IsFirst);
    }

    [Fact]
    public void SmallAnswers_PastTheKeyBudget_KeepAtMostThatManyKeys()
    {
        using var keys = Store(maxKeys: 50);

        for (var i = 0; i < 1_000; i++)
        {
            Remember(keys, $"key-{i}", bytes: 10);
        }

        Assert.InRange(keys.RememberedKeys, 1, 50);
        Assert.False(keys.Claim("caller", "key-999", Hash(999)).IsFirst);
    }

    [Fact]
    public void KeyStillBeingAnswered_IsNeverForgotten_WhateverIsRememberedMeanwhile()
    {
        using var keys = Store(maxKeys: 10);
        var first = keys.Claim("caller", "slow", Hash(-1));

        for (var i = 0; i < 200; i++)
        {
            Remember(keys, $"key-{i}", bytes: 50_000);
        }

        var duplicate = keys.Claim("caller", "slow", Hash(-1));
        Assert.False(duplicate.IsFirst);
        Assert.Same(first.Entry, duplicate.Entry);
    }

    [Fact]
    public async Task AnswerLargerThanTheWholeBudget_IsNotKept_ButItsWaitingDuplicatesGetIt()
    {
        using var keys = Store(maxKeys: 100);
        var first = keys.Claim("caller", "huge", Hash(1));
        var duplicate = keys.Claim("caller", "huge", Hash(1));

        var answer = new StatedAnswer(Budget * 2);
        first.Entry.Fulfil(answer);

        Assert.Same(answer, await duplicate.Entry.Answer);
        Assert.Equal(0, keys.RememberedBytes);
        Assert.True(keys.Claim("caller", "huge", Hash(1)).IsFirst);
    }

    private static IdempotencyKeys Store(int maxKeys) => new(
        Options.Create(new ReliabilityOptions { IdempotencyMaxBytes = Budget, IdempotencyMaxKeys = maxKeys }),
        TimeProvider.System);

    private static void Remember(IdempotencyKeys keys, string key, long bytes)
    {
        var claim = keys.Claim("caller", key, Hash(int.Parse(key.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(claim.IsFirst);
        claim.Entry.Fulfil(new StatedAnswer(bytes));
    }

    private static byte[] Hash(int n) => BitConverter.GetBytes(n);

    private sealed class StatedAnswer(long bytes) : IResult, IRememberedAnswer
    {
        public long ApproximateBytes { get; } = bytes;

        public Task ExecuteAsync(HttpContext httpContext) => Task.CompletedTask;
    }
}
