using Desec.Zone.Names;
using Desec.Zone.Rdata.Views;
using Desec.Zone.Records;

namespace Desec.Zone.Zones;

/// <summary>
/// Works out, once per zone version, which nodes' addresses follow each NS, MX and SRV RRset in
/// the additional section (RFC 1034 §3.6 and §4.3.2 step 6, RFC 2782, RFC 9471), so that the query
/// path reads a list instead of looking target names up. A target is a node of this zone with an
/// A or AAAA RRset; each one is listed once per RRset, in RDATA order. Only NS records lead to
/// data that is not authoritative (glue): the targets of MX and SRV below a cut are left out. A
/// cut's NS target below the cut without any address is warned about: resolvers cannot reach it.
/// </summary>
internal static class AdditionalTargetFinder
{
    private static readonly ushort[] TypesWithTargets = [RRType.NS, RRType.MX, RRType.SRV];

    public static void Attach(ZoneNode[] nodes, NodeIndex index, PendingOwner?[] pending, ZoneBuildResult result)
    {
        var targets = new List<AdditionalTarget>();
        foreach (var node in nodes)
        {
            // Occluded names are never answered from, so their RRsets need no additional data.
            if (node.Is(NodeFlags.Occluded)) { continue; }
            targets.Clear();
            foreach (ushort type in TypesWithTargets)
            {
                if (node.Find(type) is not { } set) { continue; }
                int first = targets.Count;
                foreach (var rdata in set.Rdatas)
                {
                    if (!TargetNameView.TryRead(type, rdata, out var target)) { continue; }
                    var found = index.Find(target.Name);
                    bool belowCut = type == RRType.NS && node.Is(NodeFlags.Delegation) && IsAtOrBelow(target.Name, node.Name);
                    if (belowCut && (found is null || !HasAddress(found)))
                    {
                        result.Warnings.Add(new(pending[node.Index]!.Find(RRType.NS)!.First.Location, node.Name,
                            $"NS target {DnsName.FromWire(target.Name)} lies below the cut but has no A or AAAA glue in the zone (RFC 9471 §2.1)"));
                    }
                    if (found is null || !HasAddress(found) || Listed(targets, first, found.Index)) { continue; }
                    var kind = belowCut ? TargetKind.Glue : IsAuthoritative(found) ? TargetKind.Authoritative : TargetKind.Occluded;
                    if (kind == TargetKind.Occluded && type != RRType.NS) { continue; }
                    targets.Add(new AdditionalTarget(type, kind, found.Index));
                }
            }
            if (targets.Count > 0) { node.Additional = [.. targets]; }
        }
    }

    /// <summary>Data at a cut other than NS and DS, and everything below a cut, is not authoritative (RFC 1034 §4.2.1).</summary>
    private static bool IsAuthoritative(ZoneNode node) => !node.Is(NodeFlags.Occluded) && !node.Is(NodeFlags.Delegation);

    private static bool HasAddress(ZoneNode node) => node.Find(RRType.A) is not null || node.Find(RRType.AAAA) is not null;

    private static bool Listed(List<AdditionalTarget> targets, int first, int node)
    {
        for (int i = first; i < targets.Count; i++)
        {
            if (targets[i].Node == node) { return true; }
        }
        return false;
    }

    private static bool IsAtOrBelow(ReadOnlySpan<byte> name, DnsName ancestor) =>
        name.Length >= ancestor.Length && DnsName.AsciiEqualsIgnoreCase(name[^ancestor.Length..], ancestor.Wire)
        && IsLabelBoundary(name, name.Length - ancestor.Length);

    /// <summary>Whether a label starts at <paramref name="offset"/> of the wire name (not inside a label's octets).</summary>
    private static bool IsLabelBoundary(ReadOnlySpan<byte> name, int offset)
    {
        int pos = 0;
        while (pos < offset) { pos += 1 + name[pos]; }
        return pos == offset;
    }
}
