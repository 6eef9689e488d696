using Desec.Zone.Records;
using Desec.Zone.Zones;
using static Desec.Zone.Tests.Zones.TestZones;

namespace Desec.Zone.Tests.Zones;

/// <summary>Content that is accepted with a warning: the zone still builds.</summary>
public class ZoneBuilderWarningTests
{
    private static (Zone.Zones.Zone Zone, ZoneProblem Warning) SingleWarning(ZoneBuildResult result)
    {
        Assert.True(result.Success, string.Join("\n", result.Errors));
        return (result.Zone!, Assert.Single(result.Warnings));
    }

    // RFC 2181 §5.2: TTLs within an RRset must match; the lowest is used.
    [Fact]
    public void Differing_ttls_in_an_rrset_take_the_lowest()
    {
        var (zone, warning) = SingleWarning(Build(Minimal(),
            [A("www", "192.0.2.1", line: 4, ttl: 3600), A("www", "192.0.2.2", line: 5, ttl: 300), A("www", "192.0.2.3", line: 6, ttl: 900)]));
        Assert.Equal("test.zone:5", warning.Location);
        Assert.Equal(Name("www"), warning.Owner);
        Assert.Equal("TTL 300 differs from TTL 3600 within the A RRset; using the lowest, 300 (RFC 2181 §5.2)", warning.Message);
        var set = zone.Find(Name("www"))!.Find(RRType.A)!;
        Assert.Equal(300u, set.Ttl);
        Assert.Equal(3, set.Count);
    }

    // RFC 4034 §3: each RRSIG carries the TTL of the RRset it covers, so RRSIGs over different types may differ.
    [Fact]
    public void Signatures_over_different_types_keep_their_own_ttls()
    {
        var result = Build(Minimal(), [
            A("www", "192.0.2.1", ttl: 300), Txt("www", "x"),
            Rr("www", RRType.RRSIG, [0, (byte)RRType.A, 13, 3], ttl: 300),
            Rr("www", RRType.RRSIG, [0, (byte)RRType.TXT, 13, 3], ttl: 3600)]);
        Assert.True(result.Success);
        Assert.Empty(result.Warnings);
        var node = result.Zone!.Find(Name("www"))!;
        Assert.Equal(300u, node.FindSignatures(RRType.A)!.Ttl);
        Assert.Equal(3600u, node.FindSignatures(RRType.TXT)!.Ttl);
        Assert.Null(node.FindSignatures(RRType.MX));
    }

    [Fact]
    public void Duplicate_records_are_dropped()
    {
        var (zone, warning) = SingleWarning(Build(Minimal(), [A("www", "192.0.2.1", line: 4), A("WWW", "192.0.2.1", line: 5)]));
        Assert.Equal("test.zone:5", warning.Location);
        Assert.Equal("duplicate A record dropped (RFC 2181 §5)", warning.Message);
        Assert.Equal(1, zone.Find(Name("www"))!.Find(RRType.A)!.Count);
        Assert.Equal(4, zone.RecordCount);
    }

    [Fact]
    public void Data_below_a_delegation_is_kept_flagged_occluded()
    {
        var (zone, warning) = SingleWarning(Build(Minimal(),
            [Ns("sub", "ns.elsewhere.test.", line: 4), Txt("info.sub", "hidden", line: 5)]));
        Assert.Equal("test.zone:5", warning.Location);
        Assert.Equal(Name("info.sub"), warning.Owner);
        Assert.Equal("TXT is occluded by the delegation at sub.example.: kept for transfers but never answered (RFC 1034 §4.2.1)", warning.Message);
        var node = zone.Find(Name("info.sub"))!;
        Assert.True(node.Is(NodeFlags.Occluded));
        Assert.Same(zone.Find(Name("sub")), node.OccludedBy);
        Assert.Contains(zone.Records, r => r.Type == RRType.TXT);
    }

    [Fact]
    public void Glue_below_a_delegation_is_not_warned_about()
    {
        var result = Build(Minimal(), [Ns("sub", "ns.sub"), A("ns.sub", "192.0.2.7"), Aaaa("ns.sub", "2001:db8::7")]);
        Assert.True(result.Success);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Non_address_data_at_a_glue_name_is_warned_about()
    {
        var (_, warning) = SingleWarning(Build(Minimal(), [Ns("sub", "ns.sub"), A("ns.sub", "192.0.2.7"), Txt("ns.sub", "x", line: 9)]));
        Assert.Equal("test.zone:9", warning.Location);
        Assert.StartsWith("TXT is occluded", warning.Message);
    }

    [Fact]
    public void A_delegation_below_a_delegation_is_occluded_data()
    {
        var (zone, warning) = SingleWarning(Build(Minimal(),
            [Ns("sub", "ns.elsewhere.test."), Ns("deeper.sub", "ns.elsewhere.test.", line: 6)]));
        Assert.Equal("test.zone:6", warning.Location);
        var deeper = zone.Find(Name("deeper.sub"))!;
        Assert.Equal(NodeFlags.Occluded, deeper.Flags);
    }

    [Fact]
    public void An_in_bailiwick_ns_target_without_an_address_is_warned_about()
    {
        var (_, warning) = SingleWarning(Build(Minimal(), [Ns("sub", "ns.sub", line: 4)]));
        Assert.Equal("test.zone:4", warning.Location);
        Assert.Equal(Name("sub"), warning.Owner);
        Assert.Contains("ns.sub.example. lies below the cut but has no A or AAAA glue", warning.Message);
    }

    [Fact]
    public void Warnings_and_errors_are_reported_together()
    {
        var result = Build(Minimal(), [A("www", "192.0.2.1", line: 4), A("www", "192.0.2.1", line: 5), Cname("www", "x", line: 6)]);
        Assert.Null(result.Zone);
        Assert.Equal("test.zone:5", Assert.Single(result.Warnings).Location);
        Assert.Equal("test.zone:4", Assert.Single(result.Errors).Location);
    }

    [Fact]
    public void A_dname_below_a_delegation_is_occluded_not_refused()
    {
        var result = Build(Minimal(), [Ns("sub", "ns.elsewhere.test."), Dname("old.sub", "example.net.", line: 5), A("x.old.sub", "192.0.2.1", line: 6)]);
        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Equal(["test.zone:5", "test.zone:6"], result.Warnings.Select(w => w.Location));
        var below = result.Zone!.Find(Name("x.old.sub"))!;
        Assert.Same(result.Zone.Find(Name("sub")), below.OccludedBy);
    }

    [Fact]
    public void A_problem_without_a_location_prints_the_owner_and_message()
    {
        var problem = new ZoneProblem(null, Name("www"), "something");
        Assert.Equal("www.example.: something", problem.ToString());
        Assert.Equal("something", new ZoneProblem(null, null, "something").ToString());
    }
}
