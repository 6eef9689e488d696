using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// CDNSKEY: the child's copy of DNSKEY (RFC 7344 §3.2), same format. The "delete DS" record
/// <c>0 3 0 AA==</c> (RFC 8078 §4, erratum 5049) is ordinary RDATA: its key is one zero octet.
/// </summary>
public sealed class CdnskeyRecord : FieldRdataCodec
{
    public override ushort Type => RRType.CDNSKEY;
    protected override RdataField[] Fields => DnskeyRecord.Layout;
}
