using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// DNAME: the target of a subtree redirection (RFC 6672 §2.1). Not a well-known type and not among
/// the exceptions RFC 3597 §4 lists, so the target is never compressed, and a compression pointer
/// in it is refused on receipt; lower-cased in canonical form (RFC 4034 §6.2).
/// </summary>
public sealed class DnameRecord : FieldRdataCodec
{
    public override ushort Type => RRType.DNAME;
    protected override RdataField[] Fields { get; } = [new NameField("target", compressible: false, lowerCase: true)];
}
