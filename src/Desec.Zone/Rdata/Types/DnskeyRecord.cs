using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// DNSKEY: flags, protocol, algorithm (number or mnemonic in text, printed as a number) and the
/// public key in base64, which may be split over several words (RFC 4034 §2.1, §2.2).
/// </summary>
public sealed class DnskeyRecord : FieldRdataCodec
{
    public override ushort Type => RRType.DNSKEY;
    protected override RdataField[] Fields => Layout;

    /// <summary>Shared with CDNSKEY, which has the same format (RFC 7344 §3.2).</summary>
    internal static readonly RdataField[] Layout =
    [
        new UIntField("flags", 2),
        new UIntField("protocol", 1),
        new MnemonicByteField("algorithm", MnemonicByteField.DnssecAlgorithms),
        new BinaryRestField("public key", BinaryEncoding.Base64),
    ];
}
