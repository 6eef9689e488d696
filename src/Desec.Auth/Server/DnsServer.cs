using System.Net;
using System.Runtime.InteropServices;
using Desec.Auth.Config;
using Desec.Auth.Publishing;
using Desec.Auth.Query;
using Desec.Auth.Sources;
using Desec.Auth.Transport;
using Desec.Auth.Zones;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Desec.Auth.Server;

/// <summary>What tests (and later metrics) may hook into the server: a watcher of the publishing steps, and faster retries.</summary>
public sealed record ServerHooks(IPublishObserver? Observer = null, RetryPolicy? Retry = null);

/// <summary>
/// The running server, as a host that wires things up: the zone sources and the publisher (which
/// reads, signs, journals, serves and notifies), UDP and TCP on every listen address, and the
/// triggers that post reasons to publish (SIGHUP, the zone folder's watch, the signature refresh
/// timer; the database listener posts its own).
/// </summary>
public sealed class DnsServer(ServerConfig config, ILoggerFactory loggers, TimeProvider? clock = null, ServerHooks? hooks = null)
    : IHostedService, IAsyncDisposable
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ILogger _logger = loggers.CreateLogger("desec-auth");
    private readonly ZoneStore _store = new();
    private readonly List<UdpListener> _udp = [];
    private readonly List<TcpListener> _tcp = [];
    private TcpConnectionTable? _tcpClients;
    private Transfer.Notifier? _notifier;
    private Transfer.Journals _journals = null!;
    private ZoneSources? _sources;
    private SigningStep? _signing;
    private ZonePublisher? _publisher;
    private PosixSignalRegistration? _hangup;
    private Timer? _refresh;
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;

    public ZoneStore Store => _store;
    public IReadOnlyList<IPEndPoint> UdpEndPoints => _udp.Select(l => l.LocalEndPoint).ToList();
    public IReadOnlyList<IPEndPoint> TcpEndPoints => _tcp.Select(l => l.LocalEndPoint).ToList();

    /// <summary>The zone database, when zones come from PostgreSQL.</summary>
    public DatabaseZoneSource? Database => _sources?.Database;

    /// <summary>The publishing pipeline (for tests: zone status, rounds).</summary>
    public ZonePublisher Publisher => _publisher ?? throw new InvalidOperationException("not started");

    /// <summary>The journals of every zone (for tests).</summary>
    public Transfer.Journals Journals => _journals;

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
        var keyring = config.TsigKeyring();
        _sources = new ZoneSources(config, _logger);
        _signing = new SigningStep(config.State, _sources.PolicyFor, _clock, _logger, hooks?.Retry);
        _journals = new Transfer.Journals(Path.Combine(config.State, "journal"), config.JournalLimitsFor, _clock);
        _notifier = new Transfer.Notifier(_logger, _clock, config.NotifyOptions());
        _publisher = new ZonePublisher(config,
            new PublisherParts(_store, _sources, _signing, new CatalogStep(config, config.State, _logger), _journals, _notifier, keyring),
            _logger, _clock, hooks?.Retry ?? config.PublishRetry(), hooks?.Observer);
        var failures = await _sources.LoadAsync(_publisher.Post, cancellationToken);
        // Nothing is served before it is signed, so a restart after long downtime never serves expired signatures.
        await _publisher.FirstRoundAsync(failures, cancellationToken);
        _publisher.Start();
        _sources.Start();
        // Signatures are refreshed when they reach their refresh point (checked every minute).
        _refresh = new Timer(_ =>
        {
            if (_publisher.NextRefresh() <= _clock.GetUtcNow()) { _publisher.Post(null, PublishReason.SignatureRefresh); }
        }, null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
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
        var handler = new QueryHandler(new Answerer(_store), options, transfers, keyring, _clock, _logger);
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
        _publisher.StartNotifying();
    }

    /// <summary>
    /// SIGHUP and (by policy) changes in the zone folder post a reload. Both are set up before the
    /// listeners open and "listening on" is logged, so that a change or a signal sent as soon as the
    /// server answers is never lost (nor a SIGHUP taken with its default action, ending the process).
    /// </summary>
    private void StartReloadTriggers()
    {
        if (config.WatchZones && config.ZonesFolder is { } watched && System.IO.Directory.Exists(watched))
        {
            // Editors write files in several steps; reload once things have been quiet for half a second.
            _debounce = new Timer(_ => _publisher!.Post(null, PublishReason.FolderChanged));
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
                _publisher!.Post(null, PublishReason.Hangup);
            });
        }
    }

    /// <summary>Asks for the zone folder to be read again and every database zone's version compared (as SIGHUP does).</summary>
    public void Reload() => _publisher?.Post(null, PublishReason.Hangup);

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        _watcher?.Dispose();
        _watcher = null;
        if (_debounce is not null) { await _debounce.DisposeAsync(); }
        _debounce = null;
        _hangup?.Dispose();
        _hangup = null;
        if (_refresh is not null) { await _refresh.DisposeAsync(); }
        _refresh = null;
        if (_sources is not null) { await _sources.DisposeAsync(); }
        if (_publisher is not null) { await _publisher.DisposeAsync(); }
        foreach (var listener in _udp) { await listener.DisposeAsync(); }
        foreach (var listener in _tcp) { await listener.DisposeAsync(); }
        _udp.Clear();
        _tcp.Clear();
        _tcpClients?.Dispose();
        if (_notifier is not null) { await _notifier.DisposeAsync(); }
        if (_signing is not null) { await _signing.FlushAsync(); }
    }
}
