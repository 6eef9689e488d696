using Desec.Zone.Names;

namespace Desec.Zone.Zones;

/// <summary>A refusal or a warning about zone content, with the record's location when known.</summary>
public sealed record ZoneProblem(string? Location, DnsName? Owner, string Message)
{
    public override string ToString() =>
        (Location is null ? "" : Location + ": ") + (Owner is null ? "" : Owner + ": ") + Message;
}
