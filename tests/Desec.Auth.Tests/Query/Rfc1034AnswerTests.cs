using ARSoft.Tools.Net.Dns;
using Desec.Zone.Records;
using static Desec.Auth.Tests.TestQueries;

namespace Desec.Auth.Tests.Query;

/// <summary>RFC 1034 §4.3.2: the authoritative answering algorithm, one test per branch.</summary>
public class Rfc1034AnswerTests
{
    private readonly Desec.Auth.Zones.ZoneStore _store = ExampleZones.Store();

    [Fact]
    public void Exact_match_answers_with_AA_and_no_authority()
    {
        var m = Ask(_store, "www.example.com", RRType.A);
        Assert.Equal(ReturnCode.NoError, m.ReturnCode);
        Assert.True(m.IsAuthoritiveAnswer);
        Assert.Equal(["www.example.com. 3600 A 192.0.2.80", "www.example.com. 3600 A 192.0.2.81"], Lines(m.AnswerRecords).Order());
        Assert.Empty(m.AuthorityRecords);
    }

    [Fact]
    public void Name_in_no_zone_is_refused()
    {
        var m = Ask(_store, "www.example.org", RRType.A);
        Assert.Equal(ReturnCode.Refused, m.ReturnCode);
        Assert.False(m.IsAuthoritiveAnswer);
    }

    [Fact]
    public void Nodata_has_soa_with_negative_ttl_rfc2308()
    {
        var m = Ask(_store, "www.example.com", RRType.AAAA);
        Assert.Equal(ReturnCode.NoError, m.ReturnCode);
        Assert.True(m.IsAuthoritiveAnswer);
        Assert.Empty(m.AnswerRecords);
        var soa = Assert.Single(m.AuthorityRecords);
        Assert.Equal(RecordType.Soa, soa.RecordType);
        Assert.Equal(300, soa.TimeToLive); // min(SOA TTL 3600, MINIMUM 300), RFC 2308 §5
    }

    [Fact]
    public void Empty_non_terminal_is_nodata_not_nxdomain()
    {
        var m = Ask(_store, "b.c.example.com", RRType.A);
        Assert.Equal(ReturnCode.NoError, m.ReturnCode);
        Assert.Empty(m.AnswerRecords);
        Assert.Equal(RecordType.Soa, Assert.Single(m.AuthorityRecords).RecordType);
    }

    [Fact]
    public void Nxdomain_has_soa()
    {
        var m = Ask(_store, "nothing.example.com", RRType.A);
        Assert.Equal(ReturnCode.NxDomain, m.ReturnCode);
        Assert.True(m.IsAuthoritiveAnswer);
        Assert.Equal(RecordType.Soa, Assert.Single(m.AuthorityRecords).RecordType);
    }

    [Fact]
    public void Referral_clears_AA_and_carries_NS_and_glue()
    {
        var m = Ask(_store, "host.sub.example.com", RRType.A);
        Assert.Equal(ReturnCode.NoError, m.ReturnCode);
        Assert.False(m.IsAuthoritiveAnswer);
        Assert.Empty(m.AnswerRecords);
        Assert.Equal(["sub.example.com. 3600 NS ns.other.example.com.", "sub.example.com. 3600 NS ns.sub.example.com."],
            Lines(m.AuthorityRecords).Order());
        Assert.Equal(["ns.sub.example.com. 3600 A 192.0.2.53"], Lines(m.AdditionalRecords.Where(r => r.RecordType != RecordType.Opt)));
    }

    [Fact]
    public void Data_below_a_cut_is_never_answered()
    {
        var m = Ask(_store, "deep.sub.example.com", RRType.A);
        Assert.False(m.IsAuthoritiveAnswer);
        Assert.Empty(m.AnswerRecords);
        Assert.Contains(m.AuthorityRecords, r => r.RecordType == RecordType.Ns);
    }

