using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// SINK: meaning, coding, subcoding and data in base64, which may be empty (draft-eastlake-kitchen-
/// sink, as BIND reads it).
/// </summary>
public sealed class SinkRecord : FieldRdataCodec
{
    public override ushort Type => RRType.SINK;
    protected override RdataField[] Fields { get; } =
    [
        new UIntField("meaning", 1),
        new UIntField("coding", 1),
        new UIntField("subcoding", 1),
        new BinaryRestField("data", BinaryEncoding.Base64, allowEmpty: true),
    ];
}
