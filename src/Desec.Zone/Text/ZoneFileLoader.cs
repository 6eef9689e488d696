using Desec.Zone.Names;
using Desec.Zone.Rdata;
using Desec.Zone.Records;

namespace Desec.Zone.Text;

/// <summary>
/// The state of one parse of a zone file and the files it includes: the records and errors found
/// so far, <c>$TTL</c> and the last explicit TTL (both carry across <c>$INCLUDE</c>, as in BIND),
/// and the chain of files being read (to detect include loops).
/// Directives live in <c>Directives.cs</c> and <c>GenerateDirective.cs</c>.
/// </summary>
internal sealed partial class ZoneFileLoader
{
    /// <summary>Where the reading of one file stands. Origin and last owner are per file (RFC 1035 §5.1).</summary>
    private sealed class FileContext(string source, string directory)
    {
        public string Source { get; } = source;
        /// <summary>Folder that relative <c>$INCLUDE</c> paths start from.</summary>
        public string Directory { get; } = directory;
        public DnsName? Origin { get; set; }
        public DnsName? LastOwner { get; set; }
    }

    private readonly List<ResourceRecord> _records = [];
    private readonly List<ZoneTextException> _errors = [];
    private readonly List<string> _warnings = [];
    private readonly RdataBuilder _scratch = new();
    private readonly RdataTokens _rdataTokens = new([], null, "", 0, 0);
    /// <summary>Full paths of the files being read, outermost first.</summary>
    private readonly List<string> _includeChain = [];
    private uint? _defaultTtl;
    private uint? _lastExplicitTtl;
    private bool _warnedPreviousTtl;

    /// <summary>Parses UTF-8 text that starts at <paramref name="start"/> of <paramref name="utf8"/>.</summary>
    public ZoneFileResult Load(byte[] utf8, int start, string source, DnsName? origin, string directory, string fullPath)
    {
        _includeChain.Add(fullPath);
        var context = new FileContext(source, directory) { Origin = origin };
        ReadFile(utf8, start, context);
        var zoneOrigin = origin ?? _records.FirstOrDefault(r => r.Type == RRType.SOA)?.Owner ?? DnsName.Root;
        var result = new ZoneFileResult { Origin = zoneOrigin, Records = _records };
        result.Errors.AddRange(_errors);
        result.Warnings.AddRange(_warnings);
        return result;
    }

    private void ReadFile(byte[] utf8, int start, FileContext context)
    {
        var lexer = new ZoneLexer(utf8, start, context.Source);
        // One list for every entry: nothing keeps an entry's words once it has been read.
        var tokens = new List<Token>();
        while (true)
        {
            bool more = lexer.TryReadEntry(tokens, out bool startsWithBlank, out int line);
            // Entries with lexical errors were skipped before this one: their errors come first.
            _errors.AddRange(lexer.TakeErrors());
            if (!more) { break; }
            try
            {
                ReadEntry(tokens, startsWithBlank, line, context);
            }
            catch (ZoneTextException e)
            {
                _errors.Add(e);
            }
        }
    }

    private void ReadEntry(List<Token> tokens, bool startsWithBlank, int line, FileContext context)
    {
        var first = tokens[0];
        // BIND takes a quoted first word that starts with '$' as a directive too.
        if (!startsWithBlank && first.Text.StartsWith('$'))
        {
            ReadDirective(tokens, context);
            return;
        }
        DnsName owner;
        int index = 0;
        if (startsWithBlank)
        {
            // RFC 1035 §5.1: a blank at the start of the line means the previous owner.
            owner = context.LastOwner ?? throw Error(context, first,
                "this entry starts with a blank, so it takes the previous owner name, but there is none yet");
        }
        else
        {
            // BIND reads the owner as a quoted string too ("a b" is the label a\032b); a
            // domain-name field of RDATA it never takes quoted, and neither do we.
            owner = ParseName(context, first, context.Origin, "owner name", quotedAllowed: true);
            context.LastOwner = owner;
            index = 1;
        }
        var (ttl, type, typeToken) = ReadTtlClassAndType(context, tokens, ref index);
        if (ttl is { } explicitTtl) { _lastExplicitTtl = explicitTtl; }
        byte[] rdata = ParseRdata(context, type, typeToken, tokens, index, context.Origin);
        uint recordTtl = ttl ?? InheritedTtl(context, type, rdata, line, first);
        AddRecord(owner, type, recordTtl, rdata, context, line);
    }

