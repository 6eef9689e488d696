using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// CNAME: the canonical name of an alias (RFC 1035 §3.3.1). A well-known type, so the name may be
/// compressed (RFC 3597 §4); lower-cased in canonical form (RFC 4034 §6.2).
/// </summary>
public sealed class CnameRecord : FieldRdataCodec
{
    public override ushort Type => RRType.CNAME;
    protected override RdataField[] Fields { get; } = [new NameField("cname", compressible: true, lowerCase: true)];
}
