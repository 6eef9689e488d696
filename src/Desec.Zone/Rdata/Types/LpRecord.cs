using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// LP: preference and the FQDN of an ILNP locator (RFC 6742 §2.4); neither compressed nor lower-
/// cased.
/// </summary>
public sealed class LpRecord : FieldRdataCodec
{
    public override ushort Type => RRType.LP;
    protected override RdataField[] Fields { get; } =
    [
        new UIntField("preference", 2),
        new NameField("fqdn", compressible: false, lowerCase: false),
    ];
}
