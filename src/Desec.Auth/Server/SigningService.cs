using System.Diagnostics;
using Desec.Auth.Zones;
using Desec.Signer.Algorithms;
using Desec.Signer.Keys;
using Desec.Signer.Signing;
using Desec.Signer.Storage;
using Desec.Zone.Names;
using Microsoft.Extensions.Logging;
using ZoneData = Desec.Zone.Zones.Zone;

namespace Desec.Auth.Server;

/// <summary>
/// Signs every zone the sources produce before it is served: keys from the state folder (a CSK
/// is made on first load), a serial above the last one published, and the zone's policy. A version
/// is signed again when its signatures reach their refresh point; a zone that fails to sign keeps
/// its previous signed version. Every signed version is kept in the state folder (<c>signed/</c>);
/// when a zone first appears (at start-up), the kept version is served as it is if it was made
/// from the same zone, keys and policy and is still fresh, and is the previous version of the new
/// one otherwise (signature reuse: only what changed is signed).
/// </summary>
public sealed class SigningService
{
    private sealed record Entry(ZoneData Unsigned, ServedZone Served);

    private readonly Func<DnsName, SigningPolicy> _policyOf;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly KeyStore _keys;
    private readonly SerialStore _serials;
    private readonly SignedZoneStore _stored;
    private readonly SignedZoneWriter _writer;
    private readonly Dictionary<DnsName, Entry> _current = [];
    private System.Collections.Concurrent.ConcurrentDictionary<DnsName, ServedZone> _restored = [];
    private readonly Lock _lock = new();

    public SigningService(string stateDirectory, Func<DnsName, SigningPolicy> policyOf, TimeProvider clock, ILogger logger)
    {
        _policyOf = policyOf;
        _clock = clock;
        _logger = logger;
        _keys = new KeyStore(Path.Combine(stateDirectory, "keys"), clock);
        _serials = new SerialStore(stateDirectory);
        _stored = new SignedZoneStore(Path.Combine(stateDirectory, "signed"));
        _writer = new SignedZoneWriter(_stored, clock, logger);
    }

    /// <summary>The signed versions of <paramref name="zones"/>: reused when unchanged and fresh, signed anew otherwise.</summary>
    public IReadOnlyList<ServedZone> Publish(IReadOnlyList<ZoneData> zones)
    {
        lock (_lock)
        {
            _restored = [];
            _keys.Rescan(); // keys an operator added or removed since the last reload
            var now = _clock.GetUtcNow();
            var entries = zones.Select(zone => _current.GetValueOrDefault(zone.Origin)).ToArray();
            var results = new ServedZone?[zones.Count];
            // Zones are independent: a server with thousands of small zones signs (or checks the
            // stored versions of) several at once, where one zone alone would leave cores idle.
            Parallel.For(0, zones.Count, i =>
            {
                var zone = zones[i];
                var entry = entries[i];
                if (entry is not null && ReferenceEquals(entry.Unsigned, zone) && entry.Served.Signed is { } signed && signed.RefreshAt > now)
                {
                    results[i] = entry.Served;
                    return;
                }
                try
                {
                    results[i] = entry is null ? FirstVersion(zone) : Sign(zone, entry.Served.Signed);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // State of this zone that cannot be read or written (a damaged serial file, say) stops this zone only.
                    _logger.LogError("zone {Zone}: {Error}; not published, previous version (if any) stays", zone.Origin, e.Message);
                }
            });
            var served = new List<ServedZone>(zones.Count);
            for (int i = 0; i < zones.Count; i++)
            {
                if (results[i] is { } result)
                {
                    if (!ReferenceEquals(result, entries[i]?.Served)) { _current[zones[i].Origin] = new Entry(zones[i], result); }
                    served.Add(result);
                }
                else if (entries[i] is { } entry)
                {
                    served.Add(entry.Served);
                }
            }
            foreach (var gone in _current.Keys.Except(zones.Select(z => z.Origin)).ToList()) { _current.Remove(gone); }
            return served;
        }
    }

    /// <summary>
    /// For a zone that first appeared in the last <see cref="Publish"/>: the version found in the state
    /// folder (the one served before a restart), from which the IXFR journal goes on; null otherwise.
    /// </summary>
    public ServedZone? RestoredVersion(DnsName zone)
    {
        lock (_lock) { return _restored.GetValueOrDefault(zone); }
    }

