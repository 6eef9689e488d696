using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>HINFO: CPU and operating system, two character-strings (RFC 1035 §3.3.2).</summary>
public sealed class HinfoRecord : FieldRdataCodec
{
    public override ushort Type => RRType.HINFO;
    protected override RdataField[] Fields { get; } = [new CharacterStringField("cpu"), new CharacterStringField("os")];
}
