using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>ISDN: an ISDN address and an optional subaddress, character-strings (RFC 1183 §3.2).</summary>
public sealed class IsdnRecord : FieldRdataCodec
{
    public override ushort Type => RRType.ISDN;
    protected override RdataField[] Fields { get; } =
    [
        new CharacterStringField("ISDN-address"),
        new CharacterStringField("subaddress", optional: true),
    ];
}
