using System.Text;

namespace Desec.Zone.Rdata.Svcb;

/// <summary>
/// alpn (RFC 9460 §7.1.1): a non-empty list of ALPN protocol ids. Text: a value list (Appendix A.1);
/// wire: each id as a length octet and 1-255 octets.
/// </summary>
internal sealed class AlpnParam() : SvcParam(SvcParamKeys.Alpn, "alpn")
{
    public override string? ParseText(ReadOnlySpan<byte> text, RdataBuilder output)
    {
        var items = new List<byte[]>();
        if (!ValueList.TrySplit(text, items, out var error)) { return error; }
        foreach (var id in items)
        {
            if (id.Length > 255) { return "an alpn id is longer than 255 octets"; }
            output.WriteByte((byte)id.Length);
            output.WriteBytes(id);
        }
        return null;
    }

    public override string? Validate(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty) { return "alpn lists no protocol ids"; }
        int i = 0;
        while (i < value.Length)
        {
            int length = value[i];
            if (length == 0) { return "an alpn id is empty"; }
            if (i + 1 + length > value.Length) { return "an alpn id runs past the value"; }
            i += 1 + length;
        }
        return null;
    }

    public override void FormatValue(ReadOnlySpan<byte> value, StringBuilder output)
    {
        output.Append("=\"");
        int i = 0;
        while (i < value.Length)
        {
            if (i > 0) { output.Append(','); }
            int length = value[i];
            ValueList.AppendItem(output, value.Slice(i + 1, length));
            i += 1 + length;
        }
        output.Append('"');
    }
}
