using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// AFSDB: subtype and host of an AFS or DCE server (RFC 1183 §1); read compressed (RFC 3597 §4),
/// lower-cased in canonical form (RFC 4034 §6.2).
/// </summary>
public sealed class AfsdbRecord : FieldRdataCodec
{
    public override ushort Type => RRType.AFSDB;
    protected override RdataField[] Fields { get; } =
    [
        new UIntField("subtype", 2),
        new NameField("hostname", compressible: true, lowerCase: true),
    ];
}
