using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// CDS: the child's copy of DS (RFC 7344 §3.1), same format. The "delete DS" record
/// <c>0 0 0 00</c> (RFC 8078 §4, erratum 5049) is ordinary RDATA here: its digest is one zero octet.
/// </summary>
public sealed class CdsRecord : FieldRdataCodec
{
    public override ushort Type => RRType.CDS;
    protected override RdataField[] Fields => DsRecord.Layout;
}
