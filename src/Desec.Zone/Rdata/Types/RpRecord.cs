using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// RP: a responsible person's mailbox and the name of a TXT about them (RFC 1183 §2.2); read
/// compressed (RFC 3597 §4), lower-cased in canonical form (RFC 4034 §6.2).
/// </summary>
public sealed class RpRecord : FieldRdataCodec
{
    public override ushort Type => RRType.RP;
    protected override RdataField[] Fields { get; } =
    [
        new NameField("mbox-dname", compressible: true, lowerCase: true),
        new NameField("txt-dname", compressible: true, lowerCase: true),
    ];
}
