using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>NID: preference and a 64-bit ILNP node identifier (RFC 6742 §2.1).</summary>
public sealed class NidRecord : FieldRdataCodec
{
    public override ushort Type => RRType.NID;
    protected override RdataField[] Fields { get; } =
    [
        new UIntField("preference", 2),
        new Locator64Field("node id"),
    ];
}
