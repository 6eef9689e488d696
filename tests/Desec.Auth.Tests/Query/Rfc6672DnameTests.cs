using ARSoft.Tools.Net.Dns;
using Desec.Zone.Records;
using static Desec.Auth.Tests.TestQueries;

namespace Desec.Auth.Tests.Query;

/// <summary>RFC 6672: DNAME redirection with a synthesized CNAME.</summary>
public class Rfc6672DnameTests
{
    private readonly Desec.Auth.Zones.ZoneStore _store = ExampleZones.Store();

    [Fact]
    public void Name_below_a_dname_gets_the_dname_and_a_synthesized_cname_section_3_3()
    {
        var m = Ask(_store, "host.dn.example.com", RRType.A);
        var lines = Lines(m.AnswerRecords);
        Assert.Equal("dn.example.com. 3600 DNAME target.example.com.", lines[0]);
        Assert.Equal("host.dn.example.com. 3600 CNAME host.target.example.com.", lines[1]);
        // host.target.example.com does not exist: the chain ends in NXDOMAIN.
        Assert.Equal(ReturnCode.NxDomain, m.ReturnCode);
    }

    [Fact]
    public void The_dname_owner_itself_is_not_redirected_section_2_3()
    {
        var m = Ask(_store, "dn.example.com", RRType.DNAME);
        Assert.Equal(["dn.example.com. 3600 DNAME target.example.com."], Lines(m.AnswerRecords));
        var a = Ask(_store, "dn.example.com", RRType.A);
        Assert.Empty(a.AnswerRecords);
        Assert.Equal(ReturnCode.NoError, a.ReturnCode);
    }

    [Fact]
    public void A_cname_query_below_a_dname_is_not_chased_rfc1034_3_6_2()
    {
        var m = Ask(_store, "host.dn.example.com", RRType.CNAME);
        Assert.Equal(ReturnCode.NoError, m.ReturnCode);
        Assert.Equal(2, m.AnswerRecords.Count);
        Assert.Empty(m.AuthorityRecords);
    }
}
