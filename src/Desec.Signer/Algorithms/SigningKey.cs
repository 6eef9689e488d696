namespace Desec.Signer.Algorithms;

/// <summary>
/// A private key that makes DNSSEC signatures in the form RRSIG carries them (RFC 4034 §3.1.8.1):
/// PKCS #1 v1.5 for RSA (RFC 5702 §3), r|s for ECDSA (RFC 6605 §4), the RFC 8032 signature for
/// EdDSA (RFC 8080 §4). Thread-safe: many threads may sign with one key at once.
/// </summary>
public abstract class SigningKey : IDisposable
{
    private protected SigningKey(VerifyingKey publicPart) => Public = publicPart;

    /// <summary>The public half, which also checks signatures.</summary>
    public VerifyingKey Public { get; }

    public DnssecAlgorithm Algorithm => Public.Algorithm;

    /// <summary>The DNSKEY public key field of this key.</summary>
    public ReadOnlyMemory<byte> PublicKey => Public.PublicKey;

    /// <summary>Octets every signature of this key has.</summary>
    public abstract int SignatureSize { get; }

    /// <summary>Signs <paramref name="data"/> (the RRSIG signing input of RFC 4034 §3.1.8.1).</summary>
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        var signature = new byte[SignatureSize];
        int written = Sign(data, signature);
        return written == signature.Length ? signature : signature[..written];
    }

    /// <summary>
    /// Signs into <paramref name="destination"/>, which must hold <see cref="SignatureSize"/>
    /// octets; returns the number written.
    /// </summary>
    public abstract int Sign(ReadOnlySpan<byte> data, Span<byte> destination);

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) => Public.Verify(data, signature);

    private protected void CheckDestination(Span<byte> destination)
    {
        if (destination.Length < SignatureSize)
        {
            throw new ArgumentException(
                $"a {Algorithm.Mnemonic} signature needs {SignatureSize} octets, the destination has {destination.Length}",
                nameof(destination));
        }
    }

    /// <summary>
    /// The key of an ECDSA private scalar d (RFC 6605) or an RFC 8032 EdDSA private key (RFC 8080),
    /// as BIND's <c>PrivateKey:</c> line holds them; the public key is derived.
    /// </summary>
    public static SigningKey FromPrivateKey(DnssecAlgorithm algorithm, ReadOnlySpan<byte> privateKey) => algorithm.Number switch
    {
        13 or 14 => EcdsaSigningKey.FromPrivateScalar(algorithm, privateKey),
        15 or 16 => EdDsaSigningKey.FromPrivateBytes(algorithm, privateKey),
        _ => throw new DnssecKeyException($"{algorithm.Mnemonic} keys are not a single private value"),
    };

    /// <summary>An RSASHA256 key from its private parameters (big-endian integers, leading zeros optional).</summary>
    public static SigningKey FromRsaParameters(System.Security.Cryptography.RSAParameters parameters) =>
        RsaSigningKey.FromParameters(parameters);

    /// <summary>A new random key; <paramref name="rsaModulusBits"/> applies to RSASHA256 only.</summary>
    public static SigningKey Generate(DnssecAlgorithm algorithm, int rsaModulusBits = RsaSigningKey.DefaultModulusBits) => algorithm.Number switch
    {
        8 => RsaSigningKey.Generate(rsaModulusBits),
        13 or 14 => EcdsaSigningKey.Generate(algorithm),
        15 or 16 => EdDsaSigningKey.Generate(algorithm),
        _ => throw VerifyingKey.Unsupported(algorithm.Number),
    };

    public virtual void Dispose() => GC.SuppressFinalize(this);

    public override string ToString() => $"{Algorithm.Mnemonic} private key";
}
