using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>DLV: a DNSSEC lookaside validation record, in the format of DS (RFC 4431 §2).</summary>
public sealed class DlvRecord : FieldRdataCodec
{
    public override ushort Type => RRType.DLV;
    protected override RdataField[] Fields => DsRecord.Layout;
}
