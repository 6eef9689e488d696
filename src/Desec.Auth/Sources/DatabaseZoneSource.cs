using Desec.Auth.Config;
using Desec.Auth.Database;
using Desec.Zone.Names;
using Microsoft.Extensions.Logging;
using Npgsql;
using ZoneData = Desec.Zone.Zones.Zone;

namespace Desec.Auth.Sources;

/// <summary>
/// Zones from PostgreSQL, kept live. The triggers raise a zone's <c>version</c> and NOTIFY its name
/// on every committed change; this source LISTENs, reads only the zones whose version moved (all
/// of a zone's rows in one REPEATABLE READ snapshot, so one transaction is one version), and hands
/// the new set to the server. A version whose rows do not make a valid zone is refused: logged,
/// written to <c>zone_errors</c>, and the last good version stays. Losing the connection never
/// stops serving: it reconnects with back-off and then compares every zone's version, since
/// notifications sent while it was away are lost.
/// </summary>
public sealed class DatabaseZoneSource : IZoneSource, IAsyncDisposable
{
    /// <summary>The last good version of a zone kept in the state folder, or null with why there is none.</summary>
    public delegate ZoneData? StoredZone(DnsName zone, out string why);

    private sealed record Good(ZoneData Zone, SigningConfig Policy);

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);
    /// <summary>How long the listening connection may stay silent before it is probed (a lost peer is found this way).</summary>
    private static readonly TimeSpan ProbeAfter = TimeSpan.FromSeconds(5);

    private readonly string _connectionString;
    private readonly ILogger _logger;
    private readonly Func<DnsName, bool> _servedElsewhere;
    private readonly Func<Task> _changed;
    private readonly Func<DnsName, SigningConfig, string?> _checkPolicy;
    private readonly StoredZone? _stored;
    private readonly Lock _lock = new();
    // The version last read of every zone, accepted or refused (a refused version is not read again).
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Good> _good = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private bool _compareAll;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private NpgsqlConnection? _work;
    private Task? _listening;
    private Task? _applying;
    private IReadOnlyList<ZoneData> _zones = [];

    /// <param name="servedElsewhere">True for a zone another source serves: such a zone is refused here.</param>
    /// <param name="changed">Called (never concurrently) after the set of zones changed.</param>
    /// <param name="checkPolicy">Checks a zone's policy columns; returns why they are bad, or null.</param>
    /// <param name="stored">The last good version of a zone kept in the state folder, or null with why not:
    /// served when the zone's version is refused at start-up.</param>
    public DatabaseZoneSource(string connectionString, ILogger logger, Func<DnsName, bool> servedElsewhere,
        Func<Task> changed, Func<DnsName, SigningConfig, string?> checkPolicy, StoredZone? stored = null)
    {
        _stored = stored;
        _connectionString = connectionString;
        _logger = logger;
        _servedElsewhere = servedElsewhere;
        _changed = changed;
        _checkPolicy = checkPolicy;
    }

    public string Name => "database";

    public IReadOnlyList<ZoneData> Zones => Volatile.Read(ref _zones);

    /// <summary>The zone's policy columns, when it comes from the database.</summary>
    public SigningConfig? PolicyOf(DnsName zone)
    {
        lock (_lock) { return _good.TryGetValue(ZoneImport.KeyOf(zone), out var good) ? good.Policy : null; }
    }

    /// <summary>The version counter of the zone as last read, good or refused; for tests and logs.</summary>
    public long? VersionOf(DnsName zone)
    {
        lock (_lock) { return _versions.TryGetValue(ZoneImport.KeyOf(zone), out long v) ? v : null; }
    }

    /// <summary>Reads every zone once; throws when the database cannot be read (start-up stops with the reason).</summary>
    public async Task LoadAllAsync(CancellationToken cancel)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancel);
        if (await Schema.VersionAsync(connection, cancel) < Schema.Latest)
        {
            throw new ConfigException($"database: the schema is at version {await Schema.VersionAsync(connection, cancel)}, "
                + $"this server needs {Schema.Latest}; run `desec-auth db init --db ...`");
        }
        await ReadAndApplyAsync(connection, null, cancel, startUp: true);
    }

    /// <summary>Starts listening for changes, and catching up after every (re)connection.</summary>
    public void Start()
    {
        _applying = Task.Run(() => ApplyLoopAsync(_stop.Token));
        _listening = Task.Run(() => ListenLoopAsync(_stop.Token));
    }

    private async Task ListenLoopAsync(CancellationToken cancel)
    {
        var delay = FirstRetry;
        bool lost = false;
        while (!cancel.IsCancellationRequested)
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(cancel);
                connection.Notification += (_, e) => Enqueue(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Schema.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancel);
                }
                if (lost) { _logger.LogInformation("database connection back; comparing every zone's version"); }
                // Changes committed before LISTEN took effect sent their notifications to nobody.
                CompareAll();
                delay = FirstRetry;
                lost = false;
                while (true)
                {
                    if (!await connection.WaitAsync(ProbeAfter, cancel))
                    {
                        await using var probe = new NpgsqlCommand("SELECT 1", connection);
                        await probe.ExecuteScalarAsync(cancel);
                    }
                }
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogWarning("database connection lost or refused ({Error}); serving from memory, retrying in {Delay} ms",
                    e.Message, (int)delay.TotalMilliseconds);
                lost = true;
                try { await Task.Delay(delay, cancel); } catch (OperationCanceledException) { return; }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LastRetry.Ticks));
            }
        }
    }

    private void Enqueue(string zone)
    {
        lock (_lock) { _pending.Add(zone); }
        _wake.Release();
    }

    private void CompareAll()
    {
        lock (_lock) { _compareAll = true; }
        _wake.Release();
    }

    /// <summary>One batch at a time: everything that was notified meanwhile is read in one snapshot.</summary>
    private async Task ApplyLoopAsync(CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            try { await _wake.WaitAsync(cancel); }
            catch (OperationCanceledException) { return; }
            List<string> names;
            bool all;
            lock (_lock)
            {
                names = [.. _pending];
                all = _compareAll;
                _pending.Clear();
                _compareAll = false;
            }
            if (names.Count == 0 && !all) { continue; }
            try
            {
                try
                {
                    await ApplyAsync(names, all, cancel);
                }
                catch (Exception e) when (e is NpgsqlException or IOException && _work is not null && !cancel.IsCancellationRequested)
                {
                    // A kept connection may have died quietly (a database restart): try once more on a new one.
                    await _work!.DisposeAsync();
                    _work = null;
                    await ApplyAsync(names, all, cancel);
                }
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The listener reconnects and asks for a full comparison; until then, nothing is lost here.
                _logger.LogWarning("reading changed zones from the database failed ({Error}); the served versions stay", e.Message);
                if (_work is not null) { await _work.DisposeAsync(); _work = null; }
                lock (_lock) { _compareAll = true; }
                _ = Task.Delay(FirstRetry * 5, cancel).ContinueWith(_ => _wake.Release(), TaskScheduler.Default);
            }
        }
    }

    private async Task ApplyAsync(List<string> names, bool all, CancellationToken cancel)
    {
        if (_work is null)
        {
            _work = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString);
            await _work.OpenAsync(cancel);
        }
        if (all) { names = await ChangedVersionsAsync(_work, cancel); }
        if (names.Count > 0 && await ReadAndApplyAsync(_work, names, cancel)) { await _changed(); }
    }

    /// <summary>Zones whose version differs from the one last read, new zones, and zones that are gone.</summary>
    private async Task<List<string>> ChangedVersionsAsync(NpgsqlConnection connection, CancellationToken cancel)
    {
        var now = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT name, version FROM zones", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancel))
        {
            while (await reader.ReadAsync(cancel)) { now[reader.GetString(0)] = reader.GetInt64(1); }
        }
        lock (_lock)
        {
            var changed = now.Where(kv => !_versions.TryGetValue(kv.Key, out long v) || v != kv.Value).Select(kv => kv.Key).ToList();
            changed.AddRange(_versions.Keys.Where(k => !now.ContainsKey(k)));
            return changed;
        }
    }

    /// <summary>
    /// Reads the zones (all when <paramref name="names"/> is null) in one snapshot, accepts or refuses
    /// each new version, forgets zones that are gone. True when the set of good zones changed.
    /// </summary>
    /// <param name="startUp">The first read: a zone whose version is refused then has no good version in memory,
    /// and serves the one kept in the state folder (what was served before the restart) instead of going dark.</param>
    private async Task<bool> ReadAndApplyAsync(NpgsqlConnection connection, IReadOnlyCollection<string>? names, CancellationToken cancel,
        bool startUp = false)
    {
        var refused = new List<(ZoneRow Zone, IReadOnlyList<RowError> Errors)>();
        bool changed = false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await ZoneRowReader.ReadAsync(connection, names, (row, rows) =>
        {
            seen.Add(row.Name);
            lock (_lock)
            {
                if (_versions.TryGetValue(row.Name, out long known) && known == row.Version) { return; }
            }
            RowsBuild built;
            try
            {
                built = ZoneFromRows.Build(row, rows, forSigning: true, _checkPolicy);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Whatever these rows did to the reader, it is this zone's problem: it is refused like any bad version.
                _logger.LogError(e, "zone {Zone} version {Version}: reading its rows failed", row.Name, row.Version);
                built = new RowsBuild { Origin = DnsName.Root };
                built.Errors.Add(new RowError(null, null, $"the rows could not be read ({e.GetType().Name}: {e.Message})"));
            }
            foreach (var warning in built.Warnings) { _logger.LogWarning("{Warning}", warning); }
            if (built.Zone is not null && _servedElsewhere(built.Origin))
            {
                built.Errors.Add(new RowError(null, null, "the zone is also served from the zone folder; the database's version is not served"));
                built.Zone = null;
            }
            lock (_lock)
            {
                _versions[row.Name] = row.Version;
                if (built.Zone is null)
                {
                    refused.Add((row, built.Errors));
                    if (startUp && !_good.ContainsKey(row.Name) && Restore(row, built) is { } good) { _good[row.Name] = good; changed = true; }
                    return;
                }
                _good[row.Name] = new Good(built.Zone, row.Policy);
                changed = true;
            }
            _logger.LogInformation("zone {Zone} read from the database: version {Version}, serial {Serial}, {Records} records",
                built.Origin, row.Version, built.Zone.Serial, built.Zone.RecordCount);
        }, cancel);
        lock (_lock)
        {
            var gone = (names ?? _versions.Keys.ToList()).Where(n => !seen.Contains(n) && _versions.ContainsKey(n)).ToList();
            foreach (var name in gone)
            {
                _versions.Remove(name);
                if (_good.Remove(name)) { changed = true; }
                _logger.LogInformation("zone {Zone}: removed from the database, no longer served", name);
            }
            if (changed) { Volatile.Write(ref _zones, _good.Values.Select(g => g.Zone).ToList()); }
        }
        foreach (var (zone, errors) in refused)
        {
            foreach (var error in errors) { _logger.LogError("zone {Zone} version {Version}: {Error}", zone.Name, zone.Version, error); }
            _logger.LogError("zone {Zone} version {Version} refused ({Count} errors); the last good version, if any, stays",
                zone.Name, zone.Version, errors.Count);
        }
        if (refused.Count > 0) { await RecordErrorsAsync(connection, refused, cancel); }
        return changed;
    }

    /// <summary>
    /// The last good version of a zone refused at start-up, from the state folder: the records of the signed
    /// version served before the restart, under the refused row's policy columns when those are good (the
    /// configured policy otherwise). A restart then changes nothing that is served (secondaries, catalog
    /// members) until a good version is committed, as when the version is refused while running.
    /// </summary>
    private Good? Restore(ZoneRow row, RowsBuild built)
    {
        // Only under the zone's one spelling: another spelling of a served name must not bring a zone with it.
        if (_stored is null || ZoneImport.KeyOf(built.Origin) != row.Name) { return null; }
        ZoneData? zone;
        string why;
        try { zone = _stored(built.Origin, out why); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The state folder is input too: whatever is wrong there leaves this zone unserved, never the start-up.
            (zone, why) = (null, $"{e.GetType().Name}: {e.Message}");
        }
        if (zone is null)
        {
            _logger.LogError("zone {Zone}: no last good version to serve ({Why}); not served until a good version is committed", row.Name, why);
            return null;
        }
        bool policyGood = row.Problems.Count == 0 && _checkPolicy(built.Origin, row.Policy) is null;
        _logger.LogWarning("zone {Zone}: version {Version} is refused; serving its last good version from the state folder (serial {Serial}, {Policy}) until a good version is committed",
            row.Name, row.Version, zone.Serial, policyGood ? "the row's policy" : "the configured policy: the row's is refused");
        return new Good(zone, policyGood ? row.Policy : new SigningConfig());
    }

    /// <summary>Writes refusals where the operator (or an API in front) can read them.</summary>
    private async Task RecordErrorsAsync(NpgsqlConnection connection, List<(ZoneRow Zone, IReadOnlyList<RowError> Errors)> refused, CancellationToken cancel)
    {
        try
        {
            await using var batch = new NpgsqlBatch(connection);
            foreach (var (zone, errors) in refused)
            {
                foreach (var error in errors)
                {
                    var command = new NpgsqlBatchCommand(
                        // Once per version and reason: a restart that reads the same refused version adds nothing.
                        "INSERT INTO zone_errors (zone, zone_version, record_id, record, why) SELECT $1, $2, $3, $4, $5 "
                        + "WHERE NOT EXISTS (SELECT 1 FROM zone_errors WHERE zone = $1 AND zone_version = $2 AND record_id IS NOT DISTINCT FROM $3 AND why = $5)");
                    command.Parameters.Add(new NpgsqlParameter { Value = zone.Name });
                    command.Parameters.Add(new NpgsqlParameter { Value = zone.Version });
                    command.Parameters.Add(new NpgsqlParameter { Value = (object?)error.RecordId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
                    command.Parameters.Add(new NpgsqlParameter { Value = (object?)error.Record ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                    command.Parameters.Add(new NpgsqlParameter { Value = error.Why });
                    batch.BatchCommands.Add(command);
                }
            }
            await batch.ExecuteNonQueryAsync(cancel);
        }
        catch (NpgsqlException e)
        {
            _logger.LogWarning("could not record the refusal in zone_errors: {Error}", e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) { await _stop.CancelAsync(); }
        foreach (var task in new[] { _listening, _applying })
        {
            if (task is null) { continue; }
            try { await task; } catch (OperationCanceledException) { }
        }
        if (_work is not null) { await _work.DisposeAsync(); }
    }
}
