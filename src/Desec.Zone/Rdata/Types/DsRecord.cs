using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// DS: key tag, algorithm, digest type, digest in hex (RFC 4034 §5.1, §5.3). The digest must
/// have the length of its type where BIND checks it.
/// </summary>
public sealed class DsRecord : FieldRdataCodec
{
    public override ushort Type => RRType.DS;
    protected override RdataField[] Fields => Layout;

    /// <summary>
    /// The digest types whose length BIND checks (GOST, type 3, it does not): SHA-1 (RFC 4034
    /// §5.1.4), SHA-256 (RFC 4509 §2.2), SHA-384 (RFC 6605 §2). The CDS "delete" digest type 0
    /// (RFC 8078 §4) takes any length. Declared before <see cref="Layout"/>, which uses it.
    /// </summary>
    private static readonly Dictionary<byte, (int, string)> DigestLengths = new()
    {
        [1] = (20, "RFC 4034 §5.1.4"), [2] = (32, "RFC 4509 §2.2"), [4] = (48, "RFC 6605 §2"),
    };

    /// <summary>Shared with CDS, which has the same format (RFC 7344 §3.1).</summary>
    internal static readonly RdataField[] Layout =
    [
        new UIntField("key tag", 2),
        new MnemonicByteField("algorithm", MnemonicByteField.DnssecAlgorithms),
        new MnemonicByteField("digest type", MnemonicByteField.DigestTypes),
        new BinaryRestField("digest", BinaryEncoding.Hex, lengthByType: DigestLengths),
    ];
}