    [Fact]
    public void Query_at_the_cut_is_a_referral()
    {
        var m = Ask(_store, "sub.example.com", RRType.A);
        Assert.False(m.IsAuthoritiveAnswer);
        Assert.Equal(2, m.AuthorityRecords.Count);
    }

    [Fact]
    public void Cname_chain_is_followed_with_every_step()
    {
        var m = Ask(_store, "chain1.example.com", RRType.A);
        Assert.Equal(ReturnCode.NoError, m.ReturnCode);
        Assert.True(m.IsAuthoritiveAnswer);
        Assert.Equal([
            "chain1.example.com. 3600 CNAME chain2.example.com.",
            "chain2.example.com. 3600 CNAME alias.example.com.",
            "alias.example.com. 3600 CNAME www.example.com.",
            "www.example.com. 3600 A 192.0.2.80",
            "www.example.com. 3600 A 192.0.2.81"], Lines(m.AnswerRecords));
    }

    [Fact]
    public void Cname_into_a_delegation_keeps_AA_for_the_first_owner_rfc1035_4_1_1()
    {
        // AA describes the first owner name of the answer, which this zone owns; the referral
        // that the chain ends in does not change that (RFC 1035 §4.1.1, RFC 6604 §2.1).
        var m = Ask(_store, "tosub.example.com", RRType.A);
        Assert.Equal(ReturnCode.NoError, m.ReturnCode);
        Assert.True(m.IsAuthoritiveAnswer);
        Assert.Equal(["tosub.example.com. 3600 CNAME www.sub.example.com."], Lines(m.AnswerRecords));
        Assert.Equal(["sub.example.com. 3600 NS ns.other.example.com.", "sub.example.com. 3600 NS ns.sub.example.com."],
            Lines(m.AuthorityRecords).Order());
        Assert.Equal(["ns.sub.example.com. 3600 A 192.0.2.53"], Lines(m.AdditionalRecords.Where(r => r.RecordType != RecordType.Opt)));
    }

    [Fact]
    public void Cname_into_another_served_zone_is_followed_there_step_3a()
    {
        var m = Ask(_store, "tochild.example.com", RRType.A);
        Assert.True(m.IsAuthoritiveAnswer);
        Assert.Equal(["tochild.example.com. 3600 CNAME www.child.example.com.", "www.child.example.com. 600 A 192.0.2.61"],
            Lines(m.AnswerRecords));
        Assert.Empty(m.AuthorityRecords);
    }

    [Fact]
    public void Cname_loop_is_cut()
    {
        var m = Ask(_store, "loop1.example.com", RRType.A);
        Assert.Equal(ReturnCode.NoError, m.ReturnCode);
        Assert.Equal(["loop1.example.com. 3600 CNAME loop2.example.com.", "loop2.example.com. 3600 CNAME loop1.example.com."],
            Lines(m.AnswerRecords));
    }

    [Fact]
    public void Cname_to_a_missing_name_is_nxdomain_rfc6604()
    {
        var m = Ask(_store, "dangling.example.com", RRType.A);
        Assert.Equal(ReturnCode.NxDomain, m.ReturnCode);
        Assert.Single(m.AnswerRecords);
        Assert.Equal(RecordType.Soa, Assert.Single(m.AuthorityRecords).RecordType);
    }

    [Fact]
    public void Cname_out_of_the_served_zones_stops_there()
    {
        var m = Ask(_store, "outside.example.com", RRType.A);
        Assert.Equal(ReturnCode.NoError, m.ReturnCode);
        Assert.Equal(["outside.example.com. 3600 CNAME www.example.net."], Lines(m.AnswerRecords));
        Assert.Empty(m.AuthorityRecords);
    }

    [Fact]
    public void Cname_query_for_cname_returns_it_alone()
    {
        var m = Ask(_store, "alias.example.com", RRType.CNAME);
        Assert.Equal(["alias.example.com. 3600 CNAME www.example.com."], Lines(m.AnswerRecords));
    }

