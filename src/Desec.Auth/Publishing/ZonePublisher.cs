using Desec.Auth.Config;
using Desec.Auth.Sources;
using Desec.Auth.Transfer;
using Desec.Auth.Zones;
using Desec.Zone.Names;
using Microsoft.Extensions.Logging;

namespace Desec.Auth.Publishing;

/// <summary>What the publisher works with besides the config.</summary>
public sealed record PublisherParts(ZoneStore Store, ZoneSources Sources, SigningStep Signing, CatalogStep Catalog, Journals Journals,
    Notifier Notifier, Desec.Zone.Tsig.TsigKeyring Keyring);

/// <summary>
/// The one publishing pipeline. Every reason to publish (start-up, SIGHUP, the folder watch, a database
/// notification, signature refresh, a retry) arrives through <see cref="Queue"/>; each round takes all
/// that is pending and runs, per zone, source -> sign -> journal (with the catalog) -> store -> NOTIFY.
/// Zones are isolated: a zone that fails at any step, for any reason, keeps its last good version
/// serving, is logged (and written to <c>zone_errors</c> when it comes from the database) and is
/// tried again after a back-off; the other zones of the round go on. A version is served only once
/// its journal entry is on disk, NOTIFY goes out only once it is served, and it is written to the
/// state folder once it is served.
/// </summary>
public sealed partial class ZonePublisher : IAsyncDisposable
{
    private readonly ServerConfig _config;
    private readonly PublisherParts _parts;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly RetryPolicy _retry;
    private readonly IPublishObserver? _observer;
    private readonly Dictionary<DnsName, ZoneState> _zones = [];
    private readonly Lock _statesLock = new();
    private readonly Lock _notifyLock = new();
    private readonly CancellationTokenSource _stop = new();
    private bool _notifying;
    private int _sourceFailures;
    private bool _sourceRetryPending;
    private Task? _loop;

    public ZonePublisher(ServerConfig config, PublisherParts parts, ILogger logger, TimeProvider clock, RetryPolicy? retry = null, IPublishObserver? observer = null)
    {
        _config = config;
        _parts = parts;
        _logger = logger;
        _clock = clock;
        _retry = retry ?? RetryPolicy.Default;
        _observer = observer;
    }

    /// <summary>Where reasons to publish go.</summary>
    public PublishQueue Queue { get; } = new();

    public void Post(DnsName? zone, PublishReason reason) => Queue.Post(zone, reason);

    /// <summary>Rounds completed so far (for tests that wait for the publisher to settle).</summary>
    public int Rounds => Volatile.Read(ref _rounds);
    private int _rounds;

    /// <summary>The publisher's view of one zone; null for a zone it does not know.</summary>
    public ZoneStatus? StatusOf(DnsName zone)
    {
        lock (_statesLock) { return _zones.TryGetValue(zone, out var state) ? state.Status : null; }
    }

    /// <summary>The first round, before anything is served or listened to: every zone is read and signed (or restored).</summary>
    public async Task FirstRoundAsync(IReadOnlyList<SourceFailure> failures, CancellationToken cancel)
    {
        var batch = new PublishBatch();
        batch.Add(PublishRequest.All(PublishReason.Startup));
        await RoundAsync(batch, failures, cancel);
    }

    /// <summary>Starts taking rounds from the queue.</summary>
    public void Start() => _loop ??= Task.Run(() => LoopAsync(_stop.Token));

    /// <summary>
    /// The listeners are open: NOTIFY every zone now (a secondary asks for it at once, and catches up
    /// after a restart), and every new version from here on.
    /// </summary>
    public void StartNotifying()
    {
        lock (_notifyLock)
        {
            _notifying = true;
            foreach (var zone in _parts.Store.Current.Zones) { NotifyIsolated(zone); }
        }
    }

    /// <summary>The earliest moment a served zone needs signing again.</summary>
    public DateTimeOffset NextRefresh()
    {
        lock (_statesLock)
        {
            return _zones.Values.Select(s => s.Served?.Served.Signed?.RefreshAt ?? DateTimeOffset.MaxValue)
                .DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        }
    }

