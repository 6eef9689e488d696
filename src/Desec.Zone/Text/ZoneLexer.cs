using System.Text;

namespace Desec.Zone.Text;

/// <summary>One logical line of a zone file: its words, and whether it began with blank space (owner omitted).</summary>
public sealed record ZoneEntry(IReadOnlyList<Token> Tokens, bool StartsWithBlank, int Line);

/// <summary>
/// Splits master-file text into logical entries (RFC 1035 §5.1): words separated by blanks,
/// <c>;</c> comments to the end of the line, quoted strings, backslash escapes kept raw, and
/// parentheses (nested pairs too, as BIND reads them) that let an entry continue over several lines.
/// </summary>
/// <remarks>
/// Lexical errors do not stop the lexer: the entry that holds one is dropped, the error is kept in
/// <see cref="Errors"/>, and reading goes on with the next entry, so that a file shows all its
/// errors at once. Like BIND, a quoted string ends on its own line (a line end inside it may be
/// escaped with a backslash); an unterminated quote is thus reported where it opens and costs
/// only its own entry.
/// <para>
/// The text is read as UTF-8 octets: every character that matters to the syntax is ASCII, and
/// the octets of a multi-octet character never look like one (they all have the high bit set).
/// A zone file is lexed from its bytes as read, at half the memory of a .NET string; only the
/// words become strings. Columns still count UTF-16 characters, as they did over a string.
/// Octets that are not UTF-8 survive into the words (see <see cref="LosslessUtf8"/>): BIND reads
/// a file's bytes, so such an octet in a name or string is that octet.
/// </para>
/// </remarks>
public sealed class ZoneLexer
{
    private readonly byte[] text;
    private int _pos;
    private int _line = 1;
    private int _lineStart;
    /// <summary>The current line holds only ASCII from its start up to here, so a column is an octet count.</summary>
    private int _asciiUpTo;
    private ZoneTextException? _entryError;
    private readonly WordCache _words = new();

    public ZoneLexer(string text, string source)
        : this(LosslessUtf8.Encode(text), 0, source)
    {
    }

    /// <summary>Lexes UTF-8 text from <paramref name="start"/> on (after a byte-order mark, say).</summary>
    internal ZoneLexer(byte[] utf8, int start, string source)
    {
        text = utf8;
        _pos = start;
        _lineStart = start;
        _asciiUpTo = start;
        Source = source;
    }

    public string Source { get; }

    /// <summary>Errors found so far, in text order; <see cref="TakeErrors"/> hands them over.</summary>
    public List<ZoneTextException> Errors { get; } = [];

    /// <summary>Returns and forgets the errors found so far.</summary>
    public IReadOnlyList<ZoneTextException> TakeErrors()
    {
        if (Errors.Count == 0) { return []; }
        var taken = Errors.ToArray();
        Errors.Clear();
        return taken;
    }

    /// <summary>All words of <paramref name="text"/> as one entry, line ends included (for RDATA kept as a string).</summary>
    /// <exception cref="ZoneTextException">The first lexical error.</exception>
    public static List<Token> Tokenize(string text, string source)
    {
        var lexer = new ZoneLexer(text, source);
        var all = new List<Token>();
        while (lexer.TryReadEntry(out var entry)) { all.AddRange(entry.Tokens); }
        if (lexer.Errors.Count > 0) { throw lexer.Errors[0]; }
        return all;
    }

    /// <summary>Reads the next error-free entry that has at least one word; false at the end of the text.</summary>
    public bool TryReadEntry(out ZoneEntry entry)
    {
        var tokens = new List<Token>();
        if (TryReadEntry(tokens, out bool startsWithBlank, out int line))
        {
            entry = new ZoneEntry(tokens, startsWithBlank, line);
            return true;
        }
        entry = null!;
        return false;
    }

    /// <summary>
    /// Reads the next error-free entry into <paramref name="tokens"/> (cleared first), so that a
    /// loader reuses one list for every entry of a file; false at the end of the text.
    /// </summary>
    internal bool TryReadEntry(List<Token> tokens, out bool startsWithBlank, out int line)
    {
        while (_pos < text.Length)
        {
            line = _line;
            startsWithBlank = _pos < text.Length && (text[_pos] == ' ' || text[_pos] == '\t');
            tokens.Clear();
            int depth = 0;
            int openLine = 0, openColumn = 0;
            _entryError = null;
            while (_pos < text.Length)
            {
                byte c = text[_pos];
                // A CR ends a line as a LF does (BIND reads old Mac files so), and CRLF is one line end.
                if (c == '\n' || (c == '\r' && (_pos + 1 >= text.Length || text[_pos + 1] != '\n')))
                {
                    NewLine();
                    if (depth == 0) { break; }
                    continue;
                }
                if (c == ' ' || c == '\t' || c == '\r') { _pos++; continue; }
                if (c == ';')
                {
                    // As in BIND, a comment runs to the next LF: a bare CR does not end it.
                    while (_pos < text.Length && text[_pos] != '\n') { _pos++; }
                    continue;
                }
                if (c == '(')
                {
                    // BIND counts nested pairs; the entry ends at the line end after the last ')'.
                    if (depth == 0) { openLine = _line; openColumn = Column; }
                    depth++;
                    _pos++;
                    continue;
                }
                if (c == ')')
                {
                    if (depth == 0) { Fail(_line, Column, "')' without a matching '('"); }
                    else { depth--; }
                    _pos++;
                    continue;
                }
                var token = c == '"' ? ReadQuoted() : ReadWord();
                if (token is { } t) { tokens.Add(t); }
            }
            if (depth > 0) { Fail(openLine, openColumn, "'(' is never closed"); }
            if (_entryError is not null)
            {
                Errors.Add(_entryError);
                continue;
            }
            if (tokens.Count > 0) { return true; }
        }
        tokens.Clear();
        startsWithBlank = false;
        line = _line;
        return false;
    }

