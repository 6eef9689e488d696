using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// DNSKEY: flags, protocol, algorithm (each a number or, as BIND reads them, a mnemonic in text;
/// printed as numbers) and the public key in base64, which may be split over several words
/// (RFC 4034 §2.1, §2.2).
/// </summary>
public sealed class DnskeyRecord : FieldRdataCodec
{
    public override ushort Type => RRType.DNSKEY;
    protected override RdataField[] Fields => Layout;

    /// <summary>Shared with CDNSKEY, which has the same format (RFC 7344 §3.2).</summary>
    internal static readonly RdataField[] Layout =
    [
        new KeyFlagsField("flags"),
        new MnemonicByteField("protocol", MnemonicByteField.KeyProtocols),
        new MnemonicByteField("algorithm", MnemonicByteField.DnssecAlgorithms),
        new BinaryRestField("public key", BinaryEncoding.Base64),
    ];
}
