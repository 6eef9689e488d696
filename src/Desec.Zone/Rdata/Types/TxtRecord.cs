using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>TXT: one or more character-strings (RFC 1035 §3.3.14), each printed quoted as BIND does.</summary>
public sealed class TxtRecord : FieldRdataCodec
{
    public override ushort Type => RRType.TXT;
    protected override RdataField[] Fields { get; } = [new CharacterStringField("text", repeated: true)];
}
