using System.Security.Cryptography;

namespace Desec.Signer.Algorithms;

/// <summary>RSASHA256 private key (RFC 5702 §3): PKCS #1 v1.5 signatures over SHA-256, with the framework's RSA.</summary>
internal sealed class RsaSigningKey : SigningKey
{
    /// <summary>The modulus size of generated keys when none is asked for (RFC 8624 §3.1 and common practice).</summary>
    public const int DefaultModulusBits = 2048;

    private readonly InstancePool<RSA> _pool;
    private readonly RSAParameters _parameters;

    private RsaSigningKey(RsaVerifyingKey publicPart, RSAParameters parameters) : base(publicPart)
    {
        _parameters = parameters;
        _pool = new InstancePool<RSA>(() => RSA.Create(parameters));
    }

    public override int SignatureSize => ((RsaVerifyingKey)Public).ModulusLength;

    /// <summary>All private parameters, as .NET exports them (fixed lengths), for BIND's .private file.</summary>
    internal RSAParameters Parameters => _parameters;

    public static RsaSigningKey Generate(int modulusBits = DefaultModulusBits)
    {
        if (modulusBits < RsaPublicKeyField.MinModulusBits || modulusBits > RsaPublicKeyField.MaxModulusBits)
        {
            throw new DnssecKeyException(
                $"RSASHA256 keys have {RsaPublicKeyField.MinModulusBits} to {RsaPublicKeyField.MaxModulusBits} bits, not {modulusBits} (RFC 5702 §2)");
        }
        using var rsa = RSA.Create(modulusBits);
        return FromParameters(rsa.ExportParameters(includePrivateParameters: true));
    }

    /// <summary>
    /// The key of the given private parameters (as in a BIND .private file: big-endian integers,
    /// leading zeros optional). The framework wants D as long as the modulus and the CRT values half
    /// that, so they are left-padded; a key whose parts do not fit together is refused.
    /// </summary>
    public static RsaSigningKey FromParameters(RSAParameters given)
    {
        if (given.Modulus is null || given.Exponent is null || given.D is null || given.P is null || given.Q is null
            || given.DP is null || given.DQ is null || given.InverseQ is null)
        {
            throw new DnssecKeyException("an RSA private key needs modulus, public and private exponents, both primes, both CRT exponents and the coefficient");
        }
        var modulus = RsaPublicKeyField.TrimLeadingZeros(given.Modulus).ToArray();
        int half = (modulus.Length + 1) / 2;
        var parameters = new RSAParameters
        {
            Modulus = modulus,
            Exponent = RsaPublicKeyField.TrimLeadingZeros(given.Exponent).ToArray(),
            D = Pad(given.D, modulus.Length, "private exponent"),
            P = Pad(given.P, half, "prime 1"),
            Q = Pad(given.Q, half, "prime 2"),
            DP = Pad(given.DP, half, "exponent 1"),
            DQ = Pad(given.DQ, half, "exponent 2"),
            InverseQ = Pad(given.InverseQ, half, "coefficient"),
        };
        var publicPart = RsaVerifyingKey.Create(DnssecAlgorithm.RsaSha256, parameters);
        var key = new RsaSigningKey(publicPart, parameters);
        try
        {
            // Importing checks that the parts fit together; a signature that verifies checks the rest.
            byte[] probe = "desec key check"u8.ToArray();
            if (!key.Verify(probe, key.Sign(probe))) { throw new DnssecKeyException("the RSA private key does not match its public key"); }
        }
        catch (Exception e) when (e is CryptographicException or DnssecKeyException)
        {
            key.Dispose();
            throw e as DnssecKeyException ?? new DnssecKeyException("the RSA private key is not consistent", e);
        }
        return key;
    }

    private static byte[] Pad(byte[] value, int length, string what)
    {
        var trimmed = RsaPublicKeyField.TrimLeadingZeros(value);
        if (trimmed.Length > length) { throw new DnssecKeyException($"the RSA {what} is longer than the modulus allows"); }
        var padded = new byte[length];
        trimmed.CopyTo(padded.AsSpan(length - trimmed.Length));
        return padded;
    }

    public override int Sign(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        CheckDestination(destination);
        var rsa = _pool.Rent();
        try
        {
            if (!rsa.TrySignData(data, destination, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, out int written))
            {
                throw new CryptographicException("RSA signing failed");
            }
            return written;
        }
        finally
        {
            _pool.Return(rsa);
        }
    }

    public override void Dispose()
    {
        _pool.Dispose();
        ((RsaVerifyingKey)Public).Dispose();
        base.Dispose();
    }
}
