using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// AVC: application visibility and control, one or more character-strings as TXT (IANA registration
/// of 2016, as BIND reads it).
/// </summary>
public sealed class AvcRecord : FieldRdataCodec
{
    public override ushort Type => RRType.AVC;
    protected override RdataField[] Fields { get; } =
    [
        new CharacterStringField("text", repeated: true),
    ];
}
