using ARSoft.Tools.Net.Dns;
using Desec.Auth.Query;
using Desec.Auth.Transport;
using Desec.Zone.Messages;
using Desec.Zone.Records;
using static Desec.Auth.Tests.TestQueries;

namespace Desec.Auth.Tests.Query;

/// <summary>RFC 6891 EDNS(0), RFC 5001 NSID, RFC 2181 §9 / RFC 1035 truncation, RFC 8482 ANY.</summary>
public class Rfc6891EdnsTests
{
    private readonly Desec.Auth.Zones.ZoneStore _store = ExampleZones.Store();

    [Fact]
    public void Opt_is_in_the_answer_exactly_when_the_query_had_one_section_7()
    {
        Assert.True(Ask(_store, "www.example.com", RRType.A, udpSize: 1232).IsEDnsEnabled);
        Assert.False(Ask(_store, "www.example.com", RRType.A).IsEDnsEnabled);
    }

    [Fact]
    public void Version_above_zero_gets_badvers_section_6_1_3()
    {
        var response = Answer(_store, TestQueries.Query("www.example.com", RRType.A, udpSize: 1232, ednsVersion: 1));
        var m = DnsMessage.Parse(new ArraySegment<byte>(response));
        Assert.Equal(ReturnCode.BadVersion, m.ReturnCode);
        Assert.Empty(m.AnswerRecords);
    }

    [Fact]
    public void Do_bit_is_copied_rfc3225()
    {
        var response = Answer(_store, TestQueries.Query("www.example.com", RRType.A, udpSize: 1232, dnssecOk: true));
        Assert.True(DnsMessage.Parse(new ArraySegment<byte>(response)).IsDnsSecOk);
    }

    [Fact]
    public void Nsid_is_sent_when_asked_and_configured_rfc5001()
    {
        var options = new AnswerOptions { Nsid = "ns-test"u8.ToArray() };
        var response = Answer(_store, TestQueries.Query("www.example.com", RRType.A, udpSize: 1232, nsid: true), options: options);
        Assert.Contains("ns-test"u8.ToArray(), SplitOptions(response));
        var without = Answer(_store, TestQueries.Query("www.example.com", RRType.A, udpSize: 1232), options: options);
        Assert.Empty(SplitOptions(without));
    }

    private static List<byte[]> SplitOptions(byte[] response)
    {
        var m = DnsMessage.Parse(new ArraySegment<byte>(response));
        return m.EDnsOptions?.Options.OfType<NsIdOption>().Select(o => o.Payload).ToList() ?? [];
    }

    [Fact]
    public void Udp_answer_that_does_not_fit_512_is_cut_at_an_rrset_with_tc()
    {
        var response = Answer(_store, TestQueries.Query("big.example.com", RRType.TXT));
        Assert.True(response.Length <= 512);
        Assert.True(Header(response).Has(HeaderFlags.TC));
        Assert.Equal(0, Header(response).AnswerCount); // never half an RRset
    }

    [Fact]
    public void Udp_size_from_the_query_is_honoured_and_capped()
    {
        var response = Answer(_store, TestQueries.Query("big.example.com", RRType.TXT, udpSize: 4096));
        Assert.False(Header(response).Has(HeaderFlags.TC));
        Assert.Equal(6, Header(response).AnswerCount);
        var capped = Answer(_store, TestQueries.Query("big.example.com", RRType.TXT, udpSize: 4096),
            options: new AnswerOptions { MaxUdpPayload = 512 });
        Assert.True(Header(capped).Has(HeaderFlags.TC));
        Assert.True(capped.Length <= 512);
    }

    [Fact]
    public void Tcp_answer_is_not_truncated()
    {
        var response = Answer(_store, TestQueries.Query("big.example.com", RRType.TXT), TransportKind.Tcp);
        Assert.False(Header(response).Has(HeaderFlags.TC));
        Assert.Equal(6, Header(response).AnswerCount);
    }

    [Fact]
    public void Any_over_udp_returns_one_rrset_rfc8482_section_4_1()
    {
        var m = Ask(_store, "www.example.com", RRType.ANY);
        Assert.Single(m.AnswerRecords.Select(r => r.RecordType).Distinct());
        var tcp = Ask(_store, "www.example.com", RRType.ANY, transport: TransportKind.Tcp);
        Assert.Equal(2, tcp.AnswerRecords.Select(r => r.RecordType).Distinct().Count());
    }
}
