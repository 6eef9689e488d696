using Desec.Auth.Config;
using Desec.Auth.Database;
using Desec.Zone.Names;
using Microsoft.Extensions.Logging;
using Npgsql;
using ZoneData = Desec.Zone.Zones.Zone;

namespace Desec.Auth.Sources;

/// <summary>
/// Zones from PostgreSQL, kept live. The triggers raise a zone's <c>version</c> and NOTIFY its name
/// on every committed change; this source LISTENs and posts each name to the publisher, which reads
/// (<see cref="ReadAsync"/>) only the zones whose version moved: all of a zone's rows in one
/// REPEATABLE READ snapshot, so one transaction is one version. A version whose rows do not make a
/// valid zone is refused: logged, written to <c>zone_errors</c>, and the last good version stays. A
/// zone whose reading fails for another reason (an exception) is reported to the publisher, which
/// reads it again after a back-off; the other zones of the same read go on. Losing the connection
/// never stops serving: the listener reconnects with back-off and then has every zone's version
/// compared, since notifications sent while it was away are lost.
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
    private readonly Action<DnsName?, Publishing.PublishReason> _post;
    private readonly Func<DnsName, SigningConfig, string?> _checkPolicy;
    private readonly StoredZone? _stored;
    private readonly Lock _lock = new();
    // The version last read of every zone, accepted or refused (a refused version is not read again;
    // one whose reading failed is not recorded, so it is read again).
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Good> _good = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    // The connection reads and zone_errors writes share, one user at a time.
    private NpgsqlConnection? _work;
    private readonly SemaphoreSlim _workLock = new(1, 1);
    private Task? _listening;
    private IReadOnlyList<ZoneData> _zones = [];

    /// <param name="servedElsewhere">True for a zone another source serves: such a zone is refused here.</param>
    /// <param name="post">Asks the publisher to read a zone (or, with null, to compare every zone's version).</param>
    /// <param name="checkPolicy">Checks a zone's policy columns; returns why they are bad, or null.</param>
    /// <param name="stored">The last good version of a zone kept in the state folder, or null with why not:
    /// served when the zone's version is refused at start-up.</param>
    public DatabaseZoneSource(string connectionString, ILogger logger, Func<DnsName, bool> servedElsewhere,
        Action<DnsName?, Publishing.PublishReason> post, Func<DnsName, SigningConfig, string?> checkPolicy, StoredZone? stored = null)
    {
        _stored = stored;
        _connectionString = connectionString;
        _logger = logger;
        _servedElsewhere = servedElsewhere;
        _post = post;
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

    /// <summary>
    /// Reads every zone once; throws when the database cannot be read (start-up stops with the
    /// reason). Returns the zones whose reading failed (the others are read).
    /// </summary>
    public async Task<IReadOnlyList<SourceFailure>> LoadAllAsync(CancellationToken cancel)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancel);
        if (await Schema.VersionAsync(connection, cancel) < Schema.Latest)
        {
            throw new ConfigException($"database: the schema is at version {await Schema.VersionAsync(connection, cancel)}, "
                + $"this server needs {Schema.Latest}; run `desec-auth db init --db ...`");
        }
        var failures = new List<SourceFailure>();
        await ReadIsolatedAsync(connection, null, failures, cancel, startUp: true);
        return failures;
    }

    /// <summary>Starts listening for changes; every (re)connection asks for a comparison of every zone's version.</summary>
    public void Start()
    {
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
                connection.Notification += (_, e) => Notified(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Schema.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancel);
                }
                if (lost) { _logger.LogInformation("database connection back; comparing every zone's version"); }
                // Changes committed before LISTEN took effect sent their notifications to nobody.
                _post(null, Publishing.PublishReason.DatabaseReconnected);
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

    /// <summary>A zone's name as notified: that zone is read; a name that is not one has every version compared (where it is refused).</summary>
    private void Notified(string payload)
    {
        _post(DnsName.TryParseAbsolute(payload, out var zone, out _) ? zone : null, Publishing.PublishReason.DatabaseNotification);
    }

    /// <summary>True for a zone this source knows (read, refused or failed), so that a retry of it is a read from here.</summary>
    public bool Knows(DnsName zone)
    {
        lock (_lock) { return _versions.ContainsKey(ZoneImport.KeyOf(zone)) || _good.ContainsKey(ZoneImport.KeyOf(zone)); }
    }

    /// <summary>
    /// Reads <paramref name="zones"/>, and with <paramref name="compareAll"/> every zone whose version
    /// differs from the one last read (new and removed zones too), in one snapshot. Returns the zones
    /// whose reading failed; throws <see cref="SourceUnavailableException"/> when the database cannot
    /// be reached (nothing changes then).
    /// </summary>
    public async Task<IReadOnlyList<SourceFailure>> ReadAsync(IReadOnlyCollection<DnsName> zones, bool compareAll, CancellationToken cancel)
    {
        await _workLock.WaitAsync(cancel);
        try { return await ReadLockedAsync(zones, compareAll, cancel); }
        finally { _workLock.Release(); }
    }

    private async Task<IReadOnlyList<SourceFailure>> ReadLockedAsync(IReadOnlyCollection<DnsName> zones, bool compareAll, CancellationToken cancel)
    {
        var failures = new List<SourceFailure>();
        try
        {
            try
            {
                await ReadOnWorkConnectionAsync(zones, compareAll, failures, cancel);
            }
            catch (Exception e) when (IsConnectionFailure(e) && _work is not null && !cancel.IsCancellationRequested)
            {
                // A kept connection may have died quietly (a database restart): try once more on a new one.
                await _work.DisposeAsync();
                _work = null;
                failures.Clear();
                await ReadOnWorkConnectionAsync(zones, compareAll, failures, cancel);
            }
        }
        catch (Exception e) when (IsConnectionFailure(e) && !cancel.IsCancellationRequested)
        {
            if (_work is not null) { await _work.DisposeAsync(); _work = null; }
            throw new SourceUnavailableException($"database: {e.Message}", e);
        }
        return failures;
    }

    private async Task ReadOnWorkConnectionAsync(IReadOnlyCollection<DnsName> zones, bool compareAll, List<SourceFailure> failures, CancellationToken cancel)
    {
        if (_work is null)
        {
            _work = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString);
            await _work.OpenAsync(cancel);
        }
        var names = zones.Select(ZoneImport.KeyOf).ToHashSet(StringComparer.Ordinal);
        if (compareAll) { names.UnionWith(await ChangedVersionsAsync(_work, cancel)); }
        if (names.Count > 0) { await ReadIsolatedAsync(_work, names, failures, cancel); }
    }

    /// <summary>The database (or the way to it) failed, as opposed to one zone's rows: nothing is read then.</summary>
    private static bool IsConnectionFailure(Exception e) =>
        e is NpgsqlException or IOException or System.Net.Sockets.SocketException or TimeoutException;

    /// <summary>
    /// Reads the zones (all when <paramref name="names"/> is null) in one snapshot. When that fails for
    /// a reason other than the connection (a row the reader chokes on), each zone is read in a
    /// snapshot of its own, so that only the zone at fault fails and the others are published.
    /// </summary>
    private async Task ReadIsolatedAsync(NpgsqlConnection connection, IReadOnlyCollection<string>? names, List<SourceFailure> failures,
        CancellationToken cancel, bool startUp = false)
    {
        try
        {
            await ReadAndApplyAsync(connection, names, failures, cancel, startUp);
            return;
        }
        catch (Exception e) when (!IsConnectionFailure(e) && e is not OperationCanceledException)
        {
            _logger.LogWarning("reading {Count} zones in one snapshot failed ({Error}); reading them one by one", names?.Count.ToString() ?? "all", e.Message);
        }
        failures.Clear();
        var each = names ?? await AllNamesAsync(connection, cancel);
        foreach (var name in each)
        {
            try
            {
                await ReadAndApplyAsync(connection, [name], failures, cancel, startUp);
            }
            catch (Exception e) when (!IsConnectionFailure(e) && e is not OperationCanceledException)
            {
                _logger.LogError("zone {Zone}: reading its rows failed: {Error}; the last good version, if any, stays", name, e.Message);
                var zone = DnsName.TryParseAbsolute(name, out var parsed, out _) ? parsed : null;
                failures.Add(new SourceFailure(zone, name, $"reading its rows failed: {e.Message}"));
                await RecordErrorsAsync(connection, [(new ZoneRow(name, VersionOf(name) ?? 0, new SigningConfig()),
                    (IReadOnlyList<RowError>)[new RowError(null, null, $"source: reading its rows failed: {e.Message}")])], cancel);
            }
        }
    }

    private static async Task<List<string>> AllNamesAsync(NpgsqlConnection connection, CancellationToken cancel)
    {
        var names = new List<string>();
        await using var command = new NpgsqlCommand("SELECT name FROM zones", connection);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel)) { names.Add(reader.GetString(0)); }
        return names;
    }

    private long? VersionOf(string name)
    {
        lock (_lock) { return _versions.TryGetValue(name, out long v) ? v : null; }
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
            // A zone whose reading failed has no version recorded but may still be served: read it again.
            changed.AddRange(_good.Keys.Where(k => !_versions.ContainsKey(k) && now.ContainsKey(k)));
            return changed;
        }
    }

    /// <summary>
    /// Reads the zones (all when <paramref name="names"/> is null) in one snapshot, accepts or refuses
    /// each new version, forgets zones that are gone. A zone whose rows throw while being built is
    /// added to <paramref name="failures"/> (its version is not recorded, so it is read again) and the
    /// others go on.
    /// </summary>
    /// <param name="startUp">The first read: a zone whose version is refused then has no good version in memory,
    /// and serves the one kept in the state folder (what was served before the restart) instead of going dark.</param>
    private async Task ReadAndApplyAsync(NpgsqlConnection connection, IReadOnlyCollection<string>? names, List<SourceFailure> failures,
        CancellationToken cancel, bool startUp = false)
    {
        var refused = new List<(ZoneRow Zone, IReadOnlyList<RowError> Errors)>();
        var failed = new List<SourceFailure>();
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
                // Nobody foresaw this one: the zone fails (and is read again later), the others go on.
                var zone = DnsName.TryParseAbsolute(row.Name, out var parsed, out _) ? parsed : null;
                failed.Add(new SourceFailure(zone, row.Name, $"version {row.Version}: building the zone from its rows failed: {e.Message}"));
                refused.Add((row, [new RowError(null, null, $"source: building the zone from its rows failed: {e.Message}")]));
                // At start-up the zone has no good version in memory: serve the one kept in the state folder meanwhile.
                if (startUp && zone is not null && !_good.ContainsKey(row.Name) && Restore(row, new RowsBuild { Origin = zone }) is { } restored)
                {
                    _good[row.Name] = restored;
                    changed = true;
                }
                return;
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
            var gone = (names ?? _versions.Keys.Concat(_good.Keys).ToList()).Where(n => !seen.Contains(n) && (_versions.ContainsKey(n) || _good.ContainsKey(n))).Distinct().ToList();
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
        failures.AddRange(failed);
    }

    /// <summary>
    /// Writes a failure of a later step (signing, journal...) of a database zone to <c>zone_errors</c>,
    /// against the version last read, so that the operator sees it where refusals are.
    /// </summary>
    public async Task RecordFailureAsync(DnsName zone, string why, CancellationToken cancel)
    {
        string name = ZoneImport.KeyOf(zone);
        try { await _workLock.WaitAsync(cancel); }
        catch (OperationCanceledException) { return; }
        try
        {
            if (_work is null)
            {
                _work = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString);
                await _work.OpenAsync(cancel);
            }
            await RecordErrorsAsync(_work, [(new ZoneRow(name, VersionOf(name) ?? 0, new SigningConfig()), (IReadOnlyList<RowError>)[new RowError(null, null, why)])], cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested) { }
        catch (Exception e) when (IsConnectionFailure(e))
        {
            _logger.LogWarning("zone {Zone}: could not record the failure in zone_errors: {Error}", zone, e.Message);
            if (_work is not null) { await _work.DisposeAsync(); _work = null; }
        }
        finally
        {
            _workLock.Release();
        }
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
        if (_listening is not null)
        {
            try { await _listening; } catch (OperationCanceledException) { }
        }
        // A read or a zone_errors write may still hold the work connection (opening it, say): let it
        // finish or fail on the cancellation first, since a connection cannot be closed while it connects.
        bool idle = await _workLock.WaitAsync(TimeSpan.FromSeconds(5));
        try
        {
            if (_work is not null) { await _work.DisposeAsync(); }
        }
        catch (Exception e) when (e is InvalidOperationException or NpgsqlException)
        {
            _logger.LogDebug("database: closing the work connection: {Error}", e.Message);
        }
        finally
        {
            if (idle) { _workLock.Release(); }
        }
    }
}
