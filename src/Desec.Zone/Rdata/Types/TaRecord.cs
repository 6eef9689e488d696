using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>TA: a DNSSEC trust anchor, in the format of DS (IANA registration of 2005, as BIND reads it).</summary>
public sealed class TaRecord : FieldRdataCodec
{
    public override ushort Type => RRType.TA;
    protected override RdataField[] Fields => DsRecord.Layout;
}
