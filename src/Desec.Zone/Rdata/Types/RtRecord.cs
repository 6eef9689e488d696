using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// RT: preference and intermediate host of a route (RFC 1183 §3.3); read compressed (RFC 3597 §4),
/// lower-cased in canonical form (RFC 4034 §6.2).
/// </summary>
public sealed class RtRecord : FieldRdataCodec
{
    public override ushort Type => RRType.RT;
    protected override RdataField[] Fields { get; } =
    [
        new UIntField("preference", 2),
        new NameField("intermediate-host", compressible: true, lowerCase: true),
    ];
}
