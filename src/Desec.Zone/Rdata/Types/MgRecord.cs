using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>MG: a mail group member (RFC 1035 §3.3.6); compressed and lower-cased as MB.</summary>
public sealed class MgRecord : FieldRdataCodec
{
    public override ushort Type => RRType.MG;
    protected override RdataField[] Fields { get; } =
    [
        new NameField("mgmname", compressible: true, lowerCase: true),
    ];
}
