using Microsoft.Extensions.Options;

namespace Gateway.Tests.Support;

internal static class StartUp
{
    /// <summary>Starting the gateway fails on its options; returns every message of the failure, inner ones too.</summary>
    public static string Fails(Func<object> start) => Fails(() => { start(); });

    /// <summary>Starting the gateway fails on its options; returns every message of the failure, inner ones too.</summary>
    public static string Fails(Action start)
    {
        var error = Assert.ThrowsAny<Exception>(start);
        Assert.True(Flatten(error).Any(e => e is OptionsValidationException), error.ToString());
        return string.Join('\n', Flatten(error).Select(e => e.Message));
    }

    private static IEnumerable<Exception> Flatten(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
