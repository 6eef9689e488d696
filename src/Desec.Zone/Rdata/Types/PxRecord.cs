using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// PX: preference and the RFC 822 and X.400 domains of a mapping (RFC 2163 §4); read compressed
/// (RFC 3597 §4), lower-cased in canonical form (RFC 4034 §6.2).
/// </summary>
public sealed class PxRecord : FieldRdataCodec
{
    public override ushort Type => RRType.PX;
    protected override RdataField[] Fields { get; } =
    [
        new UIntField("preference", 2),
        new NameField("map822", compressible: true, lowerCase: true),
        new NameField("mapx400", compressible: true, lowerCase: true),
    ];
}
