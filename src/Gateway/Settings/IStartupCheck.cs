namespace Gateway.Settings;

/// <summary>
/// Work a feature does before the gateway starts serving (building its clients, loading its files), so
/// a bad setting stops start-up with a message that names it rather than failing the first request.
/// </summary>
internal interface IStartupCheck
{
    /// <exception cref="InvalidOperationException">A setting cannot be used; the message names its key.</exception>
    void Run();
}
