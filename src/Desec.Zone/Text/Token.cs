namespace Desec.Zone.Text;

/// <summary>
/// One word of presentation input. <see cref="Text"/> is the raw text with escapes still in it
/// (so <c>a\.b</c> stays distinguishable from <c>a.b</c>); a quoted word comes without its quotes
/// and with <see cref="Quoted"/> set, and, as BIND's lexer has it, with <c>\"</c> as a plain <c>"</c>.
/// Line and column are 1-based and point at the first character.
/// </summary>
public readonly record struct Token(string Text, bool Quoted, int Line, int Column)
{
    public override string ToString() => Quoted ? $"\"{Text}\"" : Text;
}
