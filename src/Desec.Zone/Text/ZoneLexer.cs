namespace Desec.Zone.Text;

/// <summary>One logical line of a zone file: its words, and whether it began with blank space (owner omitted).</summary>
public sealed record ZoneEntry(IReadOnlyList<Token> Tokens, bool StartsWithBlank, int Line);

/// <summary>
/// Splits master-file text into logical entries (RFC 1035 §5.1): words separated by blanks,
/// <c>;</c> comments to the end of the line, quoted strings, backslash escapes kept raw, and
/// parentheses that let an entry continue over several lines.
/// </summary>
public sealed class ZoneLexer(string text, string source)
{
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    public string Source { get; } = source;

    /// <summary>All words of <paramref name="text"/> as one entry, line ends included (for RDATA kept as a string).</summary>
    public static List<Token> Tokenize(string text, string source)
    {
        var lexer = new ZoneLexer(text, source);
        var all = new List<Token>();
        while (lexer.TryReadEntry(out var entry)) { all.AddRange(entry.Tokens); }
        return all;
    }

    /// <summary>Reads the next entry that has at least one word; false at the end of the text.</summary>
    public bool TryReadEntry(out ZoneEntry entry)
    {
        while (_pos < text.Length)
        {
            int entryLine = _line;
            bool startsWithBlank = _pos < text.Length && (text[_pos] == ' ' || text[_pos] == '\t');
            var tokens = new List<Token>();
            int depth = 0;
            int openLine = 0, openColumn = 0;
            while (_pos < text.Length)
            {
                char c = text[_pos];
                if (c == '\n')
                {
                    NewLine();
                    if (depth == 0) { break; }
                    continue;
                }
                if (c == ' ' || c == '\t' || c == '\r') { _pos++; continue; }
                if (c == ';')
                {
                    while (_pos < text.Length && text[_pos] != '\n') { _pos++; }
                    continue;
                }
                if (c == '(')
                {
                    if (depth > 0) { throw Error("nested '(' is not allowed"); }
                    openLine = _line;
                    openColumn = Column;
                    depth++;
                    _pos++;
                    continue;
                }
                if (c == ')')
                {
                    if (depth == 0) { throw Error("')' without a matching '('"); }
                    depth--;
                    _pos++;
                    continue;
                }
                tokens.Add(c == '"' ? ReadQuoted() : ReadWord());
            }
            if (depth > 0)
            {
                throw new ZoneTextException(Source, openLine, openColumn, "'(' is never closed");
            }
            if (tokens.Count > 0)
            {
                entry = new ZoneEntry(tokens, startsWithBlank, entryLine);
                return true;
            }
        }
        entry = null!;
        return false;
    }

    private int Column => _pos - _lineStart + 1;

    private void NewLine()
    {
        _pos++;
        _line++;
        _lineStart = _pos;
    }

    private Token ReadWord()
    {
        int line = _line, column = Column, start = _pos;
        while (_pos < text.Length)
        {
            char c = text[_pos];
            if (c == '\\')
            {
                // An escape keeps the next character in the word, even a blank, quote or ';'.
                if (_pos + 1 >= text.Length || text[_pos + 1] == '\n') { throw Error("backslash at the end of a line"); }
                _pos += 2;
                continue;
            }
            if (c is ' ' or '\t' or '\r' or '\n' or ';' or '(' or ')' or '"') { break; }
            _pos++;
        }
        return new Token(text[start.._pos], false, line, column);
    }

    private Token ReadQuoted()
    {
        int line = _line, column = Column;
        _pos++; // opening quote
        int start = _pos;
        while (true)
        {
            if (_pos >= text.Length) { throw new ZoneTextException(Source, line, column, "quoted string is never closed"); }
            char c = text[_pos];
            if (c == '"') { break; }
            if (c == '\\')
            {
                if (_pos + 1 >= text.Length) { throw new ZoneTextException(Source, line, column, "quoted string is never closed"); }
                if (text[_pos + 1] == '\n') { _pos++; NewLine(); continue; }
                _pos += 2;
                continue;
            }
            if (c == '\n') { NewLine(); continue; }
            _pos++;
        }
        var token = new Token(text[start.._pos], true, line, column);
        _pos++; // closing quote
        return token;
    }

    private ZoneTextException Error(string reason) => new(Source, _line, Column, reason);
}
