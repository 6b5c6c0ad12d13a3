namespace Gateway.Registry.Formats;

/// <summary>Why a schema text is not a valid schema; the registry answers 42201 with <see cref="Message"/>.</summary>
internal sealed record SchemaProblem(string Message);
