using System.Diagnostics;
using Desec.Auth.Zones;
using Desec.Signer.Keys;
using Desec.Signer.Signing;
using Desec.Signer.Storage;
using Desec.Zone.Names;
using Microsoft.Extensions.Logging;
using ZoneData = Desec.Zone.Zones.Zone;

namespace Desec.Auth.Publishing;

/// <summary>A signed version ready to publish, and what writing it to the state folder needs.</summary>
/// <param name="Restored">The version found in the state folder that this one follows (a restart): the journal goes on from it.</param>
/// <param name="UnsignedDigest">Null when <paramref name="Served"/> is the stored version itself (nothing to write).</param>
public sealed record SignedVersion(ServedZone Served, ServedZone? Restored, byte[]? UnsignedDigest, SigningPolicy Policy);

/// <summary>A step that could not be done for one zone; the message says why (the zone and the step are added by the publisher).</summary>
public sealed class PublishFailedException(string message) : Exception(message);

/// <summary>
/// Signs one zone for the publisher: keys from the state folder (a CSK is made on first load), a
/// serial above the last one published, and the zone's policy. Every new version is written to the
/// state folder (<c>signed/</c>) once it is served. When a zone first appears in this process (at
/// start-up), the kept version is served as it is if it was made from the same zone, keys and
/// policy and is still fresh, and is the previous version of the new one otherwise (signature reuse:
/// only what changed is signed). Nothing here is shared between zones but the key folder's index,
/// so zones are signed in parallel.
/// </summary>
public sealed class SigningStep
{
    private readonly Func<DnsName, SigningPolicy> _policyOf;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly KeyStore _keys;
    private readonly SerialStore _serials;
    private readonly SignedZoneStore _stored;
    private readonly SignedZoneWriter _writer;

    public SigningStep(string stateDirectory, Func<DnsName, SigningPolicy> policyOf, TimeProvider clock, ILogger logger, RetryPolicy? writeRetry = null)
    {
        _policyOf = policyOf;
        _clock = clock;
        _logger = logger;
        _keys = new KeyStore(Path.Combine(stateDirectory, "keys"), clock);
        _serials = new SerialStore(stateDirectory);
        _stored = new SignedZoneStore(Path.Combine(stateDirectory, "signed"));
        _writer = new SignedZoneWriter(_stored, clock, logger, writeRetry ?? RetryPolicy.Default);
    }

    /// <summary>Looks at the key folder again (keys an operator added or removed); once per round.</summary>
    public void Rescan() => _keys.Rescan();

    /// <summary>The first version of a zone this process serves: the one kept in the state folder when it still fits.</summary>
    public SignedVersion First(ZoneData zone)
    {
        var watch = Stopwatch.StartNew();
        var policy = _policyOf(zone.Origin);
        var keys = LoadKeys(zone.Origin, policy);
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
                return new SignedVersion(served, served, null, policy);
            case StoredFit.Outdated:
                _logger.LogInformation("zone {Zone}: the signed version in state (serial {Serial}) is the base of a new one: {Reason}",
                    zone.Origin, stored.Zone!.Serial, stored.Reason);
                return Sign(zone, stored.Zone, keys, policy, digest) with { Restored = new ServedZone(stored.Zone) };
            case StoredFit.Unusable:
                _logger.LogWarning("zone {Zone}: the signed version in state is not used: {Reason}; signing from scratch", zone.Origin, stored.Reason);
                return Sign(zone, null, keys, policy, digest);
            default:
                return Sign(zone, null, keys, policy, digest);
        }
    }

    /// <summary>A new version of a zone served now: only what changed since <paramref name="previous"/> (or is due) is signed.</summary>
    public SignedVersion Next(ZoneData zone, SignedZone? previous)
    {
        var policy = _policyOf(zone.Origin);
        return Sign(zone, previous, LoadKeys(zone.Origin, policy), policy, SigningInputs.UnsignedDigest(zone));
    }

    /// <summary>Writes a version that is now served to the state folder, in the background (retried until written or replaced).</summary>
    public void Keep(SignedVersion version)
    {
        if (version.UnsignedDigest is { } digest && version.Served.Signed is { } signed) { _writer.Enqueue(signed, digest, version.Policy); }
    }

    /// <summary>Completes when every signed version published so far is in the state folder (or failed to be written).</summary>
    public Task FlushAsync() => _writer.FlushAsync();

    private IReadOnlyList<DnssecKey> LoadKeys(DnsName zone, SigningPolicy policy)
    {
        try
        {
            return _keys.LoadOrCreate(zone, policy.Algorithm);
        }
        catch (Exception e) when (e is KeyFileException or Desec.Signer.Algorithms.DnssecKeyException or IOException or UnauthorizedAccessException)
        {
            throw new PublishFailedException($"keys: {e.Message}");
        }
    }

    private SignedVersion Sign(ZoneData zone, SignedZone? previous, IReadOnlyList<DnssecKey> keys, SigningPolicy policy, byte[] unsignedDigest)
    {
        var watch = Stopwatch.StartNew();
        uint serial;
        try { serial = _serials.Next(zone.Origin, ZoneSigner.SourceSerial(zone), previous?.Serial); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PublishFailedException($"serial: {e.Message}");
        }
        var result = ZoneSigner.Sign(zone, keys, policy, serial, _clock.GetUtcNow(), previous);
        foreach (var warning in result.Warnings) { _logger.LogWarning("{Warning}", warning.ToString()); }
        if (!result.Success)
        {
            foreach (var error in result.Errors) { _logger.LogError("{Error}", error.ToString()); }
            throw new PublishFailedException($"not signed ({result.Errors.Count} errors): {string.Join("; ", result.Errors.Take(3))}");
        }
        var signed = result.Zone!;
        _logger.LogInformation("zone {Zone} signed: serial {Serial}, {Denial}, keys {Keys}, {Records} records, {Milliseconds} ms, refresh at {Refresh:u}",
            zone.Origin, signed.Serial, signed.Denial, string.Join(" ", keys.Select(k => k.KeyTag)), signed.Zone.RecordCount,
            watch.ElapsedMilliseconds, signed.RefreshAt);
        return new SignedVersion(new ServedZone(signed), null, unsignedDigest, policy);
    }
}
