using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Zone.Zones;

/// <summary>
/// Validates records and builds a <see cref="Zone"/>. Every error is collected (not only the
/// first); with any error there is no zone. Warnings do not stop the build.
/// </summary>
public static class ZoneBuilder
{
    public static ZoneBuildResult Build(DnsName origin, IEnumerable<ResourceRecord> records)
    {
        var problems = new ZoneBuildResult();
        var owners = RRsetCollector.Collect(origin, records, problems);
        uint? serial = ZoneRules.Check(origin, owners, problems);

        var nodes = NodeTreeBuilder.Build(origin, owners);
        var byKey = new NodeIndex(nodes);
        // The owner behind each node, by node index (empty non-terminals have none).
        var pending = new PendingOwner?[nodes.Length];
        foreach (var owner in owners) { pending[owner.Node.Index] = owner; }
        Occlusion.Apply(nodes, pending, problems);
        AdditionalTargetFinder.Attach(nodes, byKey, pending, problems);

        if (problems.Errors.Count > 0 || serial is null) { return problems; }
        var result = new ZoneBuildResult { Zone = new Zone(origin, nodes, byKey, serial.Value) };
        result.Warnings.AddRange(problems.Warnings);
        return result;
    }
}
