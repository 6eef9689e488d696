using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// NS: the name of an authoritative server (RFC 1035 §3.3.11). A well-known type, so the name may
/// be compressed (RFC 3597 §4); lower-cased in canonical form (RFC 4034 §6.2).
/// </summary>
public sealed class NsRecord : FieldRdataCodec
{
    public override ushort Type => RRType.NS;
    protected override RdataField[] Fields { get; } = [new NameField("nsdname", compressible: true, lowerCase: true)];
}
