using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// RKEY: a key for encrypting NAPTR records, in the format of DNSKEY (draft-reid-dnsext-rkey §3,
/// as BIND reads it). No flag is defined, so the flags must be 0; BIND refuses any other value.
/// </summary>
public sealed class RkeyRecord : FieldRdataCodec
{
    public override ushort Type => RRType.RKEY;
    protected override RdataField[] Fields => DnskeyRecord.Layout;

    public override void ParseText(RdataTokens tokens, RdataBuilder output)
    {
        int start = output.Length;
        var flags = tokens.AtEnd ? default : tokens.Peek();
        base.ParseText(tokens, output);
        if (HasFlags(output.Written[start..])) { throw tokens.Error(flags, Problem); }
    }

    public override void ReadWire(ref DnsWireReader reader, int length, RdataBuilder output)
    {
        int start = output.Length, position = reader.Position;
        base.ReadWire(ref reader, length, output);
        if (HasFlags(output.Written[start..])) { throw new DnsWireException(position, Problem); }
    }

    private const string Problem = "RKEY flags must be 0: none is defined (draft-reid-dnsext-rkey §3)";

    private static bool HasFlags(ReadOnlySpan<byte> rdata) => rdata[0] != 0 || rdata[1] != 0;
}
