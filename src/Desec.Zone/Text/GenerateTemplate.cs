using System.Globalization;
using System.Text;

namespace Desec.Zone.Text;

/// <summary>
/// The lhs or rhs of a <c>$GENERATE</c>, as BIND reads it: <c>$</c> is the current value,
/// <c>${offset[,width[,base]]}</c> adds a signed offset and prints it zero-padded to width in base
/// <c>d</c> (decimal), <c>o</c> (octal), <c>x</c>/<c>X</c> (hex) or <c>n</c>/<c>N</c> (nibbles in
/// reverse order separated by dots, for ip6.arpa), <c>$$</c> is a literal <c>$</c>, and a
/// backslash keeps the next character as it is (so <c>\$</c> reaches the name or RDATA parser,
/// which reads it as <c>$</c>).
/// </summary>
internal sealed class GenerateTemplate
{
    /// <summary>Widths above this are refused: no label or RDATA word could hold them.</summary>
    public const int MaxWidth = 255;

    private readonly record struct Part(string? Literal, long Offset, int Width, char Base);

    private readonly List<Part> _parts;

    private GenerateTemplate(List<Part> parts) => _parts = parts;

    /// <summary>Reads the template in a word; errors point at the offending character.</summary>
    public static GenerateTemplate Parse(Token token, string source)
    {
        string text = token.Text;
        int columnOfFirst = token.Column + (token.Quoted ? 1 : 0);
        var parts = new List<Part>();
        var literal = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\\')
            {
                literal.Append(text, i, Math.Min(2, text.Length - i));
                i += 2;
                continue;
            }
            if (c != '$')
            {
                literal.Append(c);
                i++;
                continue;
            }
            if (i + 1 < text.Length && text[i + 1] == '$')
            {
                literal.Append('$');
                i += 2;
                continue;
            }
            if (literal.Length > 0) { parts.Add(new Part(literal.ToString(), 0, 0, 'd')); literal.Clear(); }
            if (i + 1 < text.Length && text[i + 1] == '{')
            {
                int close = text.IndexOf('}', i + 2);
                if (close < 0)
                {
                    throw new ZoneTextException(source, token.Line, columnOfFirst + i, "'${' is never closed: expected ${offset[,width[,base]]}");
                }
                parts.Add(ParseModifier(text[(i + 2)..close], source, token.Line, columnOfFirst + i));
                i = close + 1;
                continue;
            }
            parts.Add(new Part(null, 0, 0, 'd'));
            i++;
        }
        if (literal.Length > 0) { parts.Add(new Part(literal.ToString(), 0, 0, 'd')); }
        return new GenerateTemplate(parts);
    }

    private static Part ParseModifier(string inside, string source, int line, int column)
    {
        var fields = inside.Split(',');
        ZoneTextException Bad(string why) => new(source, line, column,
            $"bad $GENERATE modifier '${{{inside}}}': {why}; expected ${{offset[,width[,base]]}} with base d, o, x, X, n or N");
        if (fields.Length > 3) { throw Bad("too many fields"); }
        if (!long.TryParse(fields[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long offset)
            || Math.Abs(offset) > int.MaxValue)
        {
            throw Bad("the offset is not a number");
        }
        int width = 0;
        if (fields.Length > 1 && (!int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out width) || width > MaxWidth))
        {
            throw Bad($"the width is not a number from 0 to {MaxWidth}");
        }
        char numberBase = 'd';
        if (fields.Length > 2)
        {
            if (fields[2].Length != 1 || "doxXnN".IndexOf(fields[2][0], StringComparison.Ordinal) < 0)
            {
                throw Bad("unknown base");
            }
            numberBase = fields[2][0];
        }
        return new Part(null, offset, width, numberBase);
    }

    public string Expand(long value)
    {
        var sb = new StringBuilder();
        foreach (var part in _parts)
        {
            if (part.Literal is not null) { sb.Append(part.Literal); continue; }
            long n = value + part.Offset;
            switch (part.Base)
            {
                case 'd':
                    string digits = Math.Abs(n).ToString(CultureInfo.InvariantCulture);
                    // C's %0*d counts the sign in the width.
                    if (n < 0) { sb.Append('-').Append(digits.PadLeft(Math.Max(0, part.Width - 1), '0')); }
                    else { sb.Append(digits.PadLeft(part.Width, '0')); }
                    break;
                case 'o':
                    sb.Append(Convert.ToString((uint)n, 8).PadLeft(part.Width, '0'));
                    break;
                case 'x':
                case 'X':
                    sb.Append(((uint)n).ToString(part.Base == 'x' ? "x" : "X", CultureInfo.InvariantCulture).PadLeft(part.Width, '0'));
                    break;
                default:
                    AppendNibbles(sb, (uint)n, part.Width, upper: part.Base == 'N');
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Nibbles from the least significant up, each followed by a dot while more digits or width
    /// remain; the width counts the dots, so <c>${0,4,n}</c> of 0xfe is <c>e.f.</c> (BIND's rule).
    /// </summary>
    private static void AppendNibbles(StringBuilder sb, uint value, int width, bool upper)
    {
        string digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
        int remaining = width;
        do
        {
            sb.Append(digits[(int)(value & 0xF)]);
            value >>= 4;
            if (remaining > 0) { remaining--; }
            if (remaining > 0 || value != 0)
            {
                sb.Append('.');
                if (remaining > 0) { remaining--; }
            }
        }
        while (value != 0 || remaining > 0);
    }
}
