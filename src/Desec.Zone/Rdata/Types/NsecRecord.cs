using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// NSEC: next owner name and type bit maps (RFC 4034 §4.1, §4.2). The name is never compressed
/// (§4.1.1) and, per RFC 6840 §5.1, is NOT lower-cased in canonical form (correcting RFC 4034
/// §6.2 item 3), so its letter case is kept as given.
/// </summary>
public sealed class NsecRecord : FieldRdataCodec
{
    public override ushort Type => RRType.NSEC;
    protected override RdataField[] Fields { get; } =
    [
        new NameField("next domain name", compressible: false, lowerCase: false),
        new TypeBitmapField("type bit maps", allowEmpty: false),
    ];
}
