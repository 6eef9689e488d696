using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>NSEC3PARAM: hash algorithm, flags, iterations, salt (RFC 5155 §4.2, §4.3).</summary>
public sealed class Nsec3ParamRecord : FieldRdataCodec
{
    public override ushort Type => RRType.NSEC3PARAM;
    protected override RdataField[] Fields { get; } =
    [
        new UIntField("hash algorithm", 1),
        new UIntField("flags", 1),
        new UIntField("iterations", 2),
        new LengthPrefixedHexField("salt"),
    ];
}
