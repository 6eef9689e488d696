using Desec.Zone.Names;

namespace Desec.Zone.Text;

/// <summary><c>$ORIGIN</c>, <c>$TTL</c> (RFC 1035 §5.1, RFC 2308 §4) and <c>$INCLUDE</c>.</summary>
internal sealed partial class ZoneFileLoader
{
    private void ReadDirective(IReadOnlyList<Token> tokens, FileContext context)
    {
        var directive = tokens[0];
        switch (directive.Text.ToUpperInvariant())
        {
            case "$ORIGIN":
                ExpectArguments(context, tokens, 1, 1, "$ORIGIN domain-name");
                // A relative $ORIGIN is relative to the current origin, as every other name.
                context.Origin = ParseName(context, tokens[1], context.Origin, "origin");
                break;
            case "$TTL":
                ExpectArguments(context, tokens, 1, 1, "$TTL ttl");
                _defaultTtl = ReadTtl(context, tokens[1]);
                break;
            case "$INCLUDE":
                ExpectArguments(context, tokens, 1, 2, "$INCLUDE file-name [origin]");
                Include(context, tokens[1], tokens.Count > 2 ? tokens[2] : null);
                break;
            case "$GENERATE":
                Generate(context, tokens);
                break;
            default:
                throw Error(context, directive,
                    $"unknown directive '{directive.Text}': expected $ORIGIN, $TTL, $INCLUDE or $GENERATE");
        }
    }

    /// <summary>
    /// A TTL word of a record or <c>$TTL</c>: seconds or units, at most 2^32-1. RFC 2181 §8 caps
    /// TTLs at 2^31-1 and tells a receiver to read one with the top bit set as zero; BIND loads
    /// such a TTL as zero with a warning, and so do we.
    /// </summary>
    private uint ReadTtl(FileContext context, Token token)
    {
        if (token.Quoted || !PresentationText.TryParseTtl(token.Text, out uint ttl))
        {
            throw Error(context, token,
                $"bad TTL '{token.Text}': expected seconds or units like 1w2d3h4m5s, at most 4294967295 (RFC 2181 §8)");
        }
        if (ttl > PresentationText.MaxTtl)
        {
            _warnings.Add($"{context.Source}:{token.Line}: TTL {ttl} is above {PresentationText.MaxTtl}; read as 0 (RFC 2181 §8)");
            return 0;
        }
        return ttl;
    }

    /// <summary>Checks the number of words after the directive; <paramref name="usage"/> tells what was expected.</summary>
    private static void ExpectArguments(FileContext context, IReadOnlyList<Token> tokens, int min, int max, string usage)
    {
        int count = tokens.Count - 1;
        if (count < min)
        {
            var last = tokens[^1];
            throw Error(context, last.Line, EndColumn(last), $"expected {usage}, found the end of the entry");
        }
        if (count > max)
        {
            throw Error(context, tokens[max + 1], $"unexpected '{tokens[max + 1].Text}' after the directive: expected {usage}");
        }
    }

    /// <summary>
    /// Reads another file in place of the directive. Its relative path starts at the including
    /// file's folder. The optional origin (relative to the current one) applies inside the file
    /// only; afterwards the including file's origin and last owner are back (RFC 1035 §5.1 says the
    /// origin; BIND restores the owner too), while <c>$TTL</c> set inside stays in force (as in BIND).
    /// </summary>
    private void Include(FileContext context, Token fileToken, Token? originToken)
    {
        var includeOrigin = originToken is { } o ? ParseName(context, o, context.Origin, "origin") : context.Origin;
        string written = fileToken.Text;
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(Path.Combine(context.Directory, written));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Error(context, fileToken, $"bad $INCLUDE file name '{written}': {e.Message}");
        }
        int loopStart = _includeChain.FindIndex(p => string.Equals(p, fullPath, StringComparison.Ordinal));
        if (loopStart >= 0)
        {
            var loop = _includeChain.Skip(loopStart).Select(Path.GetFileName).Append(Path.GetFileName(fullPath));
            throw Error(context, fileToken, $"include loop: {string.Join(" -> ", loop)}");
        }
        (byte[] Utf8, int Start) text;
        try
        {
            text = ZoneFileText.Read(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            string reason = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message;
            throw Error(context, fileToken, $"cannot read $INCLUDE file '{written}': {reason}");
        }
        // Messages name the included file as the including file's name would lead to it.
        string source = Path.IsPathRooted(written)
            ? written
            : Path.Combine(Path.GetDirectoryName(context.Source) ?? "", written);
        var inner = new FileContext(source, Path.GetDirectoryName(fullPath) ?? context.Directory)
        {
            Origin = includeOrigin,
            // BIND lets the included file's first entry omit the owner and take the current one.
            LastOwner = context.LastOwner,
        };
        _includeChain.Add(fullPath);
        try
        {
            ReadFile(text.Utf8, text.Start, inner);
        }
        finally
        {
            _includeChain.RemoveAt(_includeChain.Count - 1);
        }
    }
}
