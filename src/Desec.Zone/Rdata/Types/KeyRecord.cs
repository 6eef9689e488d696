using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// KEY (RFC 2535 §3.1, RFC 2931 for SIG(0) keys): the layout DNSKEY took over, with flags and
/// protocol names as BIND reads them. With both A/C bits of the flags set ("no key", RFC 2535
/// §3.1.2) the record ends after the algorithm; otherwise the key must be there.
/// </summary>
public sealed class KeyRecord : FieldRdataCodec
{
    private const ushort NoKey = 0xC000;

    public override ushort Type => RRType.KEY;
    protected override RdataField[] Fields { get; } =
    [
        new KeyFlagsField("flags"),
        new MnemonicByteField("protocol", MnemonicByteField.KeyProtocols),
        new MnemonicByteField("algorithm", MnemonicByteField.DnssecAlgorithms),
        new BinaryRestField("public key", BinaryEncoding.Base64, allowEmpty: true),
    ];

    public override void ParseText(RdataTokens tokens, RdataBuilder output)
    {
        int start = output.Length;
        base.ParseText(tokens, output);
        if (MissingKey(output.Written[start..])) { throw tokens.Error("expected public key, found the end of the record (RFC 2535 §3.1.2)"); }
        if (KeyDespiteNoKey(output.Written[start..])) { throw tokens.Error("a KEY with the no-key flags (both A/C bits) ends after the algorithm (RFC 2535 §3.1.2)"); }
    }

    public override void ReadWire(ref DnsWireReader reader, int length, RdataBuilder output)
    {
        int start = output.Length, position = reader.Position;
        base.ReadWire(ref reader, length, output);
        if (MissingKey(output.Written[start..])) { throw new DnsWireException(position, "KEY without a key and without the no-key flags (RFC 2535 §3.1.2)"); }
        if (KeyDespiteNoKey(output.Written[start..])) { throw new DnsWireException(position, "KEY with the no-key flags and a key (RFC 2535 §3.1.2)"); }
    }

    private static bool MissingKey(ReadOnlySpan<byte> rdata) => rdata.Length == 4 && ((rdata[0] << 8 | rdata[1]) & NoKey) != NoKey;

    private static bool KeyDespiteNoKey(ReadOnlySpan<byte> rdata) => rdata.Length > 4 && ((rdata[0] << 8 | rdata[1]) & NoKey) == NoKey;
}
