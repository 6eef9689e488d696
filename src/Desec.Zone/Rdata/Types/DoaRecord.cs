using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// DOA: enterprise, type, location, media type and data in base64, <c>-</c> when empty (draft-
/// durand-doa-over-dns §3, as BIND reads it).
/// </summary>
public sealed class DoaRecord : FieldRdataCodec
{
    public override ushort Type => RRType.DOA;
    protected override RdataField[] Fields { get; } =
    [
        new UIntField("enterprise", 4),
        new UIntField("type", 4),
        new UIntField("location", 1),
        new CharacterStringField("media type"),
        new BinaryRestField("data", BinaryEncoding.Base64, allowEmpty: true, dashWhenEmpty: true),
    ];
}
