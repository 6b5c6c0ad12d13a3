namespace Gateway.Emulator;

internal static class EmulatorProgram
{
    public static async Task<int> Main(string[] args)
    {
        EmulatorOptions options;
        try
        {
            options = EmulatorOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            await Console.Error.WriteLineAsync(EmulatorOptions.Usage);
            return 2;
        }

        IDrawSource draws = options.RowsFolder is { } folder ? new FileDraws(folder) : new RowGenerator(options.Seed);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var interrupted = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            interrupted.Cancel();
        };
        return await new EmulatorRun(options, http, draws, Console.Error).RunAsync(interrupted.Token);
    }
}
