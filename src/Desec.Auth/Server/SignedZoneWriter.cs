using System.Diagnostics;
using Desec.Signer.Signing;
using Desec.Signer.Storage;
using Desec.Zone.Names;
using Microsoft.Extensions.Logging;

namespace Desec.Auth.Server;

/// <summary>
/// Writes published signed versions to the state folder in the background, so that writing a large
/// zone never delays serving it. Only the newest version of a zone waiting to be written is written.
/// A crash before the write leaves the older stored version, which the next start finds outdated
/// (its serial is not the last published one) and uses only as the base of a new version.
/// </summary>
public sealed class SignedZoneWriter(SignedZoneStore store, TimeProvider clock, ILogger logger)
{
    private readonly Dictionary<DnsName, (SignedZone Zone, byte[] UnsignedDigest, SigningPolicy Policy)> _pending = [];
    private readonly Lock _lock = new();
    private bool _draining;
    private Task _running = Task.CompletedTask;

    public void Enqueue(SignedZone zone, byte[] unsignedDigest, SigningPolicy policy)
    {
        lock (_lock)
        {
            _pending[zone.Zone.Origin] = (zone, unsignedDigest, policy);
            if (_draining) { return; }
            _draining = true;
            _running = Task.Run(Drain);
        }
    }

    /// <summary>Completes when every version handed over so far is written.</summary>
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

    private void Drain()
    {
        while (true)
        {
            (SignedZone Zone, byte[] UnsignedDigest, SigningPolicy Policy) next;
            lock (_lock)
            {
                if (_pending.Count == 0)
                {
                    _draining = false;
                    break;
                }
                var origin = _pending.Keys.First();
                next = _pending[origin];
                _pending.Remove(origin);
            }
            var watch = Stopwatch.StartNew();
            try
            {
                store.Save(next.Zone, next.UnsignedDigest, next.Policy, clock.GetUtcNow());
                logger.LogInformation("zone {Zone}: signed version stored in {Path} (serial {Serial}, {Milliseconds} ms)",
                    next.Zone.Zone.Origin, store.PathOf(next.Zone.Zone.Origin), next.Zone.Serial, watch.ElapsedMilliseconds);
            }
            catch (Exception e)
            {
                // Whatever went wrong, the served version is unaffected and later versions are still written.
                logger.LogError("zone {Zone}: cannot store the signed version: {Error}; a restart will sign it again", next.Zone.Zone.Origin, e.Message);
            }
            Interlocked.Add(ref _writtenRecords, next.Zone.Zone.RecordCount);
        }
        // Signing and writing a large zone leave a heap far bigger than what is served (the old
        // version, the file's bytes); the runtime keeps that memory committed unless asked. After a
        // large burst, one compacting collection hands it back to the system (RSS after load).
        if (Interlocked.Read(ref _writtenRecords) >= TrimAfterRecords && Interlocked.Exchange(ref _writtenRecords, 0) >= TrimAfterRecords)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }

    private const long TrimAfterRecords = 100_000;
    private long _writtenRecords;
}
