using System.Net;
using Desec.Auth.Config;
using Desec.Auth.Server;
using Desec.Auth.Zones;
using Desec.Zone.Names;
using Desec.Tests.Shared;
using Interop.Tests.Serving;
using Microsoft.Extensions.Logging;

namespace Interop.Tests.Postgres;

/// <summary>Our server in this process, serving zones from a test database on a free loopback port; its log is kept.</summary>
public sealed class DatabaseServer : IAsyncDisposable
{
    private readonly LogLines _log;
    private readonly string _directory;

    private DatabaseServer(string directory, DnsServer server, LogLines log)
    {
        _directory = directory;
        Server = server;
        _log = log;
    }

    public DnsServer Server { get; }
    public IPEndPoint EndPoint => Server.UdpEndPoints[0];
    public string Log => _log.Text;

    public static async Task<DatabaseServer> StartAsync(string connectionString, Func<ServerConfig, ServerConfig>? configure = null, int port = 0)
    {
        string directory = Path.Combine(Path.GetTempPath(), "db-server-" + Guid.NewGuid().ToString("N")[..8]);
        var config = new ServerConfig { Database = connectionString, State = Path.Combine(directory, "state"), Listen = [$"127.0.0.1:{port}"] };
        config = configure?.Invoke(config) ?? config;
        var log = new LogLines();
        var server = new DnsServer(config, LoggerFactory.Create(b => b.AddProvider(log).SetMinimumLevel(LogLevel.Information)));
        try
        {
            await server.StartAsync(CancellationToken.None);
        }
        catch
        {
            await server.DisposeAsync();
            try { Directory.Delete(directory, recursive: true); } catch (DirectoryNotFoundException) { }
            throw;
        }
        return new DatabaseServer(directory, server, log);
    }

    public ServedZone? Zone(string name) => Server.Store.Current.Get(DnsName.Parse(name));

    /// <summary>Polls until <paramref name="condition"/> holds; false after <paramref name="timeout"/>.</summary>
    public static async Task<bool> WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition()) { return true; }
            await Task.Delay(20);
        }
        return condition();
    }

    /// <summary>One UDP question to the server, summarised.</summary>
    public ResponseSummary? Ask(string name, ushort type)
    {
        var answer = RawDnsClient.Udp(EndPoint, KnotDifferentialTests.Query(name, type, (ushort)Random.Shared.Next(1, 65535)), 2000);
        return answer is null ? null : ResponseSummary.Parse(answer);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
