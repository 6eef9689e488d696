using Desec.Signer.Algorithms;
using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Signer.Keys;

/// <summary>
/// One key of a zone: its DNSKEY RDATA and key tag, the private key that signs with it, its role
/// and times. Immutable; the signing key is thread-safe.
/// </summary>
public sealed class DnssecKey
{
    private readonly byte[] _dnskeyRdata;

    public DnssecKey(DnsName zone, ushort flags, SigningKey signingKey, KeyRole role, KeyTimes times)
    {
        if ((flags & Keys.DnskeyRdata.ZoneKeyFlag) == 0)
        {
            throw new DnssecKeyException($"flags {flags} lack the Zone Key bit (RFC 4034 §2.1.1): such a key cannot sign a zone");
        }
        Zone = zone;
        Flags = flags;
        SigningKey = signingKey;
        Role = role;
        Times = times;
        _dnskeyRdata = Keys.DnskeyRdata.Build(flags, signingKey);
        KeyTag = Keys.KeyTag.Compute(_dnskeyRdata);
    }

    public DnsName Zone { get; }
    public ushort Flags { get; }
    public DnssecAlgorithm Algorithm => SigningKey.Algorithm;
    public ushort KeyTag { get; }
    public SigningKey SigningKey { get; }
    public KeyRole Role { get; }
    public KeyTimes Times { get; }
    public DateTimeOffset Created => Times.Created;

    /// <summary>True for flags 257: the key a DS at the parent points at.</summary>
    public bool IsSecureEntryPoint => (Flags & Keys.DnskeyRdata.SecureEntryPointFlag) != 0;

    /// <summary>Signs the DNSKEY RRset (and CDS/CDNSKEY): a CSK or a KSK.</summary>
    public bool SignsKeys => Role is KeyRole.Csk or KeyRole.Ksk;

    /// <summary>Signs the zone's other RRsets: a CSK or a ZSK.</summary>
    public bool SignsZone => Role is KeyRole.Csk or KeyRole.Zsk;

    /// <summary>The DNSKEY RDATA (also the CDNSKEY RDATA, RFC 7344 §3.2).</summary>
    public ReadOnlySpan<byte> DnskeyRdata => _dnskeyRdata;

    /// <summary>The DS RDATA for this key (also the CDS RDATA, RFC 7344 §3.1).</summary>
    public byte[] DsRdata(byte digestType = DsRecord.Sha256) => DsRecord.Compute(Zone, _dnskeyRdata, digestType);

    public ResourceRecord ToDnskey(uint ttl) => new(Zone, RRType.DNSKEY, ttl, _dnskeyRdata.ToArray());

    public ResourceRecord ToCdnskey(uint ttl) => new(Zone, RRType.CDNSKEY, ttl, _dnskeyRdata.ToArray());

    public ResourceRecord ToDs(uint ttl, byte digestType = DsRecord.Sha256) => new(Zone, RRType.DS, ttl, DsRdata(digestType));

    public ResourceRecord ToCds(uint ttl, byte digestType = DsRecord.Sha256) => new(Zone, RRType.CDS, ttl, DsRdata(digestType));

    /// <summary>BIND's file name without extension: <c>K&lt;zone&gt;+&lt;alg&gt;+&lt;tag&gt;</c>.</summary>
    public string FileBaseName => BindKeyFileName.Of(Zone, Algorithm.Number, KeyTag);

    public override string ToString() => $"{Zone} {Role} {Algorithm.Mnemonic} tag {KeyTag} flags {Flags}";
}
