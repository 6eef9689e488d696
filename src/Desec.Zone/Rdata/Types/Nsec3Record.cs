using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// NSEC3 (RFC 5155 §3.2, §3.3): hash algorithm, flags, iterations, salt (hex or <c>-</c>), next
/// hashed owner name (unpadded base32hex) and type bit maps, which may be empty.
/// </summary>
public sealed class Nsec3Record : FieldRdataCodec
{
    public override ushort Type => RRType.NSEC3;
    protected override RdataField[] Fields { get; } =
    [
        new UIntField("hash algorithm", 1),
        new UIntField("flags", 1),
        new UIntField("iterations", 2),
        new LengthPrefixedHexField("salt"),
        new LengthPrefixedBase32HexField("next hashed owner name"),
        new TypeBitmapField("type bit maps", allowEmpty: true),
    ];
}
