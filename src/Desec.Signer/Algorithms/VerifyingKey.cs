namespace Desec.Signer.Algorithms;

/// <summary>
/// A public key taken from DNSKEY RDATA alone, that checks signatures. Used to check provisioned
/// keys and signatures made by other signers; a <see cref="SigningKey"/> has one for its own key.
/// Thread-safe.
/// </summary>
public abstract class VerifyingKey
{
    private readonly byte[] _publicKey;

    private protected VerifyingKey(DnssecAlgorithm algorithm, byte[] publicKey)
    {
        Algorithm = algorithm;
        _publicKey = publicKey;
    }

    public DnssecAlgorithm Algorithm { get; }

    /// <summary>The DNSKEY public key field: RFC 3110 §2 (RSA), RFC 6605 §4 (ECDSA), RFC 8080 §3 (EdDSA).</summary>
    public ReadOnlyMemory<byte> PublicKey => _publicKey;

    /// <summary>True when <paramref name="signature"/> (as it appears in an RRSIG) signs <paramref name="data"/>.</summary>
    public abstract bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);

    /// <summary>
    /// The key of DNSKEY (or CDNSKEY) RDATA: flags (2), protocol (1), algorithm (1), public key
    /// (RFC 4034 §2.1). Throws <see cref="DnssecKeyException"/> when the RDATA is too short, the
    /// protocol is not 3, the algorithm is not implemented or the key does not fit it.
    /// </summary>
    public static VerifyingKey FromDnskeyRdata(ReadOnlySpan<byte> rdata)
    {
        if (rdata.Length < 5) { throw new DnssecKeyException($"DNSKEY RDATA of {rdata.Length} octets is too short"); }
        // RFC 4034 §2.1.2: the protocol field MUST be 3.
        if (rdata[2] != 3) { throw new DnssecKeyException($"DNSKEY protocol is {rdata[2]}, not 3"); }
        return FromPublicKey(rdata[3], rdata[4..]);
    }

    /// <summary>The key of algorithm number <paramref name="algorithmNumber"/> from its DNSKEY public key field.</summary>
    public static VerifyingKey FromPublicKey(byte algorithmNumber, ReadOnlySpan<byte> publicKey)
    {
        var algorithm = DnssecAlgorithm.FromNumber(algorithmNumber) ?? throw Unsupported(algorithmNumber);
        return FromPublicKey(algorithm, publicKey);
    }

    public static VerifyingKey FromPublicKey(DnssecAlgorithm algorithm, ReadOnlySpan<byte> publicKey)
    {
        if (algorithm.PublicKeySize is { } size && publicKey.Length != size)
        {
            throw new DnssecKeyException(
                $"a {algorithm.Mnemonic} public key has {size} octets, this one {publicKey.Length}");
        }
        return algorithm.Number switch
        {
            8 => RsaVerifyingKey.FromDnskeyField(algorithm, publicKey),
            13 or 14 => EcdsaVerifyingKey.FromDnskeyField(algorithm, publicKey),
            15 or 16 => EdDsaVerifyingKey.FromDnskeyField(algorithm, publicKey),
            _ => throw Unsupported(algorithm.Number),
        };
    }

    internal static DnssecKeyException Unsupported(byte number)
    {
        string? name = DnssecAlgorithm.MnemonicOf(number);
        return new DnssecKeyException(name is null
            ? $"algorithm {number} is not assigned"
            : $"algorithm {number} ({name}) is not implemented; use one of {string.Join(", ", DnssecAlgorithm.All)}");
    }

    public override string ToString() => $"{Algorithm.Mnemonic} public key ({_publicKey.Length} octets)";
}
