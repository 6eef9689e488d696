using Desec.Zone.Names;
using Desec.Zone.Rdata.Views;
using Desec.Zone.Records;

namespace Desec.Zone.Zones;

/// <summary>Rules about which RRsets may stand where: the apex SOA and NS, and the singleton types CNAME and DNAME.</summary>
internal static class ZoneRules
{
    /// <summary>
    /// Types allowed beside a CNAME: RFC 2181 §10.1 allows SIG, NXT and KEY (DNSSEC of the time);
    /// RFC 4035 §2.5 requires RRSIG and NSEC there and still allows KEY.
    /// </summary>
    public static bool AllowedBesideCname(ushort type) =>
        type is RRType.CNAME or RRType.RRSIG or RRType.NSEC or RRType.SIG or RRType.NXT or RRType.KEY;

    /// <summary>Checks every owner; returns the SOA serial, or null when there is no usable SOA.</summary>
    public static uint? Check(DnsName origin, List<PendingOwner> owners, ZoneBuildResult result)
    {
        uint? serial = null;
        var apex = owners.Find(o => o.Name == origin);
        foreach (var owner in owners)
        {
            var soa = owner.Find(RRType.SOA);
            if (soa is not null && owner != apex)
            {
                result.Errors.Add(new(soa.First.Location, owner.Name,
                    $"SOA record below the apex: a zone has exactly one SOA, at its origin {origin} (RFC 1035 §5.2)"));
            }
            CheckSingletons(owner, result);
            if (owner.Name.IsWildcard && owner.Find(RRType.NS) is { } wildcardNs)
            {
                // BIND refuses it too ("invalid NS owner name (wildcard)").
                result.Errors.Add(new(wildcardNs.First.Location, owner.Name,
                    "NS records at a wildcard: a wildcard cannot delegate, the meaning of such NS records is undefined (RFC 4592 §4.2)"));
            }
        }

        var apexSoa = apex?.Find(RRType.SOA);
        if (apexSoa is null)
        {
            result.Errors.Add(new(null, origin, "no SOA record at the apex (RFC 1035 §5.2: exactly one SOA at the top of the zone)"));
        }
        else if (apexSoa.Records.Count > 1)
        {
            result.Errors.Add(new(apexSoa.Records[1].Location, origin,
                $"{apexSoa.Records.Count} SOA records at the apex: a zone has exactly one (RFC 1035 §5.2)"));
        }
        else
        {
            serial = ReadSerial(apexSoa.Set.Rdatas[0]);
            if (serial is null) { result.Errors.Add(new(apexSoa.First.Location, origin, "malformed SOA RDATA")); }
        }
        if (apex?.Find(RRType.NS) is null)
        {
            result.Errors.Add(new(apexSoa?.First.Location, origin, "no NS records at the apex (RFC 1034 §4.2.1)"));
        }
        if (apex?.Find(RRType.DS) is { } apexDs)
        {
            // BIND refuses it too ("DS record at top of zone"): the parent serves the apex DS.
            result.Errors.Add(new(apexDs.First.Location, origin,
                "DS record at the apex: a zone's DS RRset is served by its parent, on the parent side of the cut (RFC 4034 §5, RFC 4035 §2.4)"));
        }
        return serial;
    }

    private static void CheckSingletons(PendingOwner owner, ZoneBuildResult result)
    {
        var cname = owner.Find(RRType.CNAME);
        if (cname is not null)
        {
            if (cname.Records.Count > 1)
            {
                result.Errors.Add(new(cname.Records[1].Location, owner.Name,
                    $"{cname.Records.Count} CNAME records at one name: an alias has exactly one canonical name (RFC 2181 §10.1)"));
            }
            foreach (var other in owner.PendingSets)
            {
                if (AllowedBesideCname(other.Set.Type)) { continue; }
                result.Errors.Add(new(other.First.Location, owner.Name,
                    $"{RRType.ToText(other.Set.Type)} beside a CNAME: a CNAME owner holds no other data"
                    + " except RRSIG and NSEC (RFC 4035 §2.5) or SIG, NXT and KEY (RFC 2181 §10.1)"));
            }
        }
        var dname = owner.Find(RRType.DNAME);
        if (dname is not null && dname.Records.Count > 1)
        {
            result.Errors.Add(new(dname.Records[1].Location, owner.Name,
                $"{dname.Records.Count} DNAME records at one name: a name redirects to one target (RFC 6672 §2.4)"));
        }
    }

    /// <summary>The serial follows MNAME and RNAME in the SOA RDATA (RFC 1035 §3.3.13); null when the RDATA is too short.</summary>
    internal static uint? ReadSerial(ReadOnlySpan<byte> rdata) => SoaView.TryRead(rdata, out var soa) ? soa.Serial : null;
}
