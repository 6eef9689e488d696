using System.Collections.Concurrent;
using Desec.Auth.Config;
using Desec.Auth.Publishing;
using Desec.Auth.Server;
using Desec.Auth.Zones;
using Desec.Zone.Names;
using Microsoft.Extensions.Logging;

namespace Desec.Auth.Tests.Publishing;

/// <summary>
/// Watches the publisher's steps: it can make one step of one zone throw (or wait at a gate), and it
/// keeps the order in which steps ran.
/// </summary>
public sealed class StepObserver : IPublishObserver
{
    private readonly ConcurrentDictionary<(DnsName, PublishStep), bool> _faults = new();

    public ConcurrentQueue<(DnsName Zone, PublishStep Step, uint? Serial)> Seen { get; } = new();

    /// <summary>Runs before each step (after the fault check); a throw counts as the step's failure.</summary>
    public Action<DnsName, PublishStep, uint?>? Before { get; set; }

    public void Fail(string zone, PublishStep step) => _faults[(DnsName.Parse(zone), step)] = true;

    public void Heal(string zone, PublishStep step) => _faults.TryRemove((DnsName.Parse(zone), step), out _);

    public void BeforeStep(DnsName zone, PublishStep step, uint? serial)
    {
        Seen.Enqueue((zone, step, serial));
        if (_faults.ContainsKey((zone, step))) { throw new IOException($"injected failure of {step} for {zone}"); }
        Before?.Invoke(zone, step, serial);
    }
}

/// <summary>
/// A server in this process over a zone folder of small zones (<c>a.test.</c>, <c>b.test.</c>, ...),
/// with fast retries, a <see cref="StepObserver"/> and a <see cref="FakeSecondary"/> to NOTIFY.
/// </summary>
public sealed class PublisherFixture : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "publisher-" + Guid.NewGuid().ToString("N")[..8]);

    private PublisherFixture() { }

    private readonly LogLines _log = new();

    public StepObserver Observer { get; } = new();

    /// <summary>Every line the server logged, for failure messages.</summary>
    public string Log => _log.Text;
    public FakeSecondary Secondary { get; } = new();
    public DnsServer Server { get; private set; } = null!;
    public string Zones => Path.Combine(_directory, "zones");
    public string State => Path.Combine(_directory, "state");

    public static readonly RetryPolicy FastRetry = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));

    /// <summary>Writes the zones and starts the server; <paramref name="before"/> runs first (to make a step fail at start-up).</summary>
    public static async Task<PublisherFixture> StartAsync(string[] zones, Action<PublisherFixture>? before = null, string? catalog = null,
        RetryPolicy? retry = null)
    {
        var fixture = new PublisherFixture();
        Directory.CreateDirectory(fixture.Zones);
        foreach (var zone in zones) { fixture.Write(zone, []); }
        before?.Invoke(fixture);
        var config = new ServerConfig
        {
            Zones = fixture.Zones,
            State = fixture.State,
            Listen = ["127.0.0.1:0"],
            Notify = [fixture.Secondary.EndPoint.ToString()],
            Catalog = catalog,
        };
        fixture.Server = new DnsServer(config, LoggerFactory.Create(b => b.AddProvider(fixture._log)), null, new ServerHooks(fixture.Observer, retry ?? FastRetry));
        await fixture.Server.StartAsync(CancellationToken.None);
        return fixture;
    }

    public string PathOf(string zone) => Path.Combine(Zones, zone + "zone");

    /// <summary>Writes a zone file with SOA, NS, the name server's address and one A record per extra name.</summary>
    public void Write(string zone, IEnumerable<string> names)
    {
        var lines = new List<string> { $"$ORIGIN {zone}", "$TTL 300", "@ SOA ns1 hostmaster 1 7200 1800 1209600 300", "@ NS ns1", "ns1 A 192.0.2.53" };
        lines.AddRange(names.Select(n => $"{n} A 192.0.2.1"));
        File.WriteAllLines(PathOf(zone), lines);
    }

    public void Add(string zone, string name) => File.AppendAllText(PathOf(zone), $"{name} A 192.0.2.1\n");

    public ServedZone? Served(string zone) => Server.Store.Current.Get(DnsName.Parse(zone));

    public uint? Serial(string zone) => Served(zone)?.Zone.Serial;

    public bool Serves(string zone, string name) =>
        Served(zone)?.Zone.Records.Any(r => r.Owner == DnsName.Parse(name + "." + zone)) == true;

    public ZoneStatus? Status(string zone) => Server.Publisher.StatusOf(DnsName.Parse(zone));

    public static bool WaitUntil(Func<bool> condition, double seconds = 15) => FakeSecondary.WaitUntil(condition, TimeSpan.FromSeconds(seconds));

    public async ValueTask DisposeAsync()
    {
        if (Server is not null) { await Server.DisposeAsync(); }
        Secondary.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private sealed class LogLines : ILoggerProvider, ILogger
    {
        private readonly System.Text.StringBuilder _text = new();
        public string Text { get { lock (_text) { return _text.ToString(); } } }
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_text) { _text.Append(logLevel).Append(": ").AppendLine(formatter(state, exception)); }
        }
        public void Dispose() { }
    }
}
