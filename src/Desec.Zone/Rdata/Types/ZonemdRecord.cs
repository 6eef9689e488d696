using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// ZONEMD: serial, scheme, hash algorithm, digest in hex (RFC 8976 §2.2, §2.3). The digest must
/// hold at least 12 octets whatever the algorithm (§2.2.4); a SHA-384 or SHA-512 digest
/// must have its length, as BIND checks.
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
        new BinaryRestField("digest", BinaryEncoding.Hex,
            lengthByType: new Dictionary<byte, (int, string)> { [1] = (48, "RFC 8976 §5.3"), [2] = (64, "RFC 8976 §5.3") }),
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
