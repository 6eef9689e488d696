namespace Desec.Zone.Text;

/// <summary>
/// Presentation-format input is wrong at a known place: a zone file's line and column, or a
/// database row (then <see cref="Location"/> names the row and line/column are within its text).
/// </summary>
public sealed class ZoneTextException(string source, int line, int column, string reason)
    : Exception($"{source}:{line}:{column}: {reason}")
{
    public string Location { get; } = source;
    public int Line { get; } = line;
    public int Column { get; } = column;
    public string Reason { get; } = reason;
}
