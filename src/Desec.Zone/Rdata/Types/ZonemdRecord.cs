using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// ZONEMD: serial, scheme, hash algorithm, digest in hex (RFC 8976 §2.2, §2.3). The digest must
/// hold at least 12 octets whatever the algorithm (§2.2.4); its exact length for a given
/// algorithm is not checked here.
/// </summary>
public sealed class ZonemdRecord : FieldRdataCodec
{
    private const int FixedLength = 6, MinDigestLength = 12;

    public override ushort Type => RRType.ZONEMD;
    protected override RdataField[] Fields { get; } =
    [
        new UIntField("serial", 4),
        new UIntField("scheme", 1),
        new UIntField("hash algorithm", 1),
        new BinaryRestField("digest", BinaryEncoding.Hex),
    ];

    public override void ParseText(RdataTokens tokens, RdataBuilder output)
    {
        int start = output.Length;
        base.ParseText(tokens, output);
        if (output.Length - start < FixedLength + MinDigestLength)
        {
            throw tokens.Error($"ZONEMD digest shorter than {MinDigestLength} octets (RFC 8976 §2.2.4)");
        }
    }

    public override void ReadWire(ref DnsWireReader reader, int length, RdataBuilder output)
    {
        int start = reader.Position;
        base.ReadWire(ref reader, length, output);
        if (length < FixedLength + MinDigestLength)
        {
            throw new DnsWireException(start, $"ZONEMD digest shorter than {MinDigestLength} octets (RFC 8976 §2.2.4)");
        }
    }
}
