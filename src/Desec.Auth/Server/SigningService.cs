using System.Diagnostics;
using Desec.Auth.Zones;
using Desec.Signer.Algorithms;
using Desec.Signer.Keys;
using Desec.Signer.Signing;
using Desec.Zone.Names;
using Microsoft.Extensions.Logging;
using ZoneData = Desec.Zone.Zones.Zone;

namespace Desec.Auth.Server;

/// <summary>
/// Signs every zone the sources produce before it is served: keys from the state folder (a CSK
/// is made on first load), a serial above the last one published, and the zone's policy. A version
/// is signed again when its signatures reach their refresh point; a zone that fails to sign keeps
/// its previous signed version.
/// </summary>
public sealed class SigningService(string stateDirectory, Func<DnsName, SigningPolicy> policyOf, TimeProvider clock, ILogger logger)
{
    private sealed record Entry(ZoneData Unsigned, ServedZone Served);

    private readonly KeyStore _keys = new(Path.Combine(stateDirectory, "keys"), clock);
    private readonly SerialStore _serials = new(stateDirectory);
    private readonly Dictionary<DnsName, Entry> _current = [];
    private readonly Lock _lock = new();

    /// <summary>The signed versions of <paramref name="zones"/>: reused when unchanged and fresh, signed anew otherwise.</summary>
    public IReadOnlyList<ServedZone> Publish(IReadOnlyList<ZoneData> zones)
    {
        lock (_lock)
        {
            var served = new List<ServedZone>();
            foreach (var zone in zones)
            {
                if (_current.TryGetValue(zone.Origin, out var entry) && ReferenceEquals(entry.Unsigned, zone)
                    && entry.Served.Signed is { } signed && signed.RefreshAt > clock.GetUtcNow())
                {
                    served.Add(entry.Served);
                    continue;
                }
                var result = Sign(zone, entry?.Served.Signed);
                if (result is not null)
                {
                    _current[zone.Origin] = new Entry(zone, result);
                    served.Add(result);
                }
                else if (entry is not null)
                {
                    served.Add(entry.Served);
                }
            }
            foreach (var gone in _current.Keys.Except(zones.Select(z => z.Origin)).ToList()) { _current.Remove(gone); }
            return served;
        }
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

    private ServedZone? Sign(ZoneData zone, SignedZone? previous)
    {
        var watch = Stopwatch.StartNew();
        var policy = policyOf(zone.Origin);
        IReadOnlyList<DnssecKey> keys;
        try
        {
            keys = _keys.LoadOrCreate(zone.Origin, policy.Algorithm);
        }
        catch (Exception e) when (e is KeyFileException or DnssecKeyException or IOException)
        {
            logger.LogError("zone {Zone}: keys: {Error}; not signed, previous version (if any) stays", zone.Origin, e.Message);
            return null;
        }
        uint serial = _serials.Next(zone.Origin, ZoneSigner.SourceSerial(zone));
        var result = ZoneSigner.Sign(zone, keys, policy, serial, clock.GetUtcNow(), previous);
        foreach (var warning in result.Warnings) { logger.LogWarning("{Warning}", warning.ToString()); }
        if (!result.Success)
        {
            foreach (var error in result.Errors) { logger.LogError("{Error}", error.ToString()); }
            logger.LogError("zone {Zone}: not signed ({Count} errors); previous version (if any) stays", zone.Origin, result.Errors.Count);
            return null;
        }
        var signed = result.Zone!;
        logger.LogInformation("zone {Zone} signed: serial {Serial}, {Denial}, keys {Keys}, {Records} records, {Milliseconds} ms, refresh at {Refresh:u}",
            zone.Origin, signed.Serial, signed.Denial, string.Join(" ", keys.Select(k => k.KeyTag)), signed.Zone.RecordCount,
            watch.ElapsedMilliseconds, signed.RefreshAt);
        return new ServedZone(signed);
    }
}
