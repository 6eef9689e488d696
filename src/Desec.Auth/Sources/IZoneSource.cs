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
