using Desec.Auth.Config;
using Desec.Auth.Server;
using Desec.Tests.Shared;
using Desec.Zone.Names;
using Microsoft.Extensions.Logging;

namespace Desec.Auth.Tests.Server;

/// <summary>
/// Faults in one zone's state stop that zone only: a damaged serial file, a private key open to others,
/// a zone file the reader cannot take. The others are served, the log names the file and why, and the
/// state folder is made 0700.
/// </summary>
public sealed class StateFaultTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "state-fault-" + Guid.NewGuid().ToString("N")[..8]);
    private string Zones => Path.Combine(_directory, "zones");
    private string State => Path.Combine(_directory, "state");

    public StateFaultTests()
    {
        Directory.CreateDirectory(Zones);
        foreach (var name in new[] { "a.example", "b.example", "/tmp/x" })
        {
            // The zone's name is the file's name, '/' written as \047 (a file name cannot hold it).
            string file = Path.Combine(Zones, name.Replace("/", "\\047") + ".zone");
            File.WriteAllText(file, $"$ORIGIN {name}.\n$TTL 300\n@ SOA ns1.example. h.example. 5 2 3 4 5\n@ NS ns1.example.\nwww A 192.0.2.1\n");
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private async Task<(List<string> Served, string Log)> StartAsync()
    {
        var log = new LogLines();
        var config = new ServerConfig { Zones = Zones, State = State, Listen = ["127.0.0.1:0"] };
        await using var server = new DnsServer(config, LoggerFactory.Create(b => b.AddProvider(log)));
        await server.StartAsync(CancellationToken.None);
        var served = server.Store.Current.Zones.Select(z => z.Origin.ToString()).Order(StringComparer.Ordinal).ToList();
        await server.StopAsync(CancellationToken.None);
        return (served, log.Text);
    }

    [Fact]
    public async Task A_damaged_serial_file_stops_its_zone_only()
    {
        var (served, _) = await StartAsync();
        Assert.Equal(["/tmp/x.", "a.example.", "b.example."], served);
        Assert.False(File.Exists("/tmp/x.serial"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(State));
        }

        string serial = Path.Combine(State, "serials", "a.example.serial");
        File.WriteAllText(serial, "garbage\n");
        File.AppendAllText(Path.Combine(Zones, "a.example.zone"), "new A 192.0.2.2\n"); // a new version needs a serial
        (served, string log) = await StartAsync();
        Assert.Equal(["/tmp/x.", "b.example."], served);
        Assert.Contains($"serial file {serial} holds 'garbage', not a serial", log);
        Assert.Equal("garbage\n", File.ReadAllText(serial));
    }

    [Fact]
    public async Task A_private_key_open_to_others_stops_its_zone_only()
    {
        await StartAsync();
        if (OperatingSystem.IsWindows()) { return; }
        string key = Directory.GetFiles(Path.Combine(State, "keys"), "Kb.example.+*.private").Single();
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var (served, log) = await StartAsync();
        Assert.Equal(["/tmp/x.", "a.example."], served);
        Assert.Contains($"{key}: has mode 0644", log);
    }
}
