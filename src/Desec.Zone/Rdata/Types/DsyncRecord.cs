using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// DSYNC: the RR type to notify about, the scheme (NOTIFY is 1), the port and the target (RFC 9859
/// §2.1); type and scheme are printed by name, as BIND does. The target is neither compressed nor
/// lower-cased.
/// </summary>
public sealed class DsyncRecord : FieldRdataCodec
{
    public override ushort Type => RRType.DSYNC;
    protected override RdataField[] Fields { get; } =
    [
        new TypeField("RRtype"),
        new NamedNumberField("scheme", 1, [("NOTIFY", 1)]),
        new UIntField("port", 2),
        new NameField("target", compressible: false, lowerCase: false),
    ];
}
