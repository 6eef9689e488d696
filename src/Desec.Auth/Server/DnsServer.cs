using System.Net;
using System.Runtime.InteropServices;
using Desec.Auth.Config;
using Desec.Auth.Query;
using Desec.Auth.Sources;
using Desec.Auth.Transport;
using Desec.Auth.Zones;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Desec.Auth.Server;

/// <summary>
/// The running server: loads the zones, publishes them, opens UDP and TCP on every listen
/// address, reloads changed zone files on SIGHUP, and follows the zone database live.
/// </summary>
public sealed class DnsServer(ServerConfig config, ILoggerFactory loggers, TimeProvider? clock = null) : IHostedService, IAsyncDisposable
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ILogger _logger = loggers.CreateLogger("desec-auth");
    private readonly ZoneStore _store = new();
    private readonly List<UdpListener> _udp = [];
    private readonly List<TcpListener> _tcp = [];
    private TcpConnectionTable? _tcpClients;
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Transfer.Notifier? _notifier;
    private Transfer.Journals _journals = null!;
    private Desec.Zone.Tsig.TsigKeyring _keyring = Desec.Zone.Tsig.TsigKeyring.Empty;
    private ZoneSources? _sources;
    private SigningService? _signing;
    private PosixSignalRegistration? _hangup;
    private Timer? _refresh;
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;

    public ZoneStore Store => _store;
    public IReadOnlyList<IPEndPoint> UdpEndPoints => _udp.Select(l => l.LocalEndPoint).ToList();
    public IReadOnlyList<IPEndPoint> TcpEndPoints => _tcp.Select(l => l.LocalEndPoint).ToList();

    /// <summary>The zone database, when zones come from PostgreSQL.</summary>
    public DatabaseZoneSource? Database => _sources?.Database;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var endpoints = config.Validate();
        // Every TCP connection holds a file descriptor: the soft RLIMIT_NOFILE goes up to the hard one.
        var tcpOptions = config.TcpOptions(FileDescriptorLimit.RaiseToHard(_logger));
        foreach (var advice in config.Advice()) { _logger.LogWarning("config: {Advice}", advice); }
        try
        {
            foreach (var note in Desec.Signer.Storage.StateFolder.Prepare(config.State)) { _logger.LogWarning("{Note}", note); }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"state: cannot prepare the state folder {config.State}: {e.Message}");
        }
        _sources = new ZoneSources(config, _logger);
        _signing = new SigningService(config.State, _sources.PolicyFor, _clock, _logger);
        await _sources.LoadAsync(DatabaseChangedAsync, cancellationToken);
        // Nothing is served before it is signed, so a restart after long downtime never serves expired signatures.
        var zones = _signing.Publish(_sources.All());
        _notifier = new Transfer.Notifier(_logger, _clock);
        _keyring = config.TsigKeyring();
        _journals = new Transfer.Journals(Path.Combine(config.State, "journal"), config.JournalLimitsFor, _clock);
        Publish(zones, notify: false);
        _logger.LogInformation("{Count} zones served", zones.Count);
        // Loading and signing leave garbage several times the size of what is served; hand it back
        // to the system once, before the listeners open (a blocking collection costs no answers here).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        _sources.Start();
        // Signatures are refreshed when they reach their refresh point (checked every minute).
        _refresh = new Timer(_ => { if (_signing.NextRefresh() <= _clock.GetUtcNow()) { _ = Task.Run(ReloadAsync); } },
            null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        StartReloadTriggers();

        var options = new AnswerOptions
        {
            MaxUdpPayload = config.MaxUdpPayload,
            Nsid = config.Nsid is null ? [] : System.Text.Encoding.UTF8.GetBytes(config.Nsid),
            CookieSecret = config.CookieSecretBytes(),
        };
        // ACLs are parsed once per zone origin and kept: the config does not change while running.
        var acls = new System.Collections.Concurrent.ConcurrentDictionary<Desec.Zone.Names.DnsName, Desec.Auth.Transfer.TransferAcl>();
        var transfers = new Desec.Auth.Transfer.ZoneTransfers(_store, zone => acls.GetOrAdd(zone, config.TransferAclFor), _journals);
        var handler = new QueryHandler(new Answerer(_store), options, transfers, _keyring, _clock, _logger);
        _tcpClients = new TcpConnectionTable(tcpOptions, _logger);
        int sockets = config.UdpSocketsPerAddress > 0 ? config.UdpSocketsPerAddress : Environment.ProcessorCount;
        foreach (var endpoint in endpoints)
        {
            // TCP first, so that an ephemeral port (0) chosen there is then used for UDP too.
            var tcp = new TcpListener(endpoint, handler, _logger, _tcpClients);
            var udp = new UdpListener(new IPEndPoint(endpoint.Address, tcp.LocalEndPoint.Port), handler, _logger, sockets);
            _tcp.Add(tcp);
            _udp.Add(udp);
            tcp.Start();
            udp.Start();
            _logger.LogInformation("listening on {EndPoint} (UDP with {Sockets} sockets, TCP)", udp.LocalEndPoint, sockets);
        }
        // NOTIFY (RFC 1996) only now that the listeners are open: a secondary asks for the zone at once.
        foreach (var zone in _store.Current.Zones) { Notify(zone); }
    }

    /// <summary>
    /// SIGHUP and (by policy) changes in the zone folder start a reload. Both are set up before the
    /// listeners open and "listening on" is logged, so that a change or a signal sent as soon as the
    /// server answers is never lost (nor a SIGHUP taken with its default action, ending the process).
    /// </summary>
    private void StartReloadTriggers()
    {
        if (config.WatchZones && config.ZonesFolder is { } watched && System.IO.Directory.Exists(watched))
        {
            // Editors write files in several steps; reload once things have been quiet for half a second.
            _debounce = new Timer(_ => _ = Task.Run(ReloadAsync));
            _watcher = new FileSystemWatcher(watched, "*.zone") { NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
            FileSystemEventHandler changed = (_, _) => _debounce.Change(TimeSpan.FromMilliseconds(500), Timeout.InfiniteTimeSpan);
            _watcher.Changed += changed;
            _watcher.Created += changed;
            _watcher.Deleted += changed;
            _watcher.Renamed += (_, _) => _debounce.Change(TimeSpan.FromMilliseconds(500), Timeout.InfiniteTimeSpan);
            _watcher.EnableRaisingEvents = true;
        }
        if (!OperatingSystem.IsWindows())
        {
            _hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                _ = Task.Run(ReloadAsync);
            });
        }
    }

    /// <summary>New versions from the database: signed (reusing signatures over what did not change), journaled, NOTIFY sent.</summary>
    private async Task DatabaseChangedAsync()
    {
        await _reloading.WaitAsync();
        try
        {
            Publish(_signing!.Publish(_sources!.All()));
        }
        catch (Exception e)
        {
            _logger.LogError(e, "publishing database changes failed; the zones served stay as they were");
        }
        finally
        {
            _reloading.Release();
        }
    }

    /// <summary>Re-reads changed zone files and publishes the new set atomically.</summary>
    public async Task ReloadAsync()
    {
        await _reloading.WaitAsync();
        try
        {
            _sources!.ReloadFiles();
            var zones = _signing!.Publish(_sources.All());
            Publish(zones);
            _logger.LogInformation("{Count} zones served", zones.Count);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "reload failed; the zones served stay as they were");
        }
        finally
        {
            _reloading.Release();
        }
    }

    /// <summary>
    /// Publishes the zones atomically, then sends NOTIFY (RFC 1996) for every zone whose version is
    /// new (at start-up every zone, once the listeners are open, so secondaries catch up after a restart).
    /// </summary>
    private void Publish(IReadOnlyList<ServedZone> zones, bool notify = true)
    {
        zones = WithCatalog(zones);
        var before = _store.Current;
        _store.Update(_ => new ZoneSet(zones));
        foreach (var zone in zones)
        {
            var previous = before.Get(zone.Origin);
            if (ReferenceEquals(previous, zone)) { continue; }
            // A zone new to this process goes on from the version kept in the state folder (served before a restart).
            previous ??= _signing?.RestoredVersion(zone.Origin);
            if (previous is not null && previous.Zone.Serial != zone.Zone.Serial)
            {
                // Kept for IXFR (RFC 1995): what changed from the version served until now.
                var (removed, added) = Transfer.VersionDiff.Between(previous, zone);
                _journals.Get(zone.Origin).AppendDifference(previous.Zone.Serial, zone.Zone.Serial, removed, added);
            }
            if (notify) { Notify(zone); }
        }
    }

    private void Notify(ServedZone zone)
    {
        var targets = config.NotifyTargetsFor(zone.Origin, _keyring);
        if (targets.Count > 0) { _notifier!.Notify(zone.Origin, zone.Zone.Serial, targets, _stopping.Token); }
    }

    private ServedZone? _catalog;
    private string _catalogMembers = "";

    /// <summary>
    /// Adds the catalog zone (RFC 9432) when one is configured: a new version (higher serial) when the
    /// set of member zones or their groups changed, the same one otherwise.
    /// </summary>
    private IReadOnlyList<ServedZone> WithCatalog(IReadOnlyList<ServedZone> zones)
    {
        var name = config.CatalogName();
        if (name is null) { return zones; }
        var members = zones.Select(z => z.Origin).Where(o => o != name).OrderBy(o => o).ToList();
        string key = string.Join('\n', members.Select(m => $"{m} {config.CatalogGroupFor(m)}"));
        if (_catalog is null || key != _catalogMembers)
        {
            uint serial = new Desec.Signer.Signing.SerialStore(config.State).Next(name, 1);
            _catalog = new ServedZone(Catalog.CatalogZone.Build(name, serial, members, config.CatalogGroupFor));
            _catalogMembers = key;
            _logger.LogInformation("catalog zone {Catalog}: serial {Serial}, {Members} member zones", name, serial, members.Count);
        }
        return [.. zones.Where(z => z.Origin != name), _catalog];
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested) { await _stopping.CancelAsync(); }
        if (_sources is not null) { await _sources.DisposeAsync(); }
        _watcher?.Dispose();
        _watcher = null;
        if (_debounce is not null) { await _debounce.DisposeAsync(); }
        _debounce = null;
        _hangup?.Dispose();
        _hangup = null;
        if (_refresh is not null) { await _refresh.DisposeAsync(); }
        _refresh = null;
        foreach (var listener in _udp) { await listener.DisposeAsync(); }
        foreach (var listener in _tcp) { await listener.DisposeAsync(); }
        _udp.Clear();
        _tcp.Clear();
        _tcpClients?.Dispose();
        if (_signing is not null) { await _signing.FlushAsync(); }
    }
}
