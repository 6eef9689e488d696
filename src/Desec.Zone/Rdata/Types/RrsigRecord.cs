using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// RRSIG (RFC 4034 §3.1, §3.2): type covered, algorithm, labels, original TTL, expiration and
/// inception (YYYYMMDDHHmmSS), key tag, signer's name and the signature in base64. The signer's
/// name is never compressed (§3.1.7) and is lower-cased in canonical form (§6.2 item 3, which
/// RFC 6840 §5.1 keeps for RRSIG).
/// </summary>
public sealed class RrsigRecord : FieldRdataCodec
{
    public override ushort Type => RRType.RRSIG;
    protected override RdataField[] Fields { get; } = Layout(secondsAllowed: true, signerCompressible: false);

    /// <summary>
    /// Shared with SIG, whose layout RRSIG took over (RFC 4034 §3): SIG's signer may arrive
    /// compressed (RFC 3597 §4), and BIND reads SIG's times only as dates.
    /// </summary>
    internal static RdataField[] Layout(bool secondsAllowed, bool signerCompressible) =>
    [
        new TypeField("type covered"),
        new MnemonicByteField("algorithm", MnemonicByteField.DnssecAlgorithms),
        new UIntField("labels", 1),
        new UIntField("original TTL", 4),
        new TimeField("signature expiration", secondsAllowed),
        new TimeField("signature inception", secondsAllowed),
        new UIntField("key tag", 2),
        new NameField("signer's name", compressible: signerCompressible, lowerCase: true),
        new BinaryRestField("signature", BinaryEncoding.Base64),
    ];
}
