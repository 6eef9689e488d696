using Desec.Auth.Config;
using Desec.Auth.Publishing;
using Desec.Signer.Signing;
using Desec.Zone.Names;
using Microsoft.Extensions.Logging;
using ZoneData = Desec.Zone.Zones.Zone;

namespace Desec.Auth.Sources;

/// <summary>
/// The server's zone sources together: the zone folder and/or the PostgreSQL database. A zone in
/// both stops start-up; one that appears in the other source later stays with the source that
/// served it first (the other is logged, and refused into <c>zone_errors</c> when it is the database's).
/// </summary>
public sealed class ZoneSources(ServerConfig config, ILogger logger) : IAsyncDisposable
{
    private HashSet<DnsName> _servedFromDatabase = [];
    private volatile bool _started;

    public ZoneFileSource? Files { get; } = config.ZonesFolder is { } folder ? new ZoneFileSource(folder, logger) : null;
    public DatabaseZoneSource? Database { get; private set; }

    /// <summary>
    /// Reads every source once; the database's later changes are posted to <paramref name="post"/>.
    /// Throws when the database cannot be read at all; returns the zones that failed on their own.
    /// </summary>
    public async Task<IReadOnlyList<SourceFailure>> LoadAsync(Action<DnsName?, PublishReason> post, CancellationToken cancel)
    {
        var failures = new List<SourceFailure>(Files?.Reload() ?? []);
        if (config.Database is not { } connectionString) { return failures; }
        Database = new DatabaseZoneSource(connectionString, logger, zone => _started && InZoneFolder(zone), post, CheckPolicy, StoredVersion);
        try { failures.AddRange(await Database.LoadAllAsync(cancel)); }
        catch (Npgsql.NpgsqlException e) { throw new ConfigException($"database: cannot read the zones: {e.Message}"); }
        var both = Database.Zones.Select(z => z.Origin).Where(InZoneFolder).ToList();
        if (both.Count > 0)
        {
            throw new ConfigException($"zone {string.Join(", ", both)} is both in the zone folder and in the database; serve each zone from one source");
        }
        return failures;
    }

    /// <summary>Starts following the database live (after the first version of every zone is served).</summary>
    public void Start()
    {
        _started = true;
        Database?.Start();
    }

    /// <summary>
    /// Reads what <paramref name="batch"/> asks for: the zone folder, the database's changed zones,
    /// and the zones named (from whichever source holds them). Returns the zones that failed on their
    /// own; throws <see cref="SourceUnavailableException"/> when the database cannot be reached
    /// (after the folder was read).
    /// </summary>
    public async Task<IReadOnlyList<SourceFailure>> ReadAsync(PublishBatch batch, CancellationToken cancel)
    {
        var failures = new List<SourceFailure>();
        var fromDatabase = Database is null ? [] : batch.Zones.Where(Database.Knows).ToList();
        bool readFolder = batch.ReadFolder || batch.Zones.Count > fromDatabase.Count;
        if (Files is not null && readFolder)
        {
            logger.LogInformation("reloading zones from {Directory}", Files.Directory);
            failures.AddRange(Files.Reload());
        }
        if (Database is not null && (batch.CompareDatabase || fromDatabase.Count > 0 || batch.DatabaseZones.Count > 0))
        {
            failures.AddRange(await Database.ReadAsync([.. fromDatabase, .. batch.DatabaseZones], batch.CompareDatabase, cancel));
        }
        return failures;
    }

    /// <summary>The zones of every source, the last good version of each.</summary>
    public List<ZoneData> All()
    {
        var zones = new List<ZoneData>();
        var fromDatabase = (Database?.Zones ?? []).ToDictionary(z => z.Origin);
        foreach (var zone in Files?.Zones ?? [])
        {
            if (fromDatabase.ContainsKey(zone.Origin) && _servedFromDatabase.Contains(zone.Origin))
            {
                logger.LogError("zone {Zone} is both in the zone folder and in the database; the database's version stays served", zone.Origin);
                continue;
            }
            if (fromDatabase.Remove(zone.Origin))
            {
                logger.LogError("zone {Zone} is both in the zone folder and in the database; the file's version stays served", zone.Origin);
            }
            zones.Add(zone);
        }
        zones.AddRange(fromDatabase.Values);
        _servedFromDatabase = [.. fromDatabase.Keys];
        return zones;
    }

    /// <summary>True for a zone served from the database (its failures also go to <c>zone_errors</c>).</summary>
    public bool IsFromDatabase(DnsName zone) => _servedFromDatabase.Contains(zone) || Database?.Knows(zone) == true && !InZoneFolder(zone);

    /// <summary>The configured policy, with a database zone's policy columns over it.</summary>
    public SigningPolicy PolicyFor(DnsName zone)
    {
        var policy = config.PolicyFor(zone);
        return Database?.PolicyOf(zone) is { } columns ? columns.ApplyTo(policy, $"zones.{zone}") : policy;
    }

    /// <summary>The unsigned records of the signed version kept in the state folder, as a zone; null with why not.</summary>
    private ZoneData? StoredVersion(DnsName zone, out string why)
    {
        var records = new Desec.Signer.Storage.SignedZoneStore(Path.Combine(config.State, "signed")).LastSourceRecords(zone, out why);
        if (records is null) { return null; }
        var built = Desec.Zone.Zones.ZoneBuilder.Build(zone, records);
        if (built.Zone is null) { why = $"the stored version does not make a zone: {built.Errors.FirstOrDefault()}"; }
        return built.Zone;
    }

    private bool InZoneFolder(DnsName zone) => Files?.Zones.Any(z => z.Origin == zone) == true;

    private string? CheckPolicy(DnsName zone, SigningConfig columns)
    {
        try
        {
            columns.ApplyTo(config.PolicyFor(zone), "policy column");
            return null;
        }
        catch (ConfigException e)
        {
            return e.Message;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Database is not null) { await Database.DisposeAsync(); }
    }
}
