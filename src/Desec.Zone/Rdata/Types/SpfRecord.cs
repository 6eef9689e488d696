using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>SPF: the same format as TXT (RFC 4408 §3.1.1; the type is deprecated by RFC 7208 §3.1 but still served).</summary>
public sealed class SpfRecord : FieldRdataCodec
{
    public override ushort Type => RRType.SPF;
    protected override RdataField[] Fields { get; } = [new CharacterStringField("text", repeated: true)];
}