    private uint InheritedTtl(FileContext context, ushort type, byte[] rdata, int line, Token at)
    {
        if (_defaultTtl is { } defaultTtl) { return defaultTtl; }
        if (_lastExplicitTtl is { } lastTtl)
        {
            if (!_warnedPreviousTtl)
            {
                // Legal (RFC 1035 §5.1) but easy to get wrong; BIND warns as well.
                _warnings.Add($"{context.Source}:{line}: no TTL given and no $TTL; using the previous record's TTL ({lastTtl}), and so on for later records");
                _warnedPreviousTtl = true;
            }
            return lastTtl;
        }
        if (type == RRType.SOA && rdata.Length >= 4)
        {
            // Before RFC 2308 the SOA MINIMUM (its last field) was the default TTL; BIND still
            // falls back to it, and then keeps it as if a $TTL had set it.
            uint minimum = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(rdata.AsSpan(rdata.Length - 4));
            if (minimum > PresentationText.MaxTtl) { minimum = 0; }
            _warnings.Add($"{context.Source}:{line}: no TTL given and no $TTL; the SOA MINIMUM ({minimum}) is the default TTL from here on, as if $TTL had set it");
            _defaultTtl = minimum;
            return minimum;
        }
        throw Error(context, at, "no TTL for this record: give one on the record or set a default with $TTL (RFC 2308 §4)");
    }

    private void AddRecord(DnsName owner, ushort type, uint ttl, byte[] rdata, FileContext context, int line) =>
        _records.Add(new ResourceRecord(owner, type, ttl, rdata, context.Source, line));

    /// <summary>
    /// After the owner: <c>[TTL] [class] type</c> or <c>[class] [TTL] type</c> (RFC 1035 §5.1).
    /// A word that reads as a TTL is one (no type or class starts with a digit); only class IN is served.
    /// </summary>
    private (uint? Ttl, ushort Type, Token TypeToken) ReadTtlClassAndType(
        FileContext context, IReadOnlyList<Token> tokens, ref int index)
    {
        uint? ttl = null;
        bool classSeen = false;
        while (true)
        {
            if (index >= tokens.Count)
            {
                var last = tokens[^1];
                throw Error(context, last.Line, EndColumn(last), "expected a TTL, class or type, found the end of the entry");
            }
            var token = tokens[index];
            if (token.Quoted) { throw Error(context, token, "expected a TTL, class or type, found a quoted string"); }
            string word = token.Text;
            if (ttl is null && word.Length > 0 && char.IsAsciiDigit(word[0]))
            {
                ttl = ReadTtl(context, token);
                index++;
                continue;
            }
            if (!classSeen && RRClass.TryParse(word, out ushort rrClass))
            {
                if (rrClass != RRClass.IN)
                {
                    throw Error(context, token, $"class {word} is not supported: only class IN zones are served");
                }
                classSeen = true;
                index++;
                continue;
            }
            if (!RRType.TryParse(word, out ushort type))
            {
                string expected = (ttl is null ? "a TTL, " : "") + (classSeen ? "" : "class IN or ") + "a record type";
                string hint = word.StartsWith('$') ? " (a directive must start at the beginning of its line)" : "";
                throw Error(context, token, $"unknown type '{word}': expected {expected}{hint}");
            }
            if (RRType.IsMetaOrQuery(type))
            {
                throw Error(context, token, $"type {word} is a meta or query type and cannot be in a zone (RFC 6895 §3.1)");
            }
            if (type is RRType.MD or RRType.MF)
            {
                // BIND refuses them as well, even in the generic form.
                throw Error(context, token, $"type {word} is obsolete: use MX (RFC 1035 §3.3.4, §3.3.5)");
            }
            index++;
            return (ttl, type, token);
        }
    }

    /// <summary>Parses the words from <paramref name="start"/> on as the RDATA of <paramref name="type"/>.</summary>
    private byte[] ParseRdata(FileContext context, ushort type, Token typeToken, IReadOnlyList<Token> words, int start, DnsName? origin)
    {
        // Errors about missing RDATA point just after the type.
        _rdataTokens.Reset(words, start, origin, context.Source, typeToken.Line, EndColumn(typeToken));
        var rdata = RdataCodecs.Parse(type, _rdataTokens, _scratch);
        _rdataTokens.ExpectEnd();
        return rdata;
    }

    private static DnsName ParseName(FileContext context, Token token, DnsName? origin, string what, bool quotedAllowed = false)
    {
        if (token.Quoted && !quotedAllowed) { throw Error(context, token, $"expected {what}, found a quoted string"); }
        if (!DnsName.TryParse(token.Text, origin, out var name, out var error))
        {
            throw Error(context, token, $"bad {what} '{token.Text}': {error}");
        }
        return name;
    }

    /// <summary>The column just after a word (its quotes included).</summary>
    private static int EndColumn(Token token) => token.Column + token.Text.Length + (token.Quoted ? 2 : 0);

    private static ZoneTextException Error(FileContext context, Token at, string reason) =>
        new(context.Source, at.Line, at.Column, reason);

    private static ZoneTextException Error(FileContext context, int line, int column, string reason) =>
        new(context.Source, line, column, reason);
}
