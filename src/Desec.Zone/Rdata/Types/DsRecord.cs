using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// DS: key tag, algorithm, digest type, digest in hex (RFC 4034 §5.1, §5.3). The digest's length
/// is not checked against the digest type here; provisioning checks that.
/// </summary>
public sealed class DsRecord : FieldRdataCodec
{
    public override ushort Type => RRType.DS;
    protected override RdataField[] Fields => Layout;

    /// <summary>Shared with CDS, which has the same format (RFC 7344 §3.1).</summary>
    internal static readonly RdataField[] Layout =
    [
        new UIntField("key tag", 2),
        new MnemonicByteField("algorithm", MnemonicByteField.DnssecAlgorithms),
        new MnemonicByteField("digest type", MnemonicByteField.DigestTypes),
        new BinaryRestField("digest", BinaryEncoding.Hex),
    ];
}
