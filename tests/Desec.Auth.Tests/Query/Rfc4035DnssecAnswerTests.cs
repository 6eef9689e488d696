using ARSoft.Tools.Net.Dns;
using Desec.Auth.Query;
using Desec.Signer.Signing;
using Desec.Zone.Messages;
using Desec.Zone.Records;
using static Desec.Auth.Tests.TestQueries;

namespace Desec.Auth.Tests.Query;

/// <summary>RFC 4035 §3.1: what a signed zone adds to answers, with and without DO.</summary>
public class Rfc4035DnssecAnswerTests
{
    private static readonly Desec.Auth.Zones.ZoneStore Nsec = SignedStore(DenialMode.Nsec, ("example.com.", ExampleZones.Example));
    private static readonly Desec.Auth.Zones.ZoneStore Nsec3 = SignedStore(DenialMode.Nsec3, ("example.com.", ExampleZones.Example));

    private static List<RecordType> Types(IEnumerable<DnsRecordBase> records) => records.Select(r => r.RecordType).ToList();

    [Fact]
    public void Without_do_no_dnssec_records_are_added_section_3_1()
    {
        var m = Ask(Nsec, "www.example.com", RRType.A, udpSize: 1232);
        Assert.DoesNotContain(RecordType.RrSig, Types(m.AnswerRecords));
        var nx = Ask(Nsec, "nothing.example.com", RRType.A, udpSize: 1232);
        Assert.Equal([RecordType.Soa], Types(nx.AuthorityRecords));
    }

    [Fact]
    public void With_do_every_rrset_comes_with_its_rrsig_section_3_1_1()
    {
        var m = Ask(Nsec, "www.example.com", RRType.A, dnssecOk: true);
        Assert.Equal([RecordType.A, RecordType.A, RecordType.RrSig], Types(m.AnswerRecords));
    }

    [Fact]
    public void Rrsig_asked_for_by_type_is_answered_without_do()
    {
        var m = Ask(Nsec, "www.example.com", RRType.RRSIG, udpSize: 1232);
        Assert.Equal(3, m.AnswerRecords.Count); // A, TXT and NSEC are signed at www
        Assert.All(m.AnswerRecords, r => Assert.Equal(RecordType.RrSig, r.RecordType));
    }

    [Fact]
    public void Nxdomain_with_nsec_covers_the_name_and_the_wildcard_section_3_1_3_2()
    {
        var m = Ask(Nsec, "nothing.example.com", RRType.A, dnssecOk: true);
        Assert.Equal(ReturnCode.NxDomain, m.ReturnCode);
        var types = Types(m.AuthorityRecords);
        Assert.Single(types, t => t == RecordType.Soa);
        Assert.InRange(types.Count(t => t == RecordType.NSec), 1, 2);
        Assert.Equal(types.Count(t => t == RecordType.NSec) + 1, types.Count(t => t == RecordType.RrSig));
    }

    [Fact]
    public void Nxdomain_with_nsec3_has_the_closest_encloser_proof_rfc5155_7_2_2()
    {
        var m = Ask(Nsec3, "nothing.example.com", RRType.A, dnssecOk: true);
        Assert.Equal(ReturnCode.NxDomain, m.ReturnCode);
        Assert.InRange(Types(m.AuthorityRecords).Count(t => t == RecordType.NSec3), 2, 3);
    }

    [Fact]
    public void Referral_to_a_signed_child_has_the_signed_ds_section_3_1_4()
    {
        var m = Ask(Nsec, "host.sub.example.com", RRType.A, dnssecOk: true);
        Assert.False(m.IsAuthoritiveAnswer);
        var types = Types(m.AuthorityRecords);
        Assert.Contains(RecordType.Ds, types);
        Assert.Contains(RecordType.RrSig, types);
        Assert.DoesNotContain(RecordType.NSec, types);
    }

    [Fact]
    public void Referral_to_an_unsigned_child_proves_there_is_no_ds()
    {
        var m = Ask(Nsec, "host.child.example.com", RRType.A, dnssecOk: true);
        var types = Types(m.AuthorityRecords);
        Assert.Contains(RecordType.Ns, types);
        Assert.Contains(RecordType.NSec, types);
        Assert.DoesNotContain(RecordType.Ds, types);
        var nsec3 = Ask(Nsec3, "host.child.example.com", RRType.A, dnssecOk: true);
        Assert.Contains(RecordType.NSec3, Types(nsec3.AuthorityRecords));
    }

