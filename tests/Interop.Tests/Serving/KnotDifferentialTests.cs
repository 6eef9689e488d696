using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Interop.Tests.Transfer;

namespace Interop.Tests.Serving;

/// <summary>
/// Differential test: our server signs the served zones (NSEC, then NSEC3) and Knot serves the
/// very same signed versions as our secondary (AXFR). Every name of the zones, names below and
/// beside them, missing and mixed-case names, with each type, with DO and without, go to both; the
/// rcode, AA/TC and the RRsets of every section must agree (RRSIGs by what they cover and who
/// signed, see <see cref="ResponseSummary.ComparableWithAdditional"/>). A disagreement is either a
/// bug or one of the <see cref="Policies"/> below, each with the RFC that allows both answers.
/// </summary>
/// <remarks>
/// Knot gets the zones by AXFR rather than from an exported zone file: it then serves exactly the
/// version we serve (same serial, same signatures and NSEC/NSEC3 records, no second signing run
/// with other inception times), and the transfer is exercised on the way.
/// </remarks>
public sealed class KnotDifferentialTests
{
    private static readonly string Zones = Path.Combine(AppContext.BaseDirectory, "ServeZones");

    private static readonly ushort[] Types =
        [RRType.A, RRType.AAAA, RRType.NS, RRType.SOA, RRType.MX, RRType.TXT, RRType.CNAME, RRType.SRV, RRType.DS, RRType.DNAME, RRType.PTR];

    /// <summary>
    /// Where we answer otherwise than Knot 3.2 on purpose, each with the rule that says why: a
    /// difference that one of these explains is allowed; every other one fails the test, and so
    /// does a policy that explains none (it no longer describes a difference).
    /// </summary>
    private static readonly (string Why, Func<ResponseSummary, ResponseSummary, bool> Explains)[] Policies =
    [
        ("Knot repeats the addresses of a host for each MX record that names it; RFC 2181 §5.5: an RRset goes in a reply once",
            (knot, ours) => SameWithoutAdditional(knot with { Additional = [.. knot.Additional.Distinct()] }, ours, _ => false)),
        ("Knot adds the glue of an MX target below a cut; we give glue to NS only (RFC 9471 §2): data below a cut is not "
            + "the zone's (RFC 1034 §4.2.1), and a resolver would not trust it for the MX host (RFC 2181 §5.4.1)",
            (knot, ours) => NamedByMx(knot, "ns.sub.example.com.")
                && SameWithoutAdditional(knot, ours, line => line.StartsWith("ns.sub.example.com. ", StringComparison.Ordinal))),
        ("Knot expands a wildcard for an MX target; we add only addresses the target owns: the expanded RRSIG would need the "
            + "proof that the name does not exist (RFC 4035 §3.1.3.3), which has no place in the additional section",
            (knot, ours) => NamedByMx(knot, "host.wild.example.com.")
                && SameWithoutAdditional(knot, ours, line => line.StartsWith("host.wild.example.com. ", StringComparison.Ordinal))),
    ];

    /// <summary>Whether the answer holds an MX record naming <paramref name="host"/> (so that a difference about its addresses is about the MX).</summary>
    private static bool NamedByMx(ResponseSummary response, string host) =>
        response.Answer.Any(line => line.Split(' ') is [_, _, _, "MX", _, var exchange] && exchange == host);

    /// <summary>Whether the two responses agree once the additional records <paramref name="knotOnly"/> picks are dropped from Knot's.</summary>
    private static bool SameWithoutAdditional(ResponseSummary knot, ResponseSummary ours, Func<string, bool> knotOnly) =>
        (knot with { Additional = [.. knot.Additional.Where(line => !knotOnly(line))] }).ComparableWithAdditional() == ours.ComparableWithAdditional();

    public static TheoryData<string> Denials() => ["nsec", "nsec3"];

    [Theory]
    [MemberData(nameof(Denials))]
    public void Answers_agree_with_knot_serving_the_same_signed_zones(string denial)
    {
        string directory = Path.Combine(Path.GetTempPath(), "knot-differential-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        try
        {
            string config = Path.Combine(directory, "config.json");
            File.WriteAllText(config, $$"""{ "signing": { "denial": "{{denial}}" }, "allow-transfer": ["127.0.0.1"] }""");
            using var ours = new ServerProcess(Zones, "--config", config);
            using var knot = new KnotSecondary(ours.EndPoint, ["example.com.", "child.example.com."]);
            foreach (var zone in (string[])["example.com.", "child.example.com."])
            {
                Assert.True(knot.WaitForZone(zone, TimeSpan.FromSeconds(30)), $"Knot did not load {zone}\n{knot.Log}\n{ours.Log}");
                Assert.Equal(DigTransfer.ServedSerial(ours.Port, zone), DigTransfer.ServedSerial(knot.Port, zone));
            }
            Compare(ours, knot);
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    private static void Compare(ServerProcess ours, KnotSecondary knot)
    {
        var mismatches = new List<string>();
        var explained = new HashSet<string>();
        int compared = 0;
        foreach (var name in Names())
        {
            foreach (var type in Types)
            {
                foreach (bool dnssecOk in (bool[])[false, true])
                {
                    var query = Query(name, type, dnssecOk: dnssecOk);
                    var fromKnot = RawDnsClient.Udp(knot.EndPoint, query);
                    var fromUs = RawDnsClient.Udp(ours.EndPoint, query);
                    Assert.NotNull(fromUs);
                    if (fromKnot is null) { continue; }
                    compared++;
                    ResponseSummary knotSummary = ResponseSummary.Parse(fromKnot), ourSummary = ResponseSummary.Parse(fromUs);
                    string expected = knotSummary.ComparableWithAdditional(), actual = ourSummary.ComparableWithAdditional();
                    if (expected == actual) { continue; }
                    var policy = Policies.FirstOrDefault(p => p.Explains(knotSummary, ourSummary));
                    if (policy.Why is not null) { explained.Add(policy.Why); }
                    else { mismatches.Add($"{name} {RRType.ToText(type)} DO={dnssecOk}\n knot: {expected}\n ours: {actual}"); }
                }
            }
        }
        Assert.True(compared > 1000, $"only {compared} queries compared");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {compared} differ:\n" + string.Join("\n", mismatches.Take(12)));
        Assert.Equal(Policies.Select(p => p.Why).Order(), explained.Order());
    }

    /// <summary>Every owner of the zone files, a missing name beside each and a name below each, and some names by hand.</summary>
    private static List<string> Names()
    {
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
            "nothing.example.com.", "example.org.", "child.example.com.", "www.child.example.com.", "random.wmx.example.com.",
            "_x._tcp.wsrv.example.com."]);
        return [.. names.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>A query as a resolver sends it: no flags, EDNS with <paramref name="bufsize"/> and the DO bit (RFC 3225 §3) unless <paramref name="edns"/> is off.</summary>
    public static byte[] Query(string name, ushort type, ushort id = 0x4242, bool edns = true, ushort bufsize = 1232,
        bool dnssecOk = false) =>
        Desec.Zone.Messages.QueryMessage.Create(id, Desec.Zone.Messages.Opcode.Query, Desec.Zone.Messages.HeaderFlags.None,
            DnsName.Parse(name).Wire, type, RRClass.IN, edns, new Desec.Zone.Messages.OptRecord { UdpPayloadSize = bufsize, DnssecOk = dnssecOk });
}
