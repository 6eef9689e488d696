using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>SMIMEA: the TLSA format used for S/MIME certificates (RFC 8162 §2).</summary>
public sealed class SmimeaRecord : FieldRdataCodec
{
    public override ushort Type => RRType.SMIMEA;
    protected override RdataField[] Fields => TlsaRecord.Layout;
}
