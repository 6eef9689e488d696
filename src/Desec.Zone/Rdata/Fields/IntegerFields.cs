using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Fields;

/// <summary>An unsigned integer of 1, 2 or 4 octets, in decimal.</summary>
public class UIntField(string name, int size) : RdataField(name)
{
    public int Size { get; } = size;

    private uint Max => Size switch { 1 => byte.MaxValue, 2 => ushort.MaxValue, _ => uint.MaxValue };

    public override void Parse(RdataTokens tokens, RdataBuilder output)
    {
        var token = tokens.Next(Name);
        if (token.Quoted || !TryParseValue(token.Text, out uint value))
        {
            throw tokens.Error(token, $"expected {Name} (an integer from 0 to {Max}), found '{token.Text}'");
        }
        Write(output, value);
    }

    protected virtual bool TryParseValue(string text, out uint value) => PresentationText.TryParseUInt(text, Max, out value);

    protected void Write(RdataBuilder output, uint value)
    {
        switch (Size)
        {
            case 1: output.WriteByte((byte)value); break;
            case 2: output.WriteUInt16((ushort)value); break;
            default: output.WriteUInt32(value); break;
        }
    }

    public override void Read(ref DnsWireReader reader, int end, RdataBuilder output)
    {
        var bytes = reader.ReadBytes(Size);
        CheckEnd(ref reader, end, Name);
        output.WriteBytes(bytes);
    }

    public override void Format(ReadOnlySpan<byte> rdata, ref int position, StringBuilder output)
    {
        output.Append(ReadValue(rdata, position, Size).ToString(CultureInfo.InvariantCulture));
        position += Size;
    }

    public static uint ReadValue(ReadOnlySpan<byte> rdata, int position, int size) => size switch
    {
        1 => rdata[position],
        2 => BinaryPrimitives.ReadUInt16BigEndian(rdata[position..]),
        _ => BinaryPrimitives.ReadUInt32BigEndian(rdata[position..]),
    };
}

/// <summary>
/// A 32-bit time interval (SOA timers) that also accepts units like <c>1h30m</c>, up to 2^32-1 as
/// BIND does (these are not TTLs of records, RFC 2181 §8 does not cap them); printed in seconds.
/// </summary>
public sealed class TtlField(string name) : UIntField(name, 4)
{
    protected override bool TryParseValue(string text, out uint value) => PresentationText.TryParseTtl(text, out value);
}
