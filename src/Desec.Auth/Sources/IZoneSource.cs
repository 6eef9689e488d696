using Desec.Zone.Names;
using ZoneData = Desec.Zone.Zones.Zone;

namespace Desec.Auth.Sources;

/// <summary>Where zones come from (a folder of zone files, a database): the last good version of each zone it holds.</summary>
public interface IZoneSource
{
    /// <summary>For log lines: "zone folder zones", "database".</summary>
    string Name { get; }

    /// <summary>The zones to serve now: the newest version of each that loaded, the previous one where a new one failed.</summary>
    IReadOnlyList<ZoneData> Zones { get; }
}

/// <summary>
/// One zone that could not be read because something went wrong (an exception, not a refusal of bad
/// data): its last good version stays, and the publisher reads it again after a back-off.
/// </summary>
/// <param name="Zone">The zone, when its name is known.</param>
/// <param name="Where">The file, or the database zone's name as written there.</param>
public sealed record SourceFailure(DnsName? Zone, string Where, string Why)
{
    public override string ToString() => $"{Where}: {Why}";
}

/// <summary>A whole source could not be read (the database is unreachable): every zone stays as it is, and it is read again after a back-off.</summary>
public sealed class SourceUnavailableException(string message, Exception inner) : Exception(message, inner);
