using System.Diagnostics;
using System.Net;
using System.Text;
using Interop.Tests.Serving;

namespace Interop.Tests.Transfer;

/// <summary>
/// BIND (named 9.18) as a secondary of our server, on a free loopback port, its files in a
/// temporary folder. It runs in the foreground with its log on stderr (<c>-g</c>, debug level 3 so
/// that the transfer form is logged) and, without <c>-u</c>, keeps the current user.
/// </summary>
public sealed class BindSecondary : ISecondaryPeer
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _log = new();

    /// <param name="key">Transfers are requested with this key, and NOTIFY is accepted only when signed with it.</param>
    public BindSecondary(IPEndPoint primary, IEnumerable<string> zones, int port, PeerKey key)
    {
        _directory = Path.Combine(Path.GetTempPath(), "bind-secondary-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
        Port = port;
        var config = new StringBuilder($$"""
            options {
                directory "{{_directory}}";
                listen-on port {{port}} { 127.0.0.1; };
                listen-on-v6 { none; };
                pid-file "{{_directory}}/named.pid";
                session-keyfile "{{_directory}}/session.key";
                managed-keys-directory "{{_directory}}";
                recursion no;
                notify no;
                dnssec-validation no;
            };
            controls { };
            key "{{key.Name}}" { algorithm {{key.Algorithm}}; secret "{{key.Secret}}"; };

            """);
        foreach (var zone in zones)
        {
            config.Append($$"""
                zone "{{zone}}" {
                    type secondary;
                    primaries port {{primary.Port}} { {{primary.Address}} key "{{key.Name}}"; };
                    file "{{_directory}}/{{zone}}db";
                    allow-notify { key "{{key.Name}}"; };
                };

                """);
        }
        string configPath = Path.Combine(_directory, "named.conf");
        File.WriteAllText(configPath, config.ToString());
        _process = SecondaryPeer.Start("named", ["-g", "-d", "3", "-c", configPath], _log);
    }

    public string Name => "BIND";
    public int Port { get; }
    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);
    public string Log { get { lock (_log) { return _log.ToString(); } } }

    public bool WaitForZone(string zone, TimeSpan timeout) => SecondaryPeer.WaitForZone(_process, Port, zone, timeout);

    /// <summary>named logs "got incremental response" for an IXFR answered with a difference.</summary>
    public bool UsedIxfr => Log.Contains("got incremental response", StringComparison.Ordinal);

    public void Dispose() => SecondaryPeer.Stop(_process, _directory);
}
