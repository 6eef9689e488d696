using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Zone.Zones;

/// <summary>A refusal or a warning about zone content, with the record's location when known.</summary>
public sealed record ZoneProblem(string? Location, DnsName? Owner, string Message)
{
    public override string ToString() =>
        (Location is null ? "" : Location + ": ") + (Owner is null ? "" : Owner + ": ") + Message;
}

public sealed class ZoneBuildResult
{
    public Zone? Zone { get; init; }
    public List<ZoneProblem> Errors { get; } = [];
    public List<ZoneProblem> Warnings { get; } = [];
    public bool Success => Zone is not null && Errors.Count == 0;
}

/// <summary>Validates records and builds a <see cref="Zone"/>. (Stub: the zone issue fills it.)</summary>
public static class ZoneBuilder
{
    public static ZoneBuildResult Build(DnsName origin, IEnumerable<ResourceRecord> records) =>
        throw new NotImplementedException();
}
