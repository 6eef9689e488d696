namespace Desec.Signer.Algorithms;

/// <summary>
/// A DNSSEC signing algorithm this signer implements: its number in the DNSKEY/RRSIG/DS
/// algorithm field (IANA "DNS Security Algorithm Numbers"), its mnemonic, and the sizes its
/// public key and signature have on the wire where the algorithm fixes them.
/// </summary>
/// <remarks>
/// The set is what RFC 8624 §3.1 says a signer may use: RSASHA256 (8), ECDSAP256SHA256 (13),
/// ECDSAP384SHA384 (14), ED25519 (15) and ED448 (16). Older algorithms (RSASHA1 and the like) are
/// only named here so that messages about keys of those algorithms can say what they are.
/// </remarks>
public sealed class DnssecAlgorithm
{
    private DnssecAlgorithm(byte number, string mnemonic, int? publicKeySize, int? signatureSize)
    {
        Number = number;
        Mnemonic = mnemonic;
        PublicKeySize = publicKeySize;
        SignatureSize = signatureSize;
    }

    /// <summary>RFC 5702: RSA/SHA-256, PKCS #1 v1.5 signatures; key and signature sizes follow the modulus.</summary>
    public static readonly DnssecAlgorithm RsaSha256 = new(8, "RSASHA256", null, null);

    /// <summary>RFC 6605: ECDSA on P-256 with SHA-256; public key x|y (64 octets), signature r|s (64 octets).</summary>
    public static readonly DnssecAlgorithm EcdsaP256Sha256 = new(13, "ECDSAP256SHA256", 64, 64);

    /// <summary>RFC 6605: ECDSA on P-384 with SHA-384; public key x|y (96 octets), signature r|s (96 octets).</summary>
    public static readonly DnssecAlgorithm EcdsaP384Sha384 = new(14, "ECDSAP384SHA384", 96, 96);

    /// <summary>RFC 8080: Ed25519; 32-octet public key, 64-octet signature.</summary>
    public static readonly DnssecAlgorithm Ed25519 = new(15, "ED25519", 32, 64);

    /// <summary>RFC 8080: Ed448; 57-octet public key, 114-octet signature.</summary>
    public static readonly DnssecAlgorithm Ed448 = new(16, "ED448", 57, 114);

    /// <summary>The default for new keys (the design's choice: small keys and signatures, fast, universally validated).</summary>
    public static DnssecAlgorithm Default => EcdsaP256Sha256;

    public static IReadOnlyList<DnssecAlgorithm> All { get; } = [RsaSha256, EcdsaP256Sha256, EcdsaP384Sha384, Ed25519, Ed448];

    public byte Number { get; }

    /// <summary>The IANA mnemonic, as BIND writes it in a .private file's <c>Algorithm:</c> line.</summary>
    public string Mnemonic { get; }

    /// <summary>Public key field length in a DNSKEY, or null when it depends on the key (RSA).</summary>
    public int? PublicKeySize { get; }

    /// <summary>Signature length in an RRSIG, or null when it depends on the key (RSA: the modulus length).</summary>
    public int? SignatureSize { get; }

    public static DnssecAlgorithm? FromNumber(byte number) => All.FirstOrDefault(a => a.Number == number);

    /// <summary>An implemented algorithm by number or mnemonic (case-insensitive), as an operator would write it.</summary>
    public static bool TryParse(string text, out DnssecAlgorithm algorithm)
    {
        var found = byte.TryParse(text, out byte number)
            ? FromNumber(number)
            : All.FirstOrDefault(a => string.Equals(a.Mnemonic, text, StringComparison.OrdinalIgnoreCase));
        algorithm = found!;
        return found is not null;
    }

    /// <summary>
    /// The mnemonic of any assigned algorithm number (RFC 8624 §3.1 table and IANA), for messages
    /// and BIND's <c>Algorithm: N (NAME)</c> line; null for unassigned numbers.
    /// </summary>
    public static string? MnemonicOf(byte number) => number switch
    {
        1 => "RSAMD5",
        3 => "DSA",
        5 => "RSASHA1",
        6 => "NSEC3DSA",
        7 => "NSEC3RSASHA1",
        8 => "RSASHA256",
        10 => "RSASHA512",
        12 => "ECCGOST",
        13 => "ECDSAP256SHA256",
        14 => "ECDSAP384SHA384",
        15 => "ED25519",
        16 => "ED448",
        17 => "SM2SM3",
        23 => "ECC-GOST12",
        _ => null,
    };

    public override string ToString() => $"{Number} ({Mnemonic})";
}
