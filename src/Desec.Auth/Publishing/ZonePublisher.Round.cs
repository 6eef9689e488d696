using Desec.Auth.Sources;
using Desec.Auth.Transfer;
using Desec.Auth.Zones;
using Desec.Zone.Names;
using Microsoft.Extensions.Logging;
using ZoneData = Desec.Zone.Zones.Zone;

namespace Desec.Auth.Publishing;

/// <summary>One round: the steps, each isolated per zone.</summary>
public sealed partial class ZonePublisher
{
    private readonly ZoneState _catalogState = new(DnsName.Root);

    private sealed class Work(ZoneData zone, ZoneState? state)
    {
        public ZoneData Zone { get; } = zone;
        public DnsName Origin => Zone.Origin;
        public ZoneState? State { get; } = state;
        public SignedVersion? Version { get; set; }
    }

    private async Task RoundAsync(PublishBatch batch, IReadOnlyList<SourceFailure>? failures, CancellationToken cancel)
    {
        lock (_statesLock)
        {
            // The retries asked for are being done now; a zone that fails again asks anew.
            foreach (var zone in batch.Zones)
            {
                if (_zones.TryGetValue(zone, out var state)) { state.RetryPending = false; }
                if (zone == _parts.Catalog.Name) { _catalogState.RetryPending = false; }
            }
            if (batch.ReadFolder || batch.CompareDatabase) { _sourceRetryPending = false; }
        }
        var unsigned = await SourceStepAsync(batch, failures, cancel);
        var work = Decide(unsigned, batch, out var removed);
        SignStep(work);
        JournalStep(work);
        var published = StoreStep(work, removed);
        AfterStore(work, removed, unsigned);
        NotifyStep(published);
        if (published.Count > 0 || removed.Count > 0)
        {
            _logger.LogInformation("{Count} zones served ({Reasons}: {Published} new versions, {Removed} removed)",
                _parts.Store.Current.Count, batch, published.Count, removed.Count);
        }
        Interlocked.Increment(ref _rounds);
    }

    /// <summary>Reads what the batch asks for; a zone whose reading failed keeps its last good version.</summary>
    private async Task<List<ZoneData>> SourceStepAsync(PublishBatch batch, IReadOnlyList<SourceFailure>? failures, CancellationToken cancel)
    {
        if (failures is null)
        {
            try
            {
                failures = await _parts.Sources.ReadAsync(batch, cancel);
                lock (_statesLock) { _sourceFailures = 0; }
            }
            catch (SourceUnavailableException e)
            {
                _logger.LogWarning("{Error}; the zones served stay as they are, reading again later", e.Message);
                SourceFailed();
                failures = [];
            }
        }
        foreach (var failure in failures)
        {
            if (failure.Zone is { } zone) { ZoneFailed(zone, PublishStep.Source, failure.Why); }
            else { SourceFailed(); }
        }
        return _parts.Sources.All();
    }

    /// <summary>
    /// The zones that need a new version: new ones, changed ones, those whose signatures are due, and
    /// those that failed before once their back-off is over.
    /// </summary>
    private List<Work> Decide(List<ZoneData> unsigned, PublishBatch batch, out List<DnsName> removed)
    {
        var now = _clock.GetUtcNow();
        var work = new List<Work>();
        lock (_statesLock)
        {
            foreach (var zone in unsigned)
            {
                var state = _zones.GetValueOrDefault(zone.Origin);
                bool due = state?.Served is not { } served
                    || !ReferenceEquals(state.PublishedFrom, zone)
                    || served.Served.Signed is { } signed && signed.RefreshAt <= now;
                // A zone that failed waits for its back-off (or its retry), unless its source has a newer version since.
                bool waiting = state is { Failures: > 0 } && ReferenceEquals(state.AttemptedFrom, zone) && now < state.NextTry
                    && !batch.Zones.Contains(zone.Origin);
                if (due && !waiting) { work.Add(new Work(zone, state)); }
            }
            var present = unsigned.Select(z => z.Origin).ToHashSet();
            removed = _zones.Values.Where(s => s.Served is not null && !present.Contains(s.Origin)).Select(s => s.Origin).ToList();
        }
        return work;
    }

