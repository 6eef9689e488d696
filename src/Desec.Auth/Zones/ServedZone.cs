using Desec.Signer.Signing;

namespace Desec.Auth.Zones;

/// <summary>
/// A zone as the query path sees it: the data to answer from (signed when <see cref="Signed"/> is
/// set: RRSIGs and NSEC records live in its nodes) and the signed version's denial chains.
/// </summary>
public sealed class ServedZone
{
    public ServedZone(Zone.Zones.Zone zone) => Zone = zone;

    public ServedZone(SignedZone signed)
    {
        Zone = signed.Zone;
        Signed = signed;
    }

    public Zone.Zones.Zone Zone { get; }

    /// <summary>Every record as transferred: the signed version's (NSEC3 chain included) or the zone's.</summary>
    public IEnumerable<Zone.Records.ResourceRecord> Records => Signed?.Records ?? Zone.Records;
    public SignedZone? Signed { get; }
    public Zone.Names.DnsName Origin => Zone.Origin;
}
