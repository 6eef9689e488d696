using Desec.Zone.Records;
using Desec.Zone.Zones;
using static Desec.Zone.Tests.Zones.TestZones;

namespace Desec.Zone.Tests.Zones;

/// <summary>Content a zone must not have: each refusal names the record's location and owner.</summary>
public class ZoneBuilderRefusalTests
{
    private static ZoneProblem SingleError(ZoneBuildResult result)
    {
        Assert.False(result.Success);
        Assert.Null(result.Zone);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void A_minimal_zone_builds()
    {
        var result = Build(Minimal());
        Assert.True(result.Success);
        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
    }

    // RFC 1035 §5.2: exactly one SOA, at the top of the zone.
    [Fact]
    public void No_soa_is_refused()
    {
        var error = SingleError(Build([Ns("@", "ns1", line: 2), A("ns1", "192.0.2.53", line: 3)]));
        Assert.Null(error.Location);
        Assert.Equal(Origin, error.Owner);
        Assert.Contains("no SOA record at the apex", error.Message);
    }

    // RFC 4034 §5, RFC 4035 §2.4: the DS of a zone lives in its parent; BIND refuses one at the apex too.
    [Fact]
    public void A_ds_at_the_apex_is_refused()
    {
        var error = SingleError(Build(Minimal(), [Rr("@", RRType.DS, Convert.FromHexString("EC45050100"), line: 7)]));
        Assert.Equal(("test.zone:7", Origin), (error.Location, error.Owner));
        Assert.Contains("DS record at the apex", error.Message);
        Assert.True(Build(Minimal(), [Ns("sub", "ns.sub"), Rr("sub", RRType.DS, Convert.FromHexString("EC45050100"))]).Success);
    }

    // RFC 4592 §4.2: NS at a wildcard owner has no defined meaning; BIND refuses it too.
    [Fact]
    public void Ns_at_a_wildcard_is_refused()
    {
        var error = SingleError(Build(Minimal(), [Ns("*.w", "ns.example.net.", line: 8)]));
        Assert.Equal(("test.zone:8", Name("*.w")), (error.Location, error.Owner));
        Assert.Contains("NS records at a wildcard", error.Message);
    }

    [Fact]
    public void Two_soa_records_at_the_apex_are_refused()
    {
        var error = SingleError(Build(Minimal(), [Soa(serial: 7, line: 9)]));
        Assert.Equal("test.zone:9", error.Location);
        Assert.Contains("2 SOA records at the apex", error.Message);
    }

    [Fact]
    public void Soa_below_the_apex_is_refused()
    {
        var error = SingleError(Build(Minimal(), [Soa(owner: "sub", line: 4)]));
        Assert.Equal("test.zone:4", error.Location);
        Assert.Equal(Name("sub"), error.Owner);
        Assert.Contains("SOA record below the apex", error.Message);
        Assert.Equal("test.zone:4: sub.example.: " + error.Message, error.ToString());
    }

    [Fact]
    public void Malformed_soa_rdata_is_refused()
    {
        var error = SingleError(Build([Rr("@", RRType.SOA, [0, 0, 1, 2], line: 1), Ns("@", "ns1"), A("ns1", "192.0.2.53")]));
        Assert.Equal("test.zone:1", error.Location);
        Assert.Contains("malformed SOA RDATA", error.Message);
    }

    // RFC 1034 §4.2.1: the apex holds the zone's NS RRset.
    [Fact]
    public void No_ns_at_the_apex_is_refused()
    {
        var error = SingleError(Build([Soa(line: 1), Ns("sub", "ns.elsewhere.test.", line: 2)]));
        Assert.Equal("test.zone:1", error.Location);
        Assert.Equal(Origin, error.Owner);
        Assert.Contains("no NS records at the apex", error.Message);
    }

    [Fact]
    public void Data_outside_the_zone_is_refused()
    {
        var error = SingleError(Build(Minimal(), [A("www.example.org.", "192.0.2.1", line: 5)]));
        Assert.Equal("test.zone:5", error.Location);
        Assert.Equal(Name("www.example.org."), error.Owner);
        Assert.Contains("outside the zone", error.Message);
    }

    [Theory]
    [InlineData(RRType.ANY)]
    [InlineData(RRType.AXFR)]
    [InlineData(RRType.OPT)]
    [InlineData(RRType.TSIG)]
    [InlineData((ushort)128)]
    public void Meta_and_query_types_are_refused(ushort type)
    {
        var error = SingleError(Build(Minimal(), [Rr("www", type, [], line: 6)]));
        Assert.Equal("test.zone:6", error.Location);
        Assert.Contains("meta or query type", error.Message);
        Assert.StartsWith(RRType.ToText(type), error.Message);
    }

    // RFC 2181 §10.1: an alias holds no other data.
    [Fact]
    public void Cname_beside_other_data_is_refused()
    {
        var error = SingleError(Build(Minimal(), [Cname("www", "web", line: 7), Txt("www", "hello", line: 8)]));
        Assert.Equal("test.zone:8", error.Location);
        Assert.Equal(Name("www"), error.Owner);
        Assert.StartsWith("TXT beside a CNAME", error.Message);
    }

    [Fact]
    public void Cname_at_the_apex_is_refused_for_each_other_type()
    {
        var result = Build(Minimal(), [Cname("@", "web", line: 7)]);
        Assert.False(result.Success);
        Assert.Equal(["NS beside a CNAME", "SOA beside a CNAME"], result.Errors.Select(e => e.Message[..e.Message.IndexOf(':')]));
    }

    // RFC 4035 §2.5 and RFC 2181 §10.1: DNSSEC's own records may stand beside a CNAME.
    [Theory]
    [InlineData(RRType.RRSIG)]
    [InlineData(RRType.NSEC)]
    [InlineData(RRType.KEY)]
    [InlineData(RRType.SIG)]
    [InlineData(RRType.NXT)]
    public void Dnssec_records_beside_a_cname_are_allowed(ushort type)
    {
        byte[] rdata = type == RRType.RRSIG ? [0, 5, 13, 2] : [1, 2, 3, 4];
        var result = Build(Minimal(), [Cname("www", "web"), Rr("www", type, rdata)]);
        Assert.True(result.Success, string.Join("\n", result.Errors));
    }

    [Fact]
    public void Two_cnames_at_one_name_are_refused()
    {
        var error = SingleError(Build(Minimal(), [Cname("www", "web", line: 7), Cname("www", "web2", line: 8)]));
        Assert.Equal("test.zone:8", error.Location);
        Assert.Contains("2 CNAME records at one name", error.Message);
    }

    [Fact]
    public void Cname_beside_dname_is_refused()
    {
        var error = SingleError(Build(Minimal(), [Cname("alias", "web", line: 7), Dname("alias", "example.net.", line: 8)]));
        Assert.Equal("test.zone:8", error.Location);
        Assert.StartsWith("DNAME beside a CNAME", error.Message);
    }

    [Fact]
    public void Two_dnames_at_one_name_are_refused()
    {
        var error = SingleError(Build(Minimal(), [Dname("old", "example.net.", line: 7), Dname("old", "example.org.", line: 8)]));
        Assert.Equal("test.zone:8", error.Location);
        Assert.Contains("2 DNAME records at one name", error.Message);
    }

    // RFC 6672: no data below a DNAME.
    [Fact]
    public void Data_below_a_dname_is_refused()
    {
        var error = SingleError(Build(Minimal(), [Dname("old", "example.net.", line: 7), A("www.deep.old", "192.0.2.1", line: 8)]));
        Assert.Equal("test.zone:8", error.Location);
        Assert.Equal(Name("www.deep.old"), error.Owner);
        Assert.Equal("A below the DNAME at old.example.: no data may exist below a DNAME (RFC 6672 §2.4)", error.Message);
    }

    [Fact]
    public void A_dname_at_the_apex_refuses_every_name_below()
    {
        var result = Build([Soa(), Ns("@", "ns.example.net."), Dname("@", "example.net.", line: 3), A("www", "192.0.2.1", line: 4)]);
        Assert.Equal("test.zone:4", Assert.Single(result.Errors).Location);
    }

    [Fact]
    public void Every_error_is_reported_not_only_the_first()
    {
        var result = Build(
            [Ns("@", "ns1", line: 2)],
            [A("www.example.org.", "192.0.2.1", line: 3)],
            [Cname("www", "web", line: 4), A("www", "192.0.2.2", line: 5)],
            [Rr("any", RRType.ANY, [], line: 6)]);
        Assert.Null(result.Zone);
        Assert.Equal(
            ["test.zone:3", "test.zone:6", "test.zone:5", null],
            result.Errors.Select(e => e.Location));
    }
}
