using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// ZONEMD: serial, scheme, hash algorithm, digest in hex (RFC 8976 §2.2, §2.3). The digest's
/// length is not checked against the algorithm here.
/// </summary>
public sealed class ZonemdRecord : FieldRdataCodec
{
    public override ushort Type => RRType.ZONEMD;
    protected override RdataField[] Fields { get; } =
    [
        new UIntField("serial", 4),
        new UIntField("scheme", 1),
        new UIntField("hash algorithm", 1),
        new BinaryRestField("digest", BinaryEncoding.Hex),
    ];
}
