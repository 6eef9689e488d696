using System.Globalization;
using System.Text;

namespace Desec.Zone.Rdata.Svcb;

/// <summary>
/// The comma-separated value lists of RFC 9460 Appendix A.1. After the char-string layer is
/// unescaped, <c>\,</c> stands for a comma inside an item and <c>\\</c> for a backslash; a plain
/// comma separates items, and no item may be empty.
/// </summary>
internal static class ValueList
{
    public static bool TrySplit(ReadOnlySpan<byte> text, List<byte[]> items, out string error)
    {
        items.Clear();
        var current = new List<byte>();
        for (int i = 0; i < text.Length; i++)
        {
            byte b = text[i];
            if (b == (byte)'\\')
            {
                if (i + 1 >= text.Length || (text[i + 1] != (byte)',' && text[i + 1] != (byte)'\\'))
                {
                    error = "in a value list a backslash must be followed by ',' or '\\' (RFC 9460 Appendix A.1)";
                    return false;
                }
                current.Add(text[++i]);
                continue;
            }
            if (b == (byte)',')
            {
                if (current.Count == 0) { error = "empty item in the value list"; return false; }
                items.Add([.. current]);
                current.Clear();
                continue;
            }
            current.Add(b);
        }
        if (current.Count == 0) { error = text.IsEmpty ? "the value list is empty" : "empty item in the value list"; return false; }
        items.Add([.. current]);
        error = "";
        return true;
    }

    /// <summary>
    /// One item, inside the surrounding quotes, escaped for both layers the way BIND prints alpn:
    /// comma as <c>\\,</c>, backslash as <c>\\\\</c>, quote as <c>\"</c>, and octets outside
    /// 0x21-0x7E as <c>\DDD</c>.
    /// </summary>
    public static void AppendItem(StringBuilder output, ReadOnlySpan<byte> item)
    {
        foreach (byte b in item)
        {
            switch (b)
            {
                case (byte)',': output.Append(@"\\,"); break;
                case (byte)'\\': output.Append(@"\\\\"); break;
                case (byte)'"': output.Append("\\\""); break;
                case < 0x21 or > 0x7E: output.Append('\\').Append(b.ToString("D3", CultureInfo.InvariantCulture)); break;
                default: output.Append((char)b); break;
            }
        }
    }
}
