using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>CSYNC: SOA serial, flags and type bit map (RFC 7477 §2.1, §2.2).</summary>
public sealed class CsyncRecord : FieldRdataCodec
{
    public override ushort Type => RRType.CSYNC;
    protected override RdataField[] Fields { get; } =
    [
        new UIntField("SOA serial", 4),
        new UIntField("flags", 2),
        new TypeBitmapField("type bit map", allowEmpty: true),
    ];
}