    /// <summary>
    /// The column of the current position in UTF-16 characters (a multi-octet character counts
    /// once, or twice beyond U+FFFF). The line is checked for non-ASCII octets only once, bit by bit
    /// as the position moves on (<see cref="_asciiUpTo"/>).
    /// </summary>
    private int Column
    {
        get
        {
            if (_asciiUpTo < _pos)
            {
                if (text.AsSpan(_asciiUpTo, _pos - _asciiUpTo).IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0)
                {
                    return Encoding.UTF8.GetCharCount(text.AsSpan(_lineStart, _pos - _lineStart)) + 1;
                }
                _asciiUpTo = _pos;
            }
            return _pos - _lineStart + 1;
        }
    }

    private void NewLine()
    {
        _pos++;
        _line++;
        _lineStart = _pos;
        _asciiUpTo = _pos;
    }

    /// <summary>Remembers the first error of the current entry; the entry is dropped when it ends.</summary>
    private void Fail(int line, int column, string reason) =>
        _entryError ??= new ZoneTextException(Source, line, column, reason);

    private Token? ReadWord()
    {
        int line = _line, column = Column, start = _pos;
        while (_pos < text.Length)
        {
            byte c = text[_pos];
            if (c == '\\')
            {
                // An escape keeps the next character in the word, even a blank, quote or ';'.
                if (_pos + 1 >= text.Length || text[_pos + 1] is (byte)'\n' or (byte)'\r')
                {
                    Fail(_line, Column, "backslash at the end of a line (nothing to escape)");
                    _pos++;
                    return null;
                }
                _pos += 2;
                continue;
            }
            if (c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)';' or (byte)'(' or (byte)')' or (byte)'"') { break; }
            if (c == 0)
            {
                // BIND refuses a raw NUL outside quotes; in a name or string it is written \000.
                Fail(_line, Column, "a NUL octet in a word: write it as \\000");
            }
            _pos++;
        }
        return new Token(_words.Get(text.AsSpan(start, _pos - start)), false, line, column);
    }

    private Token? ReadQuoted()
    {
        int line = _line, column = Column;
        _pos++; // opening quote
        int start = _pos;
        while (true)
        {
            if (_pos >= text.Length || text[_pos] == '\n' || (text[_pos] == '\r' && (_pos + 1 >= text.Length || text[_pos + 1] == '\n')))
            {
                // The rest of the line is skipped; the line end still ends the entry (or not, inside parentheses).
                Fail(line, column, "quoted string is not closed on its line (expected '\"')");
                return null;
            }
            byte c = text[_pos];
            if (c == '"') { break; }
            if (c == '\\' && _pos + 1 < text.Length)
            {
                // An escaped line end continues the string on the next line and stays in its raw text.
                if (text[_pos + 1] == '\n') { _pos++; NewLine(); continue; }
                _pos += 2;
                continue;
            }
            _pos++;
        }
        var token = new Token(WithoutQuoteEscapes(LosslessUtf8.Decode(text.AsSpan(start, _pos - start))), true, line, column);
        _pos++; // closing quote
        return token;
    }

    /// <summary>
    /// Inside quotes, <c>\"</c> becomes a plain <c>"</c>, as BIND's lexer has it. Every reader of
    /// the text takes the two alike, except a <c>$GENERATE</c> rhs, which is split into words
    /// again: <c>"\"x$\""</c> gives the quoted word <c>"x1"</c> there, as in BIND.
    /// </summary>
    private static string WithoutQuoteEscapes(string quoted)
    {
        if (!quoted.Contains("\\\"", StringComparison.Ordinal)) { return quoted; }
        var sb = new StringBuilder(quoted.Length);
        for (int i = 0; i < quoted.Length; i++)
        {
            if (quoted[i] == '\\' && i + 1 < quoted.Length)
            {
                // The escaped character goes with its backslash, unless it is the quote.
                if (quoted[i + 1] != '"') { sb.Append('\\'); }
                sb.Append(quoted[++i]);
                continue;
            }
            sb.Append(quoted[i]);
        }
        return sb.ToString();
    }
}
