using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>EUI64: a 64-bit extended unique identifier (RFC 7043 §4).</summary>
public sealed class Eui64Record : FieldRdataCodec
{
    public override ushort Type => RRType.EUI64;
    protected override RdataField[] Fields { get; } =
    [
        new EuiField("address", 8),
    ];
}
