using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// NXT: the next domain name and the types present at the owner (RFC 2535 §5.2), NSEC's
/// predecessor. The name is read compressed (RFC 3597 §4) and lower-cased in canonical form
/// (RFC 4034 §6.2).
/// </summary>
public sealed class NxtRecord : FieldRdataCodec
{
    public override ushort Type => RRType.NXT;
    protected override RdataField[] Fields { get; } =
    [
        new NameField("next domain name", compressible: true, lowerCase: true),
        new OldTypeBitmapField("type bit map"),
    ];
}
