using System.Reflection;
using Gateway.Settings;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

internal static class StartupFailures
{
    /// <summary>
    /// Checks every setting and builds what the features need, before the pipeline is built. As a process, a bad setting
    /// ends it with exit code 1 and one line per problem on stderr, naming the key, and no stack trace;
    /// hosted by another program (a test host) the exception goes to that program, before any host starts.
    /// </summary>
    /// <returns>The exit code when the gateway must not start, else null.</returns>
    public static int? CheckSettings(this WebApplication app)
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
                Console.Error.WriteLine(problem);
            }

            return 1;
        }

        return null;
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
