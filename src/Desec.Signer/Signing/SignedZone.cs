using Desec.Signer.Denial;
using Desec.Signer.Keys;
using Desec.Zone.Records;
using ZoneData = Desec.Zone.Zones.Zone;

namespace Desec.Signer.Signing;

/// <summary>
/// One signed version of a zone, immutable: the zone with its apex keys, RRSIGs and (with NSEC)
/// the NSEC records, and with NSEC3 the hashed chain kept beside it, since NSEC3 owner names are not
/// names of the zone (RFC 5155 §7.2.8). The chain was built over the same names in the same
/// canonical order, so node indexes agree between <see cref="Zone"/> and <see cref="Nsec3"/>.
/// </summary>
public sealed class SignedZone
{
    internal SignedZone(ZoneData zone, DenialMode denial, NsecChain? nsec, Nsec3Chain? nsec3, RRset[] nsec3Sets,
        RRset[] nsec3Signatures, IReadOnlyList<DnssecKey> keys, DateTimeOffset refreshAt)
    {
        Zone = zone;
        Denial = denial;
        Nsec = nsec;
        Nsec3 = nsec3;
        Nsec3Sets = nsec3Sets;
        Nsec3Signatures = nsec3Signatures;
        Keys = keys;
        RefreshAt = refreshAt;
    }

    public ZoneData Zone { get; }
    public DenialMode Denial { get; }

    /// <summary>The NSEC chain over the unsigned names (its records also sit in <see cref="Zone"/>).</summary>
    public NsecChain? Nsec { get; }

    public Nsec3Chain? Nsec3 { get; }

    /// <summary>For NSEC3 entry i: its NSEC3 RRset and the RRSIG RRset over it.</summary>
    public IReadOnlyList<RRset> Nsec3Sets { get; }
    public IReadOnlyList<RRset> Nsec3Signatures { get; }

    public IReadOnlyList<DnssecKey> Keys { get; }

    /// <summary>When the earliest signature reaches its refresh point: sign again before then.</summary>
    public DateTimeOffset RefreshAt { get; }

    public uint Serial => Zone.Serial;

    /// <summary>Every record, NSEC3 chain included: what a transfer or the <c>sign</c> command writes.</summary>
    public IEnumerable<ResourceRecord> Records
    {
        get
        {
            foreach (var record in Zone.Records) { yield return record; }
            for (int i = 0; i < Nsec3Sets.Count; i++)
            {
                foreach (var record in Nsec3Sets[i].Records) { yield return record; }
                foreach (var record in Nsec3Signatures[i].Records) { yield return record; }
            }
        }
    }
}
