using Desec.Signer.Algorithms;
using Desec.Signer.Denial;
using Desec.Signer.Keys;

namespace Desec.Signer.Signing;

public enum DenialMode { Nsec, Nsec3 }

/// <summary>How a zone is signed. The defaults are the project's: CSK with ECDSAP256SHA256, NSEC3 `1 0 0 -` (RFC 9276).</summary>
public sealed record SigningPolicy
{
    public DnssecAlgorithm Algorithm { get; init; } = DnssecAlgorithm.Default;
    public DenialMode Denial { get; init; } = DenialMode.Nsec3;
    public Nsec3Parameters Nsec3 { get; init; } = Nsec3Parameters.Default;

    /// <summary>Signature validity (expiration minus now).</summary>
    public TimeSpan SignatureValidity { get; init; } = TimeSpan.FromDays(21);

    /// <summary>How far back inception is set, for clocks that lag (RFC 4035 §5.3.1 checks inception).</summary>
    public TimeSpan InceptionOffset { get; init; } = TimeSpan.FromHours(1);

    /// <summary>A signature with less than this share of its validity left is replaced.</summary>
    public double RefreshRemaining { get; init; } = 1.0 / 3;

    /// <summary>
    /// Expirations are spread over up to this share of the validity, so that signatures do not all
    /// come due at the same moment and re-signing happens a little at a time.
    /// </summary>
    public double ExpirationJitter { get; init; } = 0.1;

    /// <summary>TTL of the merged DNSKEY, CDS and CDNSKEY RRsets (RFC 8901 §8: one TTL for the merged set).</summary>
    public uint KeyTtl { get; init; } = 3600;

    /// <summary>Digest types of the CDS records published for SEP keys (RFC 8078).</summary>
    public IReadOnlyList<byte> CdsDigestTypes { get; init; } = [DsRecord.Sha256];

    /// <summary>Publish CDS/CDNSKEY for provisioned DNSKEYs with the SEP flag too (RFC 8901 §8).</summary>
    public bool PublishProvisionedSepCds { get; init; } = true;

    /// <summary>Publish an apex CSYNC (RFC 7477) that follows every serial bump.</summary>
    public bool Csync { get; init; } = true;

    /// <summary>Set the CSYNC soaminimum flag (RFC 7477 §2.1.1.2).</summary>
    public bool CsyncSoaMinimum { get; init; }
}