    /// <summary>The earliest moment a served zone needs signing again.</summary>
    public DateTimeOffset NextRefresh()
    {
        lock (_lock)
        {
            return _current.Values.Select(e => e.Served.Signed?.RefreshAt ?? DateTimeOffset.MaxValue)
                .DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        }
    }

    /// <summary>Completes when every signed version published so far is in the state folder.</summary>
    public Task FlushAsync() => _writer.FlushAsync();

    /// <summary>The first version of a zone this process serves: the one kept in the state folder when it still fits.</summary>
    private ServedZone? FirstVersion(ZoneData zone)
    {
        var watch = Stopwatch.StartNew();
        var policy = _policyOf(zone.Origin);
        var keys = LoadKeys(zone.Origin, policy);
        if (keys is null) { return null; }
        byte[] digest = SigningInputs.UnsignedDigest(zone);
        var stored = _stored.Load(zone.Origin, digest, keys, policy, _serials.LastPublished(zone.Origin), _clock.GetUtcNow());
        switch (stored.Fit)
        {
            case StoredFit.Current:
                var signed = stored.Zone!;
                _logger.LogInformation("zone {Zone} loaded from state, not signed again: serial {Serial}, {Denial}, keys {Keys}, {Records} records, {Milliseconds} ms, refresh at {Refresh:u}",
                    zone.Origin, signed.Serial, signed.Denial, string.Join(" ", keys.Select(k => k.KeyTag)), signed.Zone.RecordCount,
                    watch.ElapsedMilliseconds, signed.RefreshAt);
                var served = new ServedZone(signed);
                _restored[zone.Origin] = served;
                return served;
            case StoredFit.Outdated:
                _logger.LogInformation("zone {Zone}: the signed version in state (serial {Serial}) is the base of a new one: {Reason}",
                    zone.Origin, stored.Zone!.Serial, stored.Reason);
                _restored[zone.Origin] = new ServedZone(stored.Zone);
                return Sign(zone, stored.Zone, keys, policy, digest);
            case StoredFit.Unusable:
                _logger.LogWarning("zone {Zone}: the signed version in state is not used: {Reason}; signing from scratch", zone.Origin, stored.Reason);
                return Sign(zone, null, keys, policy, digest);
            default:
                return Sign(zone, null, keys, policy, digest);
        }
    }

    private IReadOnlyList<DnssecKey>? LoadKeys(DnsName zone, SigningPolicy policy)
    {
        try
        {
            return _keys.LoadOrCreate(zone, policy.Algorithm);
        }
        catch (Exception e) when (e is KeyFileException or DnssecKeyException or IOException)
        {
            _logger.LogError("zone {Zone}: keys: {Error}; not signed, previous version (if any) stays", zone, e.Message);
            return null;
        }
    }

    private ServedZone? Sign(ZoneData zone, SignedZone? previous)
    {
        var policy = _policyOf(zone.Origin);
        var keys = LoadKeys(zone.Origin, policy);
        return keys is null ? null : Sign(zone, previous, keys, policy, SigningInputs.UnsignedDigest(zone));
    }

    private ServedZone? Sign(ZoneData zone, SignedZone? previous, IReadOnlyList<DnssecKey> keys, SigningPolicy policy, byte[] unsignedDigest)
    {
        var watch = Stopwatch.StartNew();
        uint serial = _serials.Next(zone.Origin, ZoneSigner.SourceSerial(zone), previous?.Serial);
        var result = ZoneSigner.Sign(zone, keys, policy, serial, _clock.GetUtcNow(), previous);
        foreach (var warning in result.Warnings) { _logger.LogWarning("{Warning}", warning.ToString()); }
        if (!result.Success)
        {
            foreach (var error in result.Errors) { _logger.LogError("{Error}", error.ToString()); }
            _logger.LogError("zone {Zone}: not signed ({Count} errors); previous version (if any) stays", zone.Origin, result.Errors.Count);
            return null;
        }
        var signed = result.Zone!;
        _logger.LogInformation("zone {Zone} signed: serial {Serial}, {Denial}, keys {Keys}, {Records} records, {Milliseconds} ms, refresh at {Refresh:u}",
            zone.Origin, signed.Serial, signed.Denial, string.Join(" ", keys.Select(k => k.KeyTag)), signed.Zone.RecordCount,
            watch.ElapsedMilliseconds, signed.RefreshAt);
        _writer.Enqueue(signed, unsignedDigest, policy);
        return new ServedZone(signed);
    }
}
