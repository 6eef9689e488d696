using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// NINFO: zone status information, one or more character-strings as TXT (IANA registration of 2008,
/// as BIND reads it).
/// </summary>
public sealed class NinfoRecord : FieldRdataCodec
{
    public override ushort Type => RRType.NINFO;
    protected override RdataField[] Fields { get; } =
    [
        new CharacterStringField("text", repeated: true),
    ];
}
