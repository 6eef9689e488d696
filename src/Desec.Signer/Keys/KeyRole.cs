namespace Desec.Signer.Keys;

/// <summary>What a key signs.</summary>
public enum KeyRole
{
    /// <summary>Combined signing key: signs every RRset, DNSKEY included; the parent's DS points at it.</summary>
    Csk,

    /// <summary>Key-signing key: signs the DNSKEY, CDS and CDNSKEY RRsets; the parent's DS points at it.</summary>
    Ksk,

    /// <summary>Zone-signing key: signs every other RRset.</summary>
    Zsk,
}
