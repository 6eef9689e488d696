using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// KX: preference and key exchanger (RFC 2230 §3.1); never compressed (§3.3), lower-cased in
/// canonical form (RFC 4034 §6.2).
/// </summary>
public sealed class KxRecord : FieldRdataCodec
{
    public override ushort Type => RRType.KX;
    protected override RdataField[] Fields { get; } =
    [
        new UIntField("preference", 2),
        new NameField("exchanger", compressible: false, lowerCase: true),
    ];
}
