using Desec.Zone.Names;

namespace Desec.Zone.Text;

/// <summary>
/// The RDATA words of one record, with the origin that completes relative names and the place to
/// blame in errors. Codecs consume words with <see cref="Next"/>; a missing or extra word is
/// reported with its position.
/// </summary>
public sealed class RdataTokens
{
    private IReadOnlyList<Token> _tokens;
    /// <summary>Where the RDATA words start in <see cref="_tokens"/> (a parser passes a whole entry).</summary>
    private int _start;
    private int _index;

    public RdataTokens(IReadOnlyList<Token> tokens, DnsName? origin, string source, int line, int column)
        : this(tokens, 0, origin, source, line, column)
    {
    }

    /// <summary>The words of <paramref name="tokens"/> from <paramref name="start"/> on, without copying them.</summary>
    internal RdataTokens(IReadOnlyList<Token> tokens, int start, DnsName? origin, string source, int line, int column)
    {
        _tokens = tokens;
        Source = source;
        Reset(tokens, start, origin, source, line, column);
    }

    /// <summary>Starts over on the RDATA of another record, so that a parser needs one instance, not one per record.</summary>
    internal void Reset(IReadOnlyList<Token> tokens, int start, DnsName? origin, string source, int line, int column)
    {
        _tokens = tokens;
        _start = start;
        _index = start;
        Origin = origin;
        Source = source;
        Line = line;
        Column = column;
    }

    /// <summary>Splits a single RDATA string (as kept in a database row) into words.</summary>
    public static RdataTokens FromString(string rdata, DnsName origin, string source = "rdata")
    {
        var tokens = ZoneLexer.Tokenize(rdata, source);
        return new RdataTokens(tokens, origin, source, 1, 1);
    }

    /// <summary>Completes relative names; null when the text has no origin (a relative name is then an error).</summary>
    public DnsName? Origin { get; private set; }
    public string Source { get; private set; }
    /// <summary>Where the record starts, for errors that are about the record as a whole.</summary>
    public int Line { get; private set; }
    public int Column { get; private set; }

    public bool AtEnd => _index >= _tokens.Count;
    public int RemainingCount => _tokens.Count - _index;

    public Token Peek() => AtEnd ? throw Error("RDATA ends too early") : _tokens[_index];

    /// <summary>The next word; <paramref name="what"/> names the field for the error when there is none.</summary>
    public Token Next(string what)
    {
        if (AtEnd) { throw Error($"expected {what}, found the end of the record"); }
        return _tokens[_index++];
    }

    /// <summary>The next word, which must not be quoted (numbers, names, mnemonics, base64...).</summary>
    public string NextWord(string what)
    {
        var t = Next(what);
        if (t.Quoted) { throw Error(t, $"expected {what}, found a quoted string"); }
        return t.Text;
    }

    /// <summary>Every remaining word joined without spaces (base64 and hex split across words).</summary>
    public string JoinRest(string what, bool allowEmpty = false)
    {
        if (AtEnd && !allowEmpty) { throw Error($"expected {what}, found the end of the record"); }
        var sb = new System.Text.StringBuilder();
        while (!AtEnd) { sb.Append(NextWord(what)); }
        return sb.ToString();
    }

    public void ExpectEnd()
    {
        if (!AtEnd) { throw Error(_tokens[_index], $"unexpected '{_tokens[_index]}' after the RDATA"); }
    }

    public ZoneTextException Error(string reason) =>
        AtEnd && _tokens.Count > _start
            ? new ZoneTextException(Source, _tokens[^1].Line, EndColumn(_tokens[^1]), reason)
            : new ZoneTextException(Source, Line, Column, reason);

    public ZoneTextException Error(Token at, string reason) => new(Source, at.Line, at.Column, reason);

    /// <summary>The column just after a word; a quoted word's text leaves out its two quotes.</summary>
    private static int EndColumn(Token token) => token.Column + token.Text.Length + (token.Quoted ? 2 : 0);
}
