using System.Diagnostics;
using Desec.Signer.Signing;
using Desec.Signer.Storage;
using Desec.Zone.Names;
using Microsoft.Extensions.Logging;

namespace Desec.Auth.Publishing;

/// <summary>
/// Writes published signed versions to the state folder in the background, so that writing a large
/// zone never delays serving it. Only the newest version of a zone waiting to be written is written.
/// A write that fails (a full or read-only disk) is tried again after a back-off, unless a newer
/// version replaced it. A crash before the write leaves the older stored version, which the next
/// start finds outdated (its serial is not the last published one) and uses only as the base of a
/// new version.
/// </summary>
public sealed class SignedZoneWriter(SignedZoneStore store, TimeProvider clock, ILogger logger, RetryPolicy retry)
{
    private sealed record Item(SignedZone Zone, byte[] UnsignedDigest, SigningPolicy Policy, int Failures, DateTimeOffset NotBefore);

    private readonly Dictionary<DnsName, Item> _pending = [];
    private readonly Lock _lock = new();
    private bool _draining;
    private Task _running = Task.CompletedTask;

    public void Enqueue(SignedZone zone, byte[] unsignedDigest, SigningPolicy policy)
    {
        lock (_lock)
        {
            _pending[zone.Zone.Origin] = new Item(zone, unsignedDigest, policy, 0, DateTimeOffset.MinValue);
            StartDraining();
        }
    }

    /// <summary>Completes when every version handed over so far is written, or has failed once and waits for its retry.</summary>
    public async Task FlushAsync()
    {
        while (true)
        {
            Task running;
            lock (_lock)
            {
                if (!_draining) { return; }
                running = _running;
            }
            await running;
        }
    }

    /// <summary>The caller holds the lock.</summary>
    private void StartDraining()
    {
        if (_draining) { return; }
        _draining = true;
        _running = Task.Run(Drain);
    }

    private void Drain()
    {
        while (true)
        {
            Item next;
            lock (_lock)
            {
                var now = clock.GetUtcNow();
                var due = _pending.Values.FirstOrDefault(i => i.NotBefore <= now);
                if (due is null)
                {
                    _draining = false;
                    if (_pending.Count > 0) { WakeAt(_pending.Values.Min(i => i.NotBefore)); }
                    return;
                }
                next = due;
                _pending.Remove(next.Zone.Zone.Origin);
            }
            var origin = next.Zone.Zone.Origin;
            var watch = Stopwatch.StartNew();
            try
            {
                store.Save(next.Zone, next.UnsignedDigest, next.Policy, clock.GetUtcNow());
                logger.LogInformation("zone {Zone}: signed version stored in {Path} (serial {Serial}, {Milliseconds} ms)",
                    origin, store.PathOf(origin), next.Zone.Serial, watch.ElapsedMilliseconds);
            }
            catch (Exception e)
            {
                // Whatever went wrong, the served version is unaffected and other zones are still written.
                var wait = retry.After(next.Failures + 1);
                logger.LogError("zone {Zone}: cannot store the signed version (serial {Serial}): {Error}; trying again in {Seconds:0.#} s",
                    origin, next.Zone.Serial, e.Message, wait.TotalSeconds);
                lock (_lock)
                {
                    // A newer version handed over meanwhile is the one to write.
                    _pending.TryAdd(origin, next with { Failures = next.Failures + 1, NotBefore = clock.GetUtcNow() + wait });
                }
            }
        }
    }

    /// <summary>Drains again when the earliest retry is due (unless a timer for that or earlier runs already); the caller holds the lock.</summary>
    private void WakeAt(DateTimeOffset at)
    {
        if (_wakeAt is { } scheduled && scheduled <= at) { return; }
        _wakeAt = at;
        var delay = at - clock.GetUtcNow();
        _ = Task.Delay(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, clock).ContinueWith(_ =>
        {
            lock (_lock)
            {
                if (_wakeAt == at) { _wakeAt = null; }
                StartDraining();
            }
        }, TaskScheduler.Default);
    }

    private DateTimeOffset? _wakeAt;
}
