using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// BRID: DRIP broadcast remote ID data, opaque octets in base64 as BIND reads them (IANA
/// registration, draft-ietf-drip-registries).
/// </summary>
public sealed class BridRecord : FieldRdataCodec
{
    public override ushort Type => RRType.BRID;
    protected override RdataField[] Fields { get; } =
    [
        new BinaryRestField("data", BinaryEncoding.Base64),
    ];
}
