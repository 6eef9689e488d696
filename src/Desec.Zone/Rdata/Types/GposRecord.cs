using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// GPOS: longitude, latitude and altitude as three character-strings (RFC 1712 §3); BIND checks
/// nothing more, and neither do we.
/// </summary>
public sealed class GposRecord : FieldRdataCodec
{
    public override ushort Type => RRType.GPOS;
    protected override RdataField[] Fields { get; } =
    [
        new CharacterStringField("longitude"),
        new CharacterStringField("latitude"),
        new CharacterStringField("altitude"),
    ];
}
