using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>L64: preference and a 64-bit ILNP locator (RFC 6742 §2.3).</summary>
public sealed class L64Record : FieldRdataCodec
{
    public override ushort Type => RRType.L64;
    protected override RdataField[] Fields { get; } =
    [
        new UIntField("preference", 2),
        new Locator64Field("locator64"),
    ];
}