    [Fact]
    public void Mx_answer_adds_in_zone_addresses_once()
    {
        var m = Ask(_store, "example.com", RRType.MX);
        Assert.Equal(3, m.AnswerRecords.Count);
        Assert.Equal(["mail.example.com. 3600 A 192.0.2.25"], Lines(m.AdditionalRecords.Where(r => r.RecordType != RecordType.Opt)));
    }

    [Fact]
    public void Ns_answer_adds_addresses_of_in_zone_servers()
    {
        var m = Ask(_store, "example.com", RRType.NS);
        Assert.Equal(["ns1.example.com. 3600 A 192.0.2.1", "ns1.example.com. 3600 AAAA 2001:db8::1"],
            Lines(m.AdditionalRecords.Where(r => r.RecordType != RecordType.Opt)).Order());
    }

    [Fact]
    public void Wildcard_mx_and_srv_answers_add_the_targets_that_have_addresses_rfc4592_3_3_1()
    {
        var mx = Ask(_store, "random.wmx.example.com", RRType.MX);
        Assert.Equal(["random.wmx.example.com. 3600 MX 10 mail.example.com.", "random.wmx.example.com. 3600 MX 20 mx.example.net."],
            Lines(mx.AnswerRecords));
        Assert.Empty(mx.AuthorityRecords);
        Assert.Equal(["mail.example.com. 3600 A 192.0.2.25"], Lines(mx.AdditionalRecords.Where(r => r.RecordType != RecordType.Opt)));
        // noaddress exists but has no address: nothing to add for it.
        var srv = Ask(_store, "_x._tcp.wsrv.example.com", RRType.SRV);
        Assert.Equal(2, srv.AnswerRecords.Count);
        Assert.Equal(["mail.example.com. 3600 A 192.0.2.25"], Lines(srv.AdditionalRecords.Where(r => r.RecordType != RecordType.Opt)));
    }

    [Fact]
    public void Srv_answer_adds_target_addresses()
    {
        var m = Ask(_store, "_sip._udp.example.com", RRType.SRV);
        Assert.Single(m.AnswerRecords);
        Assert.Equal(["mail.example.com. 3600 A 192.0.2.25"], Lines(m.AdditionalRecords.Where(r => r.RecordType != RecordType.Opt)));
    }

    [Fact]
    public void Question_is_echoed_in_the_querier_letter_case()
    {
        var response = Answer(_store, TestQueries.Query("WwW.ExAmPlE.cOm", RRType.A));
        var m = DnsMessage.Parse(new ArraySegment<byte>(response));
        Assert.Equal("WwW.ExAmPlE.cOm.", m.Questions[0].Name.ToString());
        Assert.Equal(2, m.AnswerRecords.Count);
    }

    [Fact]
    public void Ds_at_a_served_child_apex_comes_from_the_parent_rfc4035_3_1_4_1()
    {
        var m = Ask(_store, "child.example.com", RRType.DS);
        Assert.True(m.IsAuthoritiveAnswer);
        Assert.Empty(m.AnswerRecords);
        var soa = Assert.Single(m.AuthorityRecords);
        Assert.Equal("example.com.", soa.Name.ToString());
    }

    [Fact]
    public void Ds_at_a_delegation_is_answered_by_the_parent()
    {
        var m = Ask(_store, "sub.example.com", RRType.DS);
        Assert.True(m.IsAuthoritiveAnswer);
        Assert.Equal(RecordType.Ds, Assert.Single(m.AnswerRecords).RecordType);
    }

    [Fact]
    public void Child_zone_answers_its_own_names()
    {
        var m = Ask(_store, "www.child.example.com", RRType.A);
        Assert.True(m.IsAuthoritiveAnswer);
        Assert.Equal(["www.child.example.com. 600 A 192.0.2.61"], Lines(m.AnswerRecords));
    }
}
