using Desec.Signer.Algorithms;
using Desec.Signer.Keys;
using Desec.Zone.Names;
using Interop.Tests.Serving;

namespace Interop.Tests.Dnssec;

/// <summary>
/// Our server with three signed zones: example.com (the served test zone), child.example.com (a
/// secure delegation: its DS is in the parent) and insec.example.com (an insecure one: no DS).
/// Keys are made before start so that the parent can hold the child's DS. A second server (the
/// <see cref="Delegated"/> one) serves deleg.example.com, delegated from example.com with a DS but
/// not served by the first, so that a name of example.com can lead into a real referral
/// (<c>todeleg CNAME www.deleg</c>) that a resolver then follows to a server of the child.
/// </summary>
public sealed class SignedServer : IDisposable
{
    private readonly string _source;

    public SignedServer(string denial, string algorithm)
    {
        _source = Path.Combine(Path.GetTempPath(), "signed-zones-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_source);
        string zones = Path.Combine(AppContext.BaseDirectory, "ServeZones");
        string state = Path.Combine(_source, "state");
        var alg = DnssecAlgorithm.All.First(a => a.Number.ToString() == algorithm);
        string config = Path.Combine(_source, "config.json");
        File.WriteAllText(config, $$"""{ "signing": { "denial": "{{denial}}", "algorithm": "{{algorithm}}" } }""");

        string delegatedSource = Path.Combine(_source, "delegated");
        string delegatedState = Path.Combine(delegatedSource, "state");
        Directory.CreateDirectory(delegatedSource);
        File.WriteAllText(Path.Combine(delegatedSource, "deleg.example.com.zone"),
            "$ORIGIN deleg.example.com.\n$TTL 600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 60\n@ NS ns1\nns1 A 192.0.2.90\nwww A 192.0.2.91\n");

        File.WriteAllText(Path.Combine(_source, "example.com.zone"),
            File.ReadAllText(Path.Combine(zones, "example.com.zone"))
            + $"child DS {Ds(state, "child.example.com.", alg)}\ninsec NS ns1.insec\nns1.insec A 192.0.2.70\n"
            + $"deleg DS {Ds(delegatedState, "deleg.example.com.", alg)}\ndeleg NS ns1.deleg\nns1.deleg A 192.0.2.90\ntodeleg CNAME www.deleg\n");
        File.Copy(Path.Combine(zones, "child.example.com.zone"), Path.Combine(_source, "child.example.com.zone"));
        File.WriteAllText(Path.Combine(_source, "insec.example.com.zone"),
            "$ORIGIN insec.example.com.\n$TTL 600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 60\n@ NS ns1\nns1 A 192.0.2.70\nwww A 192.0.2.71\n");
        Server = new ServerProcess(_source, ["--config", config], state);
        Delegated = new ServerProcess(delegatedSource, ["--config", config], delegatedState);
    }

    public ServerProcess Server { get; }

    /// <summary>The server of deleg.example.com, a child that <see cref="Server"/> only delegates to.</summary>
    public ServerProcess Delegated { get; }

    /// <summary>Makes the zone's key in <paramref name="state"/> before its server starts, and returns the DS RDATA for the parent.</summary>
    private static string Ds(string state, string zone, DnssecAlgorithm algorithm)
    {
        var key = new KeyStore(Path.Combine(state, "keys")).LoadOrCreate(DnsName.Parse(zone), algorithm)[0];
        return Desec.Zone.Rdata.RdataCodecs.Format(Desec.Zone.Records.RRType.DS, key.DsRdata());
    }

    /// <summary>The DNSKEY RRset of example.com. as the server publishes it, as an Unbound trust anchor.</summary>
    public string TrustAnchor()
    {
        var r = ExternalTool.Run("dig", ["@127.0.0.1", "-p", Server.Port.ToString(), "+norec", "+noall", "+answer", "example.com.", "DNSKEY"]);
        return r.Output;
    }

    public void Dispose()
    {
        Server.Dispose();
        Delegated.Dispose();
        try { Directory.Delete(_source, recursive: true); } catch (IOException) { }
    }
}
