using System.Text;

namespace Desec.Zone.Rdata.Svcb;

/// <summary>
/// ech (RFC 9460 §14.3.2, the ECH draft for SVCB): an ECHConfigList, base64 in text, opaque on the
/// wire. An empty value is kept (BIND accepts <c>ech=""</c> and prints it as bare <c>ech</c>).
/// </summary>
internal sealed class EchParam() : SvcParam(SvcParamKeys.Ech, "ech")
{
    public override string? ParseText(ReadOnlySpan<byte> text, RdataBuilder output)
    {
        if (text.IsEmpty) { return null; }
        if (!Text.PresentationText.TryDecodeBase64(Ascii(text), out var bytes)) { return "ech is not valid base64 (RFC 4648 §4)"; }
        output.WriteBytes(bytes);
        return null;
    }

    public override string? Validate(ReadOnlySpan<byte> value) => null;

    public override void FormatValue(ReadOnlySpan<byte> value, StringBuilder output)
    {
        if (value.IsEmpty) { return; }
        output.Append('=').Append(Convert.ToBase64String(value));
    }
}
