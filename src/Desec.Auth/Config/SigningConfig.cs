using Desec.Signer.Algorithms;
using Desec.Signer.Denial;
using Desec.Signer.Keys;
using Desec.Signer.Signing;

namespace Desec.Auth.Config;

/// <summary>
/// DNSSEC policy as written in the config file (<c>"signing"</c> for every zone, and per zone in
/// <c>"zone-signing"</c>). Absent keys take the defaults of <see cref="SigningPolicy"/>.
/// </summary>
public sealed record SigningConfig
{
    public string? Algorithm { get; init; }
    public string? Denial { get; init; }
    public string? Nsec3Parameters { get; init; }
    public double? SignatureValidityDays { get; init; }
    public double? InceptionOffsetHours { get; init; }
    public double? RefreshRemaining { get; init; }
    public uint? KeyTtl { get; init; }
    public List<byte>? CdsDigestTypes { get; init; }
    public bool? PublishProvisionedSepCds { get; init; }
    public bool? Csync { get; init; }
    public bool? CsyncSoaminimum { get; init; }

    /// <summary>
    /// Applies these settings over <paramref name="basis"/>; a bad value is a <see cref="ConfigException"/>
    /// that names its key (and nothing else escapes: these values come from config files and database rows).
    /// </summary>
    public SigningPolicy ApplyTo(SigningPolicy basis, string where)
    {
        try { return Apply(basis, where); }
        catch (Exception e) when (e is ArgumentException or OverflowException or FormatException)
        {
            // A value that passed the checks below but that the policy still cannot take: a missed check, refused all the same.
            throw new ConfigException($"{where}: {e.Message}");
        }
    }

    /// <summary>Advice (not errors) about the settings as applied over <paramref name="basis"/>, each naming its key.</summary>
    public IEnumerable<string> Advice(SigningPolicy basis, string where)
    {
        var policy = ApplyTo(basis, where);
        if (Nsec3Parameters is not null && policy.Denial == DenialMode.Nsec3 && policy.Nsec3.Advice is { } advice)
        {
            yield return $"{where}.nsec3-parameters: {advice}";
        }
    }

    private SigningPolicy Apply(SigningPolicy basis, string where)
    {
        var policy = basis;
        if (Algorithm is not null)
        {
            var algorithm = DnssecAlgorithm.All.FirstOrDefault(a =>
                string.Equals(a.Mnemonic, Algorithm, StringComparison.OrdinalIgnoreCase) || a.Number.ToString() == Algorithm)
                ?? throw new ConfigException($"{where}.algorithm: '{Algorithm}' is not one of {string.Join(", ", DnssecAlgorithm.All.Select(a => $"{a.Number} ({a.Mnemonic})"))}");
            policy = policy with { Algorithm = algorithm };
        }
        if (Denial is not null)
        {
            policy = policy with
            {
                Denial = Denial.ToLowerInvariant() switch
                {
                    "nsec" => DenialMode.Nsec,
                    "nsec3" => DenialMode.Nsec3,
                    _ => throw new ConfigException($"{where}.denial: '{Denial}' is neither nsec nor nsec3"),
                },
            };
        }
        if (Nsec3Parameters is not null)
        {
            try { policy = policy with { Nsec3 = Signer.Denial.Nsec3Parameters.Parse(Nsec3Parameters) }; }
            catch (FormatException e) { throw new ConfigException($"{where}.nsec3-parameters: {e.Message}"); }
        }
        // Written so that NaN fails them too (every comparison with NaN is false).
        if (SignatureValidityDays is { } days)
        {
            if (!(days >= 1 && days <= 365)) { throw new ConfigException($"{where}.signature-validity-days: {days} is outside 1..365"); }
            policy = policy with { SignatureValidity = TimeSpan.FromDays(days) };
        }
        if (InceptionOffsetHours is { } hours)
        {
            if (!(hours >= 0 && hours <= 48)) { throw new ConfigException($"{where}.inception-offset-hours: {hours} is outside 0..48"); }
            policy = policy with { InceptionOffset = TimeSpan.FromHours(hours) };
        }
        if (RefreshRemaining is { } share)
        {
            if (!(share > 0 && share < 0.9)) { throw new ConfigException($"{where}.refresh-remaining: {share} must be above 0 and below 0.9"); }
            policy = policy with { RefreshRemaining = share };
        }
        if (KeyTtl is { } ttl)
        {
            // RFC 2181 §8: a TTL is at most 2^31 - 1.
            if (ttl > int.MaxValue) { throw new ConfigException($"{where}.key-ttl: {ttl} is above 2147483647 (RFC 2181 §8)"); }
            policy = policy with { KeyTtl = ttl };
        }
        if (CdsDigestTypes is { } digests)
        {
            foreach (var digest in digests)
            {
                if (DsRecord.DigestLength(digest) is null) { throw new ConfigException($"{where}.cds-digest-types: {digest} is not a digest type"); }
            }
            policy = policy with { CdsDigestTypes = digests.ToArray() };
        }
        if (PublishProvisionedSepCds is { } publish) { policy = policy with { PublishProvisionedSepCds = publish }; }
        if (Csync is { } csync) { policy = policy with { Csync = csync }; }
        if (CsyncSoaminimum is { } soaMinimum) { policy = policy with { CsyncSoaMinimum = soaMinimum }; }
        return policy;
    }
}
