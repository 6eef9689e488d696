using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Desec.Zone.Text;

namespace Desec.Zone.Rdata.Svcb;

/// <summary>port (RFC 9460 §7.2): one decimal number 0-65535; two octets on the wire.</summary>
internal sealed class PortParam() : SvcParam(SvcParamKeys.Port, "port")
{
    public override string? ParseText(ReadOnlySpan<byte> text, RdataBuilder output)
    {
        if (!PresentationText.TryParseUInt(Ascii(text), ushort.MaxValue, out uint port))
        {
            return text.IsEmpty ? "port needs a value" : $"port '{Ascii(text)}' is not a number from 0 to 65535";
        }
        output.WriteUInt16((ushort)port);
        return null;
    }

    public override string? Validate(ReadOnlySpan<byte> value) =>
        value.Length == 2 ? null : $"port needs 2 octets, not {value.Length}";

    public override void FormatValue(ReadOnlySpan<byte> value, StringBuilder output) =>
        output.Append('=').Append(BinaryPrimitives.ReadUInt16BigEndian(value).ToString(CultureInfo.InvariantCulture));
}
