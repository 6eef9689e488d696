using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// X25: a PSDN address, a character-string of decimal digits that starts with the four-digit DNIC
/// (RFC 1183 §3.1); BIND refuses anything else, and so do we.
/// </summary>
public sealed class X25Record : FieldRdataCodec
{
    private const int DnicLength = 4;

    public override ushort Type => RRType.X25;
    protected override RdataField[] Fields { get; } = [new CharacterStringField("PSDN-address")];

    public override void ParseText(RdataTokens tokens, RdataBuilder output)
    {
        int start = output.Length;
        var first = tokens.AtEnd ? default : tokens.Peek();
        base.ParseText(tokens, output);
        if (!IsAddress(output.Written[start..])) { throw tokens.Error(first, Problem); }
    }

    public override void ReadWire(ref DnsWireReader reader, int length, RdataBuilder output)
    {
        int start = output.Length, position = reader.Position;
        base.ReadWire(ref reader, length, output);
        if (!IsAddress(output.Written[start..])) { throw new DnsWireException(position, Problem); }
    }

    private const string Problem = "the PSDN address must be at least 4 decimal digits (RFC 1183 §3.1)";

    private static bool IsAddress(ReadOnlySpan<byte> rdata) =>
        rdata[0] >= DnicLength && !rdata[1..].ContainsAnyExceptInRange((byte)'0', (byte)'9');
}
