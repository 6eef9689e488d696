using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Interop.Tests.Serving;

namespace Interop.Tests.Transfer;

/// <summary>
/// NSD (4.6) as a secondary of our server, on a free loopback port, its files in a temporary
/// folder. It runs in the foreground (<c>-d</c>) as the current user (<c>username: ""</c>), with
/// Debian's response-rate limiting turned off so that the test's queries are all answered.
/// </summary>
public sealed partial class NsdSecondary : ISecondaryPeer
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _log = new();

    /// <param name="key">Transfers are requested with this key, and NOTIFY is accepted only when signed with it.</param>
    public NsdSecondary(IPEndPoint primary, IEnumerable<string> zones, int port, PeerKey key)
    {
        _directory = Path.Combine(Path.GetTempPath(), "nsd-secondary-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
        Port = port;
        var config = new StringBuilder($"""
            server:
                ip-address: 127.0.0.1@{port}
                port: {port}
                do-ip6: no
                username: ""
                chroot: ""
                zonesdir: "{_directory}"
                database: ""
                pidfile: "{_directory}/nsd.pid"
                xfrdfile: "{_directory}/xfrd.state"
                xfrdir: "{_directory}"
                zonelistfile: "{_directory}/zone.list"
                cookie-secret-file: "{_directory}/cookiesecrets.txt"
                verbosity: 2
                server-count: 1
                rrl-ratelimit: 0
                rrl-whitelist-ratelimit: 0
                zonefiles-write: 0
            remote-control:
                control-enable: no
            key:
                name: "{key.Name}"
                algorithm: {key.Algorithm}
                secret: "{key.Secret}"

            """);
        foreach (var zone in zones)
        {
            config.Append($"""
                zone:
                    name: "{zone}"
                    zonefile: "{_directory}/{zone}zone"
                    request-xfr: {primary.Address}@{primary.Port} {key.Name}
                    allow-notify: {primary.Address} {key.Name}

                """);
        }
        string configPath = Path.Combine(_directory, "nsd.conf");
        File.WriteAllText(configPath, config.ToString());
        _process = SecondaryPeer.Start("nsd", ["-d", "-c", configPath], _log);
    }

    public string Name => "NSD";
    public int Port { get; }
    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);
    public string Log { get { lock (_log) { return _log.ToString(); } } }

    public bool WaitForZone(string zone, TimeSpan timeout) => SecondaryPeer.WaitForZone(_process, Port, zone, timeout);

    /// <summary>
    /// NSD asks for IXFR first (its default for <c>request-xfr</c> over TCP) but does not log which
    /// form the answer had; it logs the octets of each update. An update that is a small fraction of
    /// the first (whole-zone) transfer was a difference. The server's own log line says so too.
    /// </summary>
    public bool UsedIxfr
    {
        get
        {
            var sizes = UpdateSize().Matches(Log).Select(m => long.Parse(m.Groups[1].Value)).ToList();
            return sizes.Count >= 2 && sizes[^1] * 3 < sizes[0];
        }
    }

    [GeneratedRegex(@"received update to serial \d+ .* of (\d+) bytes")]
    private static partial Regex UpdateSize();

    public void Dispose() => SecondaryPeer.Stop(_process, _directory);
}
