using Desec.Auth.Config;
using Desec.Auth.Zones;
using Desec.Signer.Signing;
using Desec.Zone.Names;
using Microsoft.Extensions.Logging;

namespace Desec.Auth.Publishing;

/// <summary>
/// The catalog zone (RFC 9432) when one is configured: a new version (higher serial) when the set of
/// member zones or their groups changed, the same one otherwise. A new version is only a candidate
/// until the publisher has journaled and served it (<see cref="Commit"/>).
/// </summary>
public sealed class CatalogStep(ServerConfig config, string stateDirectory, ILogger logger)
{
    private ServedZone? _current;
    private string _members = "";

    /// <summary>The catalog's name, or null when none is configured.</summary>
    public DnsName? Name { get; } = config.CatalogName();

    /// <summary>The catalog served now (null before the first one).</summary>
    public ServedZone? Current => _current;

    /// <summary>
    /// The catalog for these member zones and the key that describes them: the current version when
    /// nothing changed, a new one otherwise. Throws when the new serial cannot be recorded.
    /// </summary>
    public (ServedZone Catalog, string Members) For(IEnumerable<DnsName> zones)
    {
        var name = Name ?? throw new InvalidOperationException("no catalog zone is configured");
        var members = zones.Where(o => o != name).Order().ToList();
        string key = string.Join('\n', members.Select(m => $"{m} {config.CatalogGroupFor(m)}"));
        if (_current is not null && key == _members) { return (_current, key); }
        uint serial;
        try { serial = new SerialStore(stateDirectory).Next(name, 1); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PublishFailedException($"serial: {e.Message}");
        }
        var catalog = new ServedZone(Catalog.CatalogZone.Build(name, serial, members, config.CatalogGroupFor));
        logger.LogInformation("catalog zone {Catalog}: serial {Serial}, {Members} member zones", name, serial, members.Count);
        return (catalog, key);
    }

    /// <summary>The candidate from <see cref="For"/> is served now.</summary>
    public void Commit(ServedZone catalog, string members)
    {
        _current = catalog;
        _members = members;
    }
}
