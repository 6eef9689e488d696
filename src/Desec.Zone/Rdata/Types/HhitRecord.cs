using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// HHIT: a DRIP hierarchical host identity tag, opaque octets in base64 as BIND reads them (IANA
/// registration, draft-ietf-drip-registries).
/// </summary>
public sealed class HhitRecord : FieldRdataCodec
{
    public override ushort Type => RRType.HHIT;
    protected override RdataField[] Fields { get; } =
    [
        new BinaryRestField("data", BinaryEncoding.Base64),
    ];
}
