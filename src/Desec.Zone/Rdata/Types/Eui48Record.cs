using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>EUI48: a 48-bit extended unique identifier (RFC 7043 §3).</summary>
public sealed class Eui48Record : FieldRdataCodec
{
    public override ushort Type => RRType.EUI48;
    protected override RdataField[] Fields { get; } =
    [
        new EuiField("address", 6),
    ];
}
