using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// SSHFP: algorithm, fingerprint type, fingerprint in hex (RFC 4255 §3.1, §3.2); a SHA-1 or
/// SHA-256 fingerprint must have its length, as BIND checks.
/// </summary>
public sealed class SshfpRecord : FieldRdataCodec
{
    public override ushort Type => RRType.SSHFP;
    protected override RdataField[] Fields { get; } =
    [
        new UIntField("algorithm", 1),
        new UIntField("fingerprint type", 1),
        new BinaryRestField("fingerprint", BinaryEncoding.Hex,
            lengthByType: new Dictionary<byte, (int, string)> { [1] = (20, "RFC 4255 §3.1.2"), [2] = (32, "RFC 6594 §4") }),
    ];
}
