using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Zone.Zones;

/// <summary>
/// Attaches to every delegation the address RRsets of its NS targets that only this zone can give
/// (RFC 9471): targets at or below the cut (in-bailiwick glue, §2.1) and targets below another cut
/// of the zone (sibling glue, §2.2). A target below the cut without any address is warned about:
/// resolvers cannot reach it.
/// </summary>
internal static class GlueFinder
{
    public static void Attach(ZoneNode[] nodes, Func<DnsName, ZoneNode?> find, PendingOwner?[] pending, ZoneBuildResult result)
    {
        foreach (var cut in nodes)
        {
            if (!cut.Is(NodeFlags.Delegation)) { continue; }
            List<RRset> glue = [], sibling = [];
            foreach (var rdata in cut.Find(RRType.NS)!.Rdatas)
            {
                if (!DnsName.TryValidateWire(rdata, out _, out _)) { continue; }
                var target = DnsName.FromWire(rdata);
                bool below = target.IsSubdomainOf(cut.Name);
                var node = find(target);
                var addresses = node is null ? [] : new[] { node.Find(RRType.A), node.Find(RRType.AAAA) }.OfType<RRset>().ToArray();
                if (below)
                {
                    glue.AddRange(addresses);
                    if (addresses.Length == 0)
                    {
                        result.Warnings.Add(new(pending[cut.Index]!.Find(RRType.NS)!.First.Location, cut.Name,
                            $"NS target {target} lies below the cut but has no A or AAAA glue in the zone (RFC 9471 §2.1)"));
                    }
                }
                else if (node is not null && node.Is(NodeFlags.Occluded))
                {
                    sibling.AddRange(addresses);
                }
            }
            cut.Glue = glue;
            cut.SiblingGlue = sibling;
        }
    }
}
