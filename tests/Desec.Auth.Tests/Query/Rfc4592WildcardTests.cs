using ARSoft.Tools.Net.Dns;
using Desec.Zone.Records;
using static Desec.Auth.Tests.TestQueries;

namespace Desec.Auth.Tests.Query;

/// <summary>RFC 4592: synthesis from wildcards, and what blocks it.</summary>
public class Rfc4592WildcardTests
{
    private readonly Desec.Auth.Zones.ZoneStore _store = ExampleZones.Store();

    [Fact]
    public void Wildcard_synthesizes_with_the_query_name_as_owner_section_3_3_1()
    {
        var m = Ask(_store, "anything.wild.example.com", RRType.A);
        Assert.Equal(ReturnCode.NoError, m.ReturnCode);
        Assert.True(m.IsAuthoritiveAnswer);
        Assert.Equal(["anything.wild.example.com. 3600 A 192.0.2.100"], Lines(m.AnswerRecords));
    }

    [Fact]
    public void Wildcard_matches_several_labels_down()
    {
        var m = Ask(_store, "x.y.wild.example.com", RRType.TXT);
        Assert.Equal("x.y.wild.example.com.", Assert.Single(m.AnswerRecords).Name.ToString());
    }

    [Fact]
    public void Wildcard_nodata_for_a_missing_type()
    {
        var m = Ask(_store, "anything.wild.example.com", RRType.MX);
        Assert.Equal(ReturnCode.NoError, m.ReturnCode);
        Assert.Empty(m.AnswerRecords);
        Assert.Equal(RecordType.Soa, Assert.Single(m.AuthorityRecords).RecordType);
    }

    [Fact]
    public void An_existing_name_is_not_synthesized_section_2_2_1()
    {
        var m = Ask(_store, "exists.wild.example.com", RRType.TXT);
        Assert.Equal(ReturnCode.NoError, m.ReturnCode);
        Assert.Empty(m.AnswerRecords);
    }

    [Fact]
    public void An_empty_non_terminal_blocks_the_wildcard_section_2_2_2()
    {
        // b.c exists as an empty non-terminal (a.b.c has data), so *.c does not cover x.b.c.
        var m = Ask(_store, "x.b.c.example.com", RRType.A);
        Assert.Equal(ReturnCode.NxDomain, m.ReturnCode);
        // ...while a sibling without an ENT in the way is covered.
        var covered = Ask(_store, "x.c.example.com", RRType.A);
        Assert.Equal(["x.c.example.com. 3600 A 192.0.2.103"], Lines(covered.AnswerRecords));
    }

    [Fact]
    public void Wildcard_cname_is_synthesized_and_followed_section_4_3()
    {
        var m = Ask(_store, "foo.wcname.example.com", RRType.A);
        Assert.Equal([
            "foo.wcname.example.com. 3600 CNAME www.example.com.",
            "www.example.com. 3600 A 192.0.2.80",
            "www.example.com. 3600 A 192.0.2.81"], Lines(m.AnswerRecords));
    }

    [Fact]
    public void The_wildcard_owner_itself_answers_directly()
    {
        var m = Ask(_store, "*.wild.example.com", RRType.A);
        Assert.Equal(["*.wild.example.com. 3600 A 192.0.2.100"], Lines(m.AnswerRecords));
    }
}
