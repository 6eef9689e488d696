using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// PTR: a pointer to another name (RFC 1035 §3.3.12). A well-known type, so the name may be
/// compressed (RFC 3597 §4); lower-cased in canonical form (RFC 4034 §6.2).
/// </summary>
public sealed class PtrRecord : FieldRdataCodec
{
    public override ushort Type => RRType.PTR;
    protected override RdataField[] Fields { get; } = [new NameField("ptrdname", compressible: true, lowerCase: true)];
}
