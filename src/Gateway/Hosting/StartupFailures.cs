using System.Reflection;
using Gateway.Settings;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

internal static class StartupFailures
{
    /// <summary>
    /// Checks every setting and builds what the features need, then serves. As a process, a bad setting
    /// ends it with exit code 1 and one line per problem on stderr, naming the key, and no stack trace;
    /// hosted by another program (a test host) the exception goes to that program, before any host starts.
    /// </summary>
    public static async Task<int> RunGatewayAsync(this WebApplication app)
    {
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            foreach (var check in app.Services.GetServices<IStartupCheck>())
            {
                check.Run();
            }
        }
        catch (Exception e) when (Assembly.GetEntryAssembly() == typeof(StartupFailures).Assembly && Problems(e).Any())
        {
            foreach (var problem in Problems(e).Distinct(StringComparer.Ordinal))
            {
                await Console.Error.WriteLineAsync(problem);
            }

            return 1;
        }

        await app.RunAsync();
        return 0;
    }

    private static IEnumerable<string> Problems(Exception error) => error switch
    {
        OptionsValidationException options => options.Failures,
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Problems),
        InvalidOperationException or InvalidDataException or ArgumentException => [OneLine(error)],
        _ => error.InnerException is { } inner ? Problems(inner) : [],
    };

    private static string OneLine(Exception error) => error.Message.ReplaceLineEndings(" ");
}