    private async Task LoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            PublishBatch batch;
            try { batch = await Queue.NextBatchAsync(stop); }
            catch (OperationCanceledException) { return; }
            catch (System.Threading.Channels.ChannelClosedException) { return; }
            try
            {
                await RoundAsync(batch, null, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Not one zone's failure (those are caught per zone): the round as a whole. Everything
                // served stays; everything is read again after the back-off.
                _logger.LogError(e, "publishing ({Reasons}) failed; the zones served stay as they are", batch);
                SourceFailed();
            }
        }
    }

    /// <summary>A zone failed at a step: logged, recorded for a database zone, and tried again after its back-off.</summary>
    /// <param name="attempted">The source's version that was being published (null at the source step).</param>
    private void ZoneFailed(DnsName zone, PublishStep step, string why, Desec.Zone.Zones.Zone? attempted = null)
    {
        TimeSpan wait;
        uint? serving;
        bool record, schedule;
        lock (_statesLock)
        {
            ZoneState? state = zone == _parts.Catalog.Name ? _catalogState : null;
            if (state is null && !_zones.TryGetValue(zone, out state)) { _zones[zone] = state = new ZoneState(zone); }
            // Once per streak and step in zone_errors: a retry that fails the same way adds nothing.
            record = state.Failures == 0 || state.FailedStep != step;
            state.Failures++;
            state.FailedStep = step;
            state.LastError = why;
            serving = state.Served?.Served.Zone.Serial;
            wait = _retry.After(state.Failures);
            state.NextTry = _clock.GetUtcNow() + wait;
            if (attempted is not null) { state.AttemptedFrom = attempted; }
            schedule = !state.RetryPending;
            state.RetryPending = true;
        }
        _logger.LogError("zone {Zone}: {Step} failed: {Why}; {Serving}, trying again in {Seconds:0.#} s",
            zone, StepName(step), why, serving is { } s ? $"serial {s} stays served" : "not served yet", wait.TotalSeconds);
        // The database source records its own refusals and failures; later steps are recorded here.
        if (record && step != PublishStep.Source && _parts.Sources.IsFromDatabase(zone) && _parts.Sources.Database is { } database)
        {
            _ = database.RecordFailureAsync(zone, $"{StepName(step)}: {why}", _stop.Token);
        }
        if (schedule) { PostLater(zone, wait); }
    }

    /// <summary>A source as a whole could not be read (or a round failed): everything is read again after a back-off.</summary>
    private void SourceFailed()
    {
        TimeSpan wait;
        lock (_statesLock)
        {
            _sourceFailures++;
            if (_sourceRetryPending) { return; }
            _sourceRetryPending = true;
            wait = _retry.After(_sourceFailures);
        }
        PostLater(null, wait);
    }

    private void PostLater(DnsName? zone, TimeSpan wait)
    {
        _ = Task.Delay(wait, _clock, _stop.Token).ContinueWith(t =>
        {
            if (!t.IsCanceled) { Post(zone, PublishReason.Retry); }
        }, TaskScheduler.Default);
    }

    private static string StepName(PublishStep step) => step.ToString().ToLowerInvariant();

    private void NotifyIsolated(ServedZone zone)
    {
        try
        {
            _observer?.BeforeStep(zone.Origin, PublishStep.Notify, zone.Zone.Serial);
            var targets = _config.NotifyTargetsFor(zone.Origin, _parts.Keyring);
            if (targets.Count > 0) { _parts.Notifier.Notify(zone.Origin, zone.Zone.Serial, zone.Zone.Soa.Records.FirstOrDefault(), targets); }
        }
        catch (Exception e)
        {
            // The version is served; secondaries will find it at their next refresh.
            _logger.LogError("zone {Zone}: notify failed: {Why}; secondaries find serial {Serial} at their next refresh", zone.Origin, e.Message, zone.Zone.Serial);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) { await _stop.CancelAsync(); }
        Queue.Complete();
        if (_loop is not null)
        {
            try { await _loop; } catch (OperationCanceledException) { }
        }
    }
}
