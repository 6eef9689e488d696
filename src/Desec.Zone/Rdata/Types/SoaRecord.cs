using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// SOA: primary server, responsible mailbox, serial and four timers (RFC 1035 §3.3.13). Both names
/// may be compressed (a well-known type, RFC 3597 §4) and are lower-cased in canonical form
/// (RFC 4034 §6.2). The timers accept BIND's units (<c>1h</c>, <c>2w</c>) and print in seconds;
/// the serial is a plain 32-bit number (RFC 1982 arithmetic is the signer's business).
/// </summary>
public sealed class SoaRecord : FieldRdataCodec
{
    public override ushort Type => RRType.SOA;

    protected override RdataField[] Fields { get; } =
    [
        new NameField("mname", compressible: true, lowerCase: true),
        new NameField("rname", compressible: true, lowerCase: true),
        new UIntField("serial", 4),
        new TtlField("refresh"),
        new TtlField("retry"),
        new TtlField("expire"),
        new TtlField("minimum"),
    ];
}