    /// <summary>Signs every zone that needs it, several at once (zones are independent); a zone that fails keeps what it served.</summary>
    private void SignStep(List<Work> work)
    {
        try { _parts.Signing.Rescan(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("the key folder cannot be listed ({Error}); each zone looks for its keys itself", e.Message);
        }
        Parallel.ForEach(work, item =>
        {
            try
            {
                _observer?.BeforeStep(item.Origin, PublishStep.Sign, null);
                item.Version = item.State?.Served is { } served ? _parts.Signing.Next(item.Zone, served.Served.Signed) : _parts.Signing.First(item.Zone);
            }
            catch (Exception e)
            {
                ZoneFailed(item.Origin, PublishStep.Sign, Why(e), item.Zone);
            }
        });
    }

    /// <summary>The difference from the version served (or kept in the state folder) goes to the journal before the new one is served.</summary>
    private void JournalStep(List<Work> work)
    {
        Parallel.ForEach(work, item =>
        {
            if (item.Version is not { } version) { return; }
            var previous = item.State?.Served?.Served ?? version.Restored;
            try
            {
                _observer?.BeforeStep(item.Origin, PublishStep.Journal, version.Served.Zone.Serial);
                Journal(previous, version.Served);
            }
            catch (Exception e)
            {
                item.Version = null;
                ZoneFailed(item.Origin, PublishStep.Journal, Why(e), item.Zone);
            }
        });
    }

    private void Journal(ServedZone? previous, ServedZone next)
    {
        if (previous is null || previous.Zone.Serial == next.Zone.Serial) { return; }
        // Kept for IXFR (RFC 1995): what changed from the version served until now.
        var (removed, added) = VersionDiff.Between(previous, next);
        _parts.Journals.Get(next.Origin).AppendDifference(previous.Zone.Serial, next.Zone.Serial, removed, added);
    }

    /// <summary>
    /// Swaps the served set at once: every new version that got this far, the catalog over the zones
    /// that will be served, and the old version of every zone that failed. Returns what is new.
    /// </summary>
    private List<ServedZone> StoreStep(List<Work> work, List<DnsName> removed)
    {
        var next = new Dictionary<DnsName, ServedZone>();
        lock (_statesLock)
        {
            foreach (var state in _zones.Values)
            {
                if (state.Served is { } served) { next[state.Origin] = served.Served; }
            }
        }
        foreach (var gone in removed) { next.Remove(gone); }
        var published = new List<ServedZone>();
        foreach (var item in work)
        {
            if (item.Version is not { } version) { continue; }
            try
            {
                _observer?.BeforeStep(item.Origin, PublishStep.Store, version.Served.Zone.Serial);
                next[item.Origin] = version.Served;
                published.Add(version.Served);
            }
            catch (Exception e)
            {
                item.Version = null;
                ZoneFailed(item.Origin, PublishStep.Store, Why(e), item.Zone);
            }
        }
        var catalog = CatalogStep(next);
        _parts.Store.Update(_ => new ZoneSet(next.Values));
        if (catalog is { } committed)
        {
            _parts.Catalog.Commit(committed.Catalog, committed.Members);
            published.Add(committed.Catalog);
        }
        return published;
    }

    /// <summary>
    /// The catalog (RFC 9432) for the zones about to be served, journaled like any zone; null when it
    /// stays as it is (none configured, unchanged, or failing: then the served one stays).
    /// </summary>
    private (ServedZone Catalog, string Members)? CatalogStep(Dictionary<DnsName, ServedZone> next)
    {
        if (_parts.Catalog.Name is not { } name) { return null; }
        next.Remove(name);
        var current = _parts.Catalog.Current;
        try
        {
            _observer?.BeforeStep(name, PublishStep.Catalog, null);
            var candidate = _parts.Catalog.For(next.Keys);
            if (ReferenceEquals(candidate.Catalog, current))
            {
                next[name] = current;
                return null;
            }
            _observer?.BeforeStep(name, PublishStep.Journal, candidate.Catalog.Zone.Serial);
            Journal(current, candidate.Catalog);
            next[name] = candidate.Catalog;
            lock (_statesLock) { _catalogState.Succeeded(); }
            return candidate;
        }
        catch (Exception e)
        {
            if (current is not null) { next[name] = current; }
            ZoneFailed(name, PublishStep.Catalog, Why(e));
            return null;
        }
    }

    /// <summary>Once served: the zones' states, their versions to the state folder, and removed zones' journals and NOTIFY slots dropped.</summary>
    private void AfterStore(List<Work> work, List<DnsName> removed, List<ZoneData> unsigned)
    {
        var present = unsigned.Select(z => z.Origin).ToHashSet();
        lock (_statesLock)
        {
            foreach (var item in work)
            {
                if (item.Version is not { } version) { continue; }
                if (!_zones.TryGetValue(item.Origin, out var state)) { _zones[item.Origin] = state = new ZoneState(item.Origin); }
                state.Served = version;
                state.PublishedFrom = item.Zone;
                state.Succeeded();
            }
            foreach (var gone in removed) { _zones.Remove(gone); }
            // Zones that never got a version through and are gone from their source, with no retry waiting.
            foreach (var stale in _zones.Values.Where(s => s.Served is null && !s.RetryPending && !present.Contains(s.Origin)).ToList())
            {
                _zones.Remove(stale.Origin);
            }
        }
        foreach (var item in work)
        {
            if (item.Version is { } version) { _parts.Signing.Keep(version); }
        }
        foreach (var gone in removed)
        {
            _parts.Notifier.Forget(gone);
            try { _parts.Journals.Drop(gone); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _logger.LogWarning("zone {Zone}: no longer served, but its journal could not be removed: {Error}", gone, e.Message);
            }
        }
    }

    /// <summary>NOTIFY (RFC 1996) for every new version, now that it is served.</summary>
    private void NotifyStep(List<ServedZone> published)
    {
        lock (_notifyLock)
        {
            if (!_notifying) { return; }
            foreach (var zone in published) { NotifyIsolated(zone); }
        }
    }

    private static string Why(Exception e) => e is PublishFailedException ? e.Message : $"{e.GetType().Name}: {e.Message}";
}
