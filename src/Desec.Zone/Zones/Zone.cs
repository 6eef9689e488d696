using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Zone.Zones;

/// <summary>An immutable version of a zone, ready for the query path. (Stub: the zone issue fills it.)</summary>
public sealed class Zone
{
    public required DnsName Origin { get; init; }
    public uint Serial { get; init; }
    public int RecordCount { get; init; }

    /// <summary>Every record, in canonical order: owner (RFC 4034 §6.1), then type, then RDATA.</summary>
    public IEnumerable<ResourceRecord> Records => throw new NotImplementedException();
}