    [Fact]
    public void Wildcard_answer_proves_the_name_does_not_exist_section_3_1_3_3()
    {
        var m = Ask(Nsec, "anything.wild.example.com", RRType.A, dnssecOk: true);
        Assert.Equal([RecordType.A, RecordType.RrSig], Types(m.AnswerRecords));
        Assert.Equal("anything.wild.example.com.", m.AnswerRecords[1].Name.ToString());
        Assert.Equal([RecordType.NSec, RecordType.RrSig], Types(m.AuthorityRecords));
    }

    [Theory]
    [InlineData(DenialMode.Nsec, "random.wmx.example.com", RRType.MX)]
    [InlineData(DenialMode.Nsec3, "random.wmx.example.com", RRType.MX)]
    [InlineData(DenialMode.Nsec, "_x._tcp.wsrv.example.com", RRType.SRV)]
    [InlineData(DenialMode.Nsec3, "_x._tcp.wsrv.example.com", RRType.SRV)]
    public void Wildcard_answer_with_additional_data_keeps_the_proof_in_authority_section_3_1_3_3(DenialMode mode, string name, ushort type)
    {
        // The case: the proof that the query name does not exist went into the additional
        // section after the target's address, and Unbound failed the answer.
        var m = Ask(mode == DenialMode.Nsec ? Nsec : Nsec3, name, type, dnssecOk: true);
        var answerType = type == RRType.MX ? RecordType.Mx : RecordType.Srv;
        Assert.Equal([answerType, answerType, RecordType.RrSig], Types(m.AnswerRecords));
        Assert.Equal([mode == DenialMode.Nsec ? RecordType.NSec : RecordType.NSec3, RecordType.RrSig], Types(m.AuthorityRecords));
        // The target in the zone with an address, signed; the one without an address and the one outside add nothing.
        Assert.Equal([RecordType.A, RecordType.RrSig], Types(m.AdditionalRecords.Where(r => r.RecordType != RecordType.Opt)));
        Assert.Equal("mail.example.com.", m.AdditionalRecords[0].Name.ToString());
    }

    [Theory]
    [InlineData(DenialMode.Nsec)]
    [InlineData(DenialMode.Nsec3)]
    public void Cname_into_a_signed_delegation_is_authoritative_and_carries_the_signed_ds_rfc1035_4_1_1(DenialMode mode)
    {
        var m = Ask(mode == DenialMode.Nsec ? Nsec : Nsec3, "tosub.example.com", RRType.A, dnssecOk: true);
        Assert.True(m.IsAuthoritiveAnswer);
        Assert.Equal([RecordType.CName, RecordType.RrSig], Types(m.AnswerRecords));
        Assert.Equal([RecordType.Ns, RecordType.Ns, RecordType.Ds, RecordType.RrSig], Types(m.AuthorityRecords));
    }

    [Fact]
    public void Wildcard_cname_chain_proves_each_wildcard_once_in_authority_section_3_1_3_3()
    {
        // foo.wcname is synthesized from *.wcname; the chain then ends at www, an exact match.
        var m = Ask(Nsec, "foo.wcname.example.com", RRType.A, dnssecOk: true);
        Assert.Equal([RecordType.CName, RecordType.RrSig, RecordType.A, RecordType.A, RecordType.RrSig], Types(m.AnswerRecords));
        Assert.Equal([RecordType.NSec, RecordType.RrSig], Types(m.AuthorityRecords));
        Assert.DoesNotContain(m.AdditionalRecords, r => r.RecordType != RecordType.Opt);
    }

    [Fact]
    public void Dname_answer_signs_the_dname_not_the_synthesized_cname_rfc6672_5_3()
    {
        var m = Ask(Nsec, "host.dn.example.com", RRType.A, dnssecOk: true);
        Assert.Equal([RecordType.DName, RecordType.RrSig, RecordType.CName], Types(m.AnswerRecords));
    }

    [Fact]
    public void A_needed_rrsig_that_does_not_fit_in_udp_sets_tc_section_3_1_1()
    {
        // The six TXT strings fit in 800 octets alone, but not with their signature in 800.
        var plain = Answer(Nsec, TestQueries.Query("big.example.com", RRType.TXT, udpSize: 800));
        Assert.False(Header(plain).Has(HeaderFlags.TC));
        var signed = Answer(Nsec, TestQueries.Query("big.example.com", RRType.TXT, udpSize: 800, dnssecOk: true));
        Assert.True(Header(signed).Has(HeaderFlags.TC));
    }
}
