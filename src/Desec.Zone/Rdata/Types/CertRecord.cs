using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// CERT: certificate type, key tag, algorithm and the certificate in base64 (RFC 4398 §2, §2.2).
/// Type and algorithm are read and printed by name where they have one, as BIND does.
/// </summary>
public sealed class CertRecord : FieldRdataCodec
{
    /// <summary>RFC 4398 §2.1.</summary>
    private static readonly (string, ushort)[] CertificateTypes =
    [
        ("PKIX", 1), ("SPKI", 2), ("PGP", 3), ("IPKIX", 4), ("ISPKI", 5), ("IPGP", 6), ("ACPKIX", 7), ("IACPKIX", 8),
        ("URI", 253), ("OID", 254),
    ];

    public override ushort Type => RRType.CERT;
    protected override RdataField[] Fields { get; } =
    [
        new NamedNumberField("certificate type", 2, CertificateTypes),
        new UIntField("key tag", 2),
        new NamedNumberField("algorithm", 1, NamedNumberField.DnssecAlgorithmNames),
        new BinaryRestField("certificate", BinaryEncoding.Base64),
    ];
}
