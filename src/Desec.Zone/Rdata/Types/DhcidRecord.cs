using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// DHCID: the DHCP client identifier digest in base64, which may be split over words (RFC 4701
/// §3.4).
/// </summary>
public sealed class DhcidRecord : FieldRdataCodec
{
    public override ushort Type => RRType.DHCID;
    protected override RdataField[] Fields { get; } =
    [
        new BinaryRestField("digest", BinaryEncoding.Base64),
    ];
}
