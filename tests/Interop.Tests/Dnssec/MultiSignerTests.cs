using Desec.Signer.Algorithms;
using Desec.Signer.Keys;
using Desec.Zone.Names;
using Desec.Zone.Rdata;
using Desec.Zone.Records;
using Interop.Tests.Serving;

namespace Interop.Tests.Dnssec;

/// <summary>
/// Multi-signer DNSSEC (RFC 8901 §2.1.2, model 2): BIND's dnssec-signzone signs the same zone
/// with its own key, served by Knot; we sign with ours, with BIND's DNSKEY provisioned in our zone
/// file. A validating Unbound with a DS for each signer's key validates answers from both, and the
/// two servers publish equal DNSKEY, CDS and CDNSKEY RRsets.
/// </summary>
public sealed class MultiSignerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "multi-signer-" + Guid.NewGuid().ToString("N")[..8]);

    public MultiSignerTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Both_signers_validate_and_publish_the_same_key_sets()
    {
        var origin = DnsName.Parse("example.com.");
        string source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ServeZones", "example.com.zone"));

        // The other signer: a KSK made by BIND.
        string bindKeys = Path.Combine(_directory, "bind-keys");
        Directory.CreateDirectory(bindKeys);
        var keygen = ExternalTool.Run("dnssec-keygen", ["-q", "-a", "ECDSAP256SHA256", "-f", "KSK", "-n", "ZONE", "-K", bindKeys, "example.com"]);
        Assert.True(keygen.ExitCode == 0, keygen.Error);
        string bindDnskey = File.ReadAllLines(Path.Combine(bindKeys, keygen.Output.Trim() + ".key")).Last(l => l.Contains("DNSKEY"));
        string bindKeyRdata = bindDnskey[(bindDnskey.IndexOf("DNSKEY", StringComparison.Ordinal) + 6)..].Trim();

        // Us: our key exists before start so that BIND's zone can carry it too.
        string state = Path.Combine(_directory, "state");
        var ours = new KeyStore(Path.Combine(state, "keys")).LoadOrCreate(origin, DnssecAlgorithm.Default)[0];
        string ourKeyRdata = RdataCodecs.Format(RRType.DNSKEY, ours.DnskeyRdata);
        string ourDs = RdataCodecs.Format(RRType.DS, ours.DsRdata());
        string bindDs = RdataCodecs.Format(RRType.DS, DsRecord.Compute(origin, Parse(RRType.DNSKEY, bindKeyRdata)));

        // Our zone: the provisioned DNSKEY of the other signer, nothing else (our own values are automatic).
        string ourZones = Path.Combine(_directory, "our-zones");
        Directory.CreateDirectory(ourZones);
        File.WriteAllText(Path.Combine(ourZones, "example.com.zone"), source + $"@ 3600 DNSKEY {bindKeyRdata}\n");
        string config = Path.Combine(_directory, "config.json");
        File.WriteAllText(config, """{ "signing": { "denial": "nsec", "csync": false } }""");
        using var us = new ServerProcess(ourZones, ["--config", config], state);

        // BIND's zone: our DNSKEY provisioned, and the CDS/CDNSKEY sets both signers agree on.
        string bindZone = Path.Combine(_directory, "bind.zone");
        File.WriteAllText(bindZone, source
            + $"@ 3600 DNSKEY {ourKeyRdata}\n"
            + $"@ 3600 CDNSKEY {ourKeyRdata}\n@ 3600 CDNSKEY {bindKeyRdata}\n"
            + $"@ 3600 CDS {ourDs}\n@ 3600 CDS {bindDs}\n");
        var sign = ExternalTool.Run("dnssec-signzone", ["-S", "-z", "-K", bindKeys, "-o", "example.com", "-N", "keep",
            "-f", bindZone + ".signed", bindZone], workingDirectory: _directory);
        Assert.True(sign.ExitCode == 0, sign.Output + sign.Error);
        using var knot = new KnotProcess([("example.com", bindZone + ".signed")]);

        string anchors = $"example.com. IN DS {ourDs}\nexample.com. IN DS {bindDs}\n";
        using var viaUs = new UnboundProcess(["example.com"], us.EndPoint, anchors);
        using var viaBind = new UnboundProcess(["example.com"], knot.EndPoint, anchors);
        foreach (var (resolver, who) in new[] { (viaUs, "desec-auth"), (viaBind, "BIND-signed zone on Knot") })
        {
            foreach (var (name, type, status) in new[] { ("www.example.com.", "A", "NOERROR"), ("nothing.example.com.", "A", "NXDOMAIN"),
                         ("example.com.", "DNSKEY", "NOERROR"), ("example.com.", "CDS", "NOERROR"), ("www.example.com.", "AAAA", "NOERROR") })
            {
                var r = ExternalTool.Run("dig", ["@127.0.0.1", "-p", resolver.Port.ToString(), "+dnssec", "+tries=1", "+time=5", name, type]);
                Assert.True(r.Output.Contains($"status: {status}", StringComparison.Ordinal)
                    && System.Text.RegularExpressions.Regex.IsMatch(r.Output, @"flags:[^;]* ad[ ;]"),
                    $"{who}: {name} {type} did not validate:\n{r.Output}\n{resolver.Log}");
            }
        }

        foreach (var type in new[] { RRType.DNSKEY, RRType.CDS, RRType.CDNSKEY })
        {
            var fromUs = RdataSet(us.EndPoint, type);
            var fromBind = RdataSet(knot.EndPoint, type);
            Assert.Equal(2, fromUs.Count);
            Assert.Equal(fromBind, fromUs);
        }
    }

    private static byte[] Parse(ushort type, string rdata)
    {
        var tokens = Desec.Zone.Text.RdataTokens.FromString(rdata, DnsName.Root);
        return RdataCodecs.Parse(type, tokens, new RdataBuilder());
    }

    private static SortedSet<string> RdataSet(System.Net.IPEndPoint server, ushort type)
    {
        var response = RawDnsClient.Tcp(server, KnotDifferentialTests.Query("example.com.", type))!;
        return new SortedSet<string>(ResponseSummary.Parse(response).Answer.Select(l => l.Replace(" ", "")), StringComparer.Ordinal);
    }
}
