using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>MR: a mailbox rename (RFC 1035 §3.3.8); compressed and lower-cased as MB.</summary>
public sealed class MrRecord : FieldRdataCodec
{
    public override ushort Type => RRType.MR;
    protected override RdataField[] Fields { get; } =
    [
        new NameField("newname", compressible: true, lowerCase: true),
    ];
}
