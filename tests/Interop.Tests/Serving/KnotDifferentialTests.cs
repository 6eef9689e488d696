using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Text;

namespace Interop.Tests.Serving;

/// <summary>
/// Differential test: the same zones served by Knot (unsigned) and by desec-auth; a few hundred
/// queries over every name and type, NXDOMAIN names and mixed-case names. Rcode, AA/TC, answer and
/// authority must agree; the additional section may differ where the RFCs allow.
/// </summary>
public sealed class KnotDifferentialTests : IDisposable
{
    private static readonly string Zones = Path.Combine(AppContext.BaseDirectory, "ServeZones");
    private readonly ServerProcess _ours = new(Zones);
    private readonly KnotProcess _knot = new(
        Directory.GetFiles(Zones, "*.zone").Select(f => (Path.GetFileNameWithoutExtension(f), f)));

    public void Dispose()
    {
        _ours.Dispose();
        _knot.Dispose();
    }

    private static readonly ushort[] Types =
        [RRType.A, RRType.AAAA, RRType.NS, RRType.SOA, RRType.MX, RRType.TXT, RRType.CNAME, RRType.SRV, RRType.DS, RRType.DNAME, RRType.PTR];

    [Fact]
    public void Answers_agree_with_knot()
    {
        WaitForKnot();
        var names = new List<string>();
        foreach (var file in Directory.GetFiles(Zones, "*.zone"))
        {
            var parsed = ZoneFileParser.ParseFile(file);
            Assert.True(parsed.Success);
            foreach (var owner in parsed.Records.Select(r => r.Owner).Distinct())
            {
                string name = owner.ToString();
                names.Add(name);
                names.Add("nx-" + name.Replace("*.", "star.", StringComparison.Ordinal));
                names.Add("a.b." + name.Replace("*.", "", StringComparison.Ordinal));
            }
        }
        names.AddRange(["WwW.ExAmPlE.CoM.", "b.c.example.com.", "x.b.c.example.com.", "host.dn.example.com.",
            "a.b.dn.example.com.", "deep.sub.example.com.", "x.y.z.wild.example.com.", "foo.wcname.example.com.",
            "nothing.example.com.", "example.org.", "child.example.com.", "www.child.example.com."]);

        var mismatches = new List<string>();
        int compared = 0;
        foreach (var name in names.Distinct())
        {
            foreach (var type in Types)
            {
                var query = Query(name, type);
                var knot = RawDnsClient.Udp(_knot.EndPoint, query);
                var ours = RawDnsClient.Udp(_ours.EndPoint, query);
                Assert.NotNull(ours);
                if (knot is null) { continue; }
                compared++;
                string expected = ResponseSummary.Parse(knot).Comparable();
                string actual = ResponseSummary.Parse(ours).Comparable();
                if (expected != actual) { mismatches.Add($"{name} {RRType.ToText(type)}\n knot: {expected}\n ours: {actual}"); }
            }
        }
        Assert.True(compared > 300, $"only {compared} queries compared");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {compared} differ:\n" + string.Join("\n", mismatches.Take(15)));
    }

    private void WaitForKnot()
    {
        var probe = Query("example.com.", RRType.SOA);
        for (int i = 0; i < 100; i++)
        {
            if (RawDnsClient.Udp(_knot.EndPoint, probe, 200) is { } r && ResponseSummary.Parse(r).Answer.Count == 1) { return; }
            Thread.Sleep(100);
        }
        throw new TimeoutException("knotd did not start answering");
    }

    /// <summary>A query as a resolver sends it: no flags, EDNS with <paramref name="bufsize"/> unless <paramref name="edns"/> is off.</summary>
    public static byte[] Query(string name, ushort type, ushort id = 0x4242, bool edns = true, ushort bufsize = 1232) =>
        Desec.Zone.Messages.QueryMessage.Create(id, Desec.Zone.Messages.Opcode.Query, Desec.Zone.Messages.HeaderFlags.None,
            DnsName.Parse(name).Wire, type, RRClass.IN, edns, new Desec.Zone.Messages.OptRecord { UdpPayloadSize = bufsize });
}
