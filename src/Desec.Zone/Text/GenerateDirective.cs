using Desec.Zone.Names;

namespace Desec.Zone.Text;

/// <summary>
/// BIND's <c>$GENERATE range lhs [ttl] [class] type rhs</c>: one record per value of the range,
/// with <c>$</c> in lhs and rhs replaced by the value (see <see cref="GenerateTemplate"/>).
/// As in BIND, TTL and class may come in either order, rhs is one word (quote it to give several
/// RDATA words), and the directive changes neither the last owner nor the last explicit TTL that
/// later entries inherit.
/// </summary>
internal sealed partial class ZoneFileLoader
{
    /// <summary>BIND's bound for start, stop and step.</summary>
    private const long GenerateMaximum = int.MaxValue;

    private void Generate(FileContext context, IReadOnlyList<Token> tokens)
    {
        const string usage = "$GENERATE range lhs [ttl] [class] type rhs";
        if (tokens.Count < 4)
        {
            var last = tokens[^1];
            throw Error(context, last.Line, EndColumn(last), $"expected {usage}, found the end of the entry");
        }
        var (start, stop, step) = ParseRange(context, tokens[1]);
        var lhsToken = tokens[2];
        if (lhsToken.Quoted) { throw Error(context, lhsToken, "expected the $GENERATE owner (lhs), found a quoted string"); }
        var lhs = GenerateTemplate.Parse(lhsToken, context.Source);
        int index = 3;
        var (ttl, type, typeToken) = ReadTtlClassAndType(context, tokens, ref index);
        if (index >= tokens.Count)
        {
            throw Error(context, typeToken.Line, EndColumn(typeToken), $"expected the $GENERATE RDATA (rhs), found the end of the entry");
        }
        var rhsToken = tokens[index];
        if (index + 1 < tokens.Count)
        {
            throw Error(context, tokens[index + 1],
                $"unexpected '{tokens[index + 1].Text}' after the $GENERATE rhs: quote the rhs to give several RDATA words");
        }
        var rhs = GenerateTemplate.Parse(rhsToken, context.Source);
        uint? inherited = null;
        for (long value = start; value <= stop; value += step)
        {
            try
            {
                var owner = ParseName(context, lhsToken with { Text = lhs.Expand(value) }, context.Origin, "$GENERATE owner");
                var rdataTokens = LexGenerated(context, rhsToken, rhs.Expand(value));
                byte[] rdata = ParseRdata(context, type, typeToken, rdataTokens, 0, context.Origin);
                uint recordTtl = ttl ?? (inherited ??= InheritedTtl(context, type, rdata, tokens[0].Line, tokens[0]));
                AddRecord(owner, type, recordTtl, rdata, context, tokens[0].Line);
            }
            catch (ZoneTextException e)
            {
                // One report per directive: the first value that fails stops it.
                throw Error(context, e.Line, e.Column, $"$GENERATE at value {value}: {e.Reason}");
            }
        }
    }

    private static (long Start, long Stop, long Step) ParseRange(FileContext context, Token token)
    {
        string text = token.Text;
        // start-stop[/step]: the step comes after the one slash, start and stop around the one dash.
        var rangeAndStep = text.Split('/');
        var bounds = rangeAndStep[0].Split('-');
        long start = 0, stop = 0, step = 1;
        bool ok = !token.Quoted && rangeAndStep.Length <= 2 && bounds.Length == 2
            && TryParseBound(bounds[0], out start)
            && TryParseBound(bounds[1], out stop)
            && (rangeAndStep.Length == 1 || TryParseBound(rangeAndStep[1], out step))
            && start <= stop && step >= 1;
        if (!ok)
        {
            throw Error(context, token,
                $"bad $GENERATE range '{text}': expected start-stop or start-stop/step, with 0 <= start <= stop <= {GenerateMaximum} and step >= 1");
        }
        return (start, stop, step);
    }

    private static bool TryParseBound(string text, out long value)
    {
        value = 0;
        if (!PresentationText.TryParseUInt(text, (uint)GenerateMaximum, out uint parsed)) { return false; }
        value = parsed;
        return true;
    }

    /// <summary>Splits the expanded rhs into RDATA words; errors point at the rhs in the file.</summary>
    private static List<Token> LexGenerated(FileContext context, Token rhsToken, string expanded)
    {
        int firstColumn = rhsToken.Column + (rhsToken.Quoted ? 1 : 0);
        List<Token> words;
        try
        {
            words = ZoneLexer.Tokenize(expanded, context.Source);
        }
        catch (ZoneTextException e)
        {
            throw Error(context, rhsToken.Line, firstColumn + e.Column - 1, $"in the expanded $GENERATE rhs '{expanded}': {e.Reason}");
        }
        // Positions in the expanded text, moved onto the rhs word (exact up to the first substitution).
        for (int i = 0; i < words.Count; i++)
        {
            words[i] = words[i] with { Line = rhsToken.Line, Column = firstColumn + words[i].Column - 1 };
        }
        return words;
    }
}
