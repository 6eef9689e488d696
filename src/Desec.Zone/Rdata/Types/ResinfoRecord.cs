using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>RESINFO: resolver information, one or more character-strings as TXT (RFC 9606 §4).</summary>
public sealed class ResinfoRecord : FieldRdataCodec
{
    public override ushort Type => RRType.RESINFO;
    protected override RdataField[] Fields { get; } =
    [
        new CharacterStringField("key-value", repeated: true),
    ];
}
