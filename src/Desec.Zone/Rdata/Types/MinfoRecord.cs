using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// MINFO: the responsible and the error mailbox of a mailing list (RFC 1035 §3.3.7); compressed and
/// lower-cased as MB.
/// </summary>
public sealed class MinfoRecord : FieldRdataCodec
{
    public override ushort Type => RRType.MINFO;
    protected override RdataField[] Fields { get; } =
    [
        new NameField("rmailbx", compressible: true, lowerCase: true),
        new NameField("emailbx", compressible: true, lowerCase: true),
    ];
}
