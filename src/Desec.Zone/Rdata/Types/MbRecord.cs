using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// MB: a mailbox host (RFC 1035 §3.3.3); the name may be compressed (RFC 3597 §4) and is lower-
/// cased in canonical form (RFC 4034 §6.2).
/// </summary>
public sealed class MbRecord : FieldRdataCodec
{
    public override ushort Type => RRType.MB;
    protected override RdataField[] Fields { get; } =
    [
        new NameField("madname", compressible: true, lowerCase: true),
    ];
}
