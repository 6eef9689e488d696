using Desec.Auth.Query;
using Desec.Auth.Transport;
using Desec.Zone.Messages;
using Desec.Zone.Records;
using static Desec.Auth.Tests.TestQueries;

namespace Desec.Auth.Tests.Query;

/// <summary>
/// DNS cookies on the server side (RFC 7873 §5.2) with the interoperable server cookie (RFC 9018),
/// and PADDING on an unencrypted transport (RFC 7830 §4, RFC 8467 §4): through the entry point,
/// with the peer's address as the transport hands it over.
/// </summary>
public class Rfc7873CookieTests
{
    private static readonly byte[] Secret = Convert.FromHexString("e5e973e5a6b2a43f48e7dc849e37bfcf");
    private static readonly byte[] ClientCookie = Convert.FromHexString("2464c4abcf10c957");
    private static readonly PeerAddress Resolver = PeerAddress.FromIPv4(0xC6336464, 40000); // 198.51.100.100
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1559731985);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly Desec.Auth.Zones.ZoneStore _store = ExampleZones.Store();
    private readonly FixedClock _clock = new(Now);

    private QueryHandler Handler() =>
        new(new Answerer(_store), new AnswerOptions { CookieSecret = Secret, Nsid = "ns-test"u8.ToArray() }, clock: _clock);

    /// <summary>The COOKIE option of the response; empty when there is none.</summary>
    private static byte[] CookieOf(byte[] response)
    {
        foreach (var option in Read(response).Edns.Options)
        {
            if (option.Code == EdnsOptionCode.Cookie) { return option.Data.ToArray(); }
        }
        return [];
    }

    private byte[] Ask(byte[]? cookie, PeerAddress? peer = null, TransportKind transport = TransportKind.Udp) =>
        Answer(Handler(), TestQueries.Query("www.example.com", RRType.A, udpSize: 1232, cookie: cookie), transport, peer ?? Resolver);

    [Fact]
    public void Rfc7873_5_2_3_a_client_cookie_gets_itself_back_with_a_new_server_cookie()
    {
        var response = Ask(ClientCookie);
        Assert.Equal(Rcode.NoError, ResponseCode(response));
        var cookie = CookieOf(response);
        Assert.Equal(8 + ServerCookie.Length, cookie.Length);
        Assert.Equal(ClientCookie, cookie[..8]);
        // RFC 9018 Appendix A.1: this client, address, secret and time give exactly this server cookie.
        Assert.Equal(Convert.FromHexString("010000005cf79f111f8130c3eee29480"), cookie[8..]);
    }

    [Fact]
    public void Rfc7873_5_2_4_a_fresh_valid_server_cookie_is_sent_back_unchanged()
    {
        var first = CookieOf(Ask(ClientCookie));
        _clock.Now = Now.AddMinutes(10);
        Assert.Equal(first, CookieOf(Ask(first)));
    }

    [Fact]
    public void Rfc9018_4_3_a_valid_cookie_older_than_half_an_hour_is_renewed()
    {
        var first = CookieOf(Ask(ClientCookie));
        _clock.Now = DateTimeOffset.FromUnixTimeSeconds(1559734385); // 40 minutes later (Appendix A.2)
        var renewed = CookieOf(Ask(first));
        Assert.Equal(Convert.FromHexString("010000005cf7a871d4a564a1442aca77"), renewed[8..]);
    }

    [Fact]
    public void Rfc7873_5_2_3_a_wrong_server_cookie_is_answered_normally_with_a_new_one_no_badcookie()
    {
        var forged = (byte[])[.. ClientCookie, .. new byte[16]];
        var response = Ask(forged);
        Assert.Equal(Rcode.NoError, ResponseCode(response));
        Assert.Contains("192.0.2.80", string.Join(" ", Lines(ARSoft.Tools.Net.Dns.DnsMessage.Parse(response).AnswerRecords)));
        var cookie = CookieOf(response);
        Assert.Equal(ClientCookie, cookie[..8]);
        Assert.NotEqual(new byte[16], cookie[8..]);
    }

    [Fact]
    public void Rfc9018_4_4_the_server_cookie_depends_on_the_peer_address()
    {
        var v4 = CookieOf(Ask(ClientCookie));
        var other = CookieOf(Ask(ClientCookie, PeerAddress.FromIPv4(0xCB0071CB, 40000))); // 203.0.113.203
        var v6 = CookieOf(Ask(ClientCookie, PeerAddress.FromIPv6(Convert.FromHexString("20010db80220000159ded0f4876982b8"), 40000)));
        Assert.NotEqual(v4, other);
        Assert.NotEqual(v4, v6);
        // A cookie made for one address does not validate from another: the server sends a new one.
        Assert.NotEqual(v4, CookieOf(Ask(v4, PeerAddress.FromIPv4(0xCB0071CB, 40000))));
    }

    [Fact]
    public void Rfc7873_5_2_cookies_are_answered_over_tcp_too()
    {
        Assert.Equal(24, CookieOf(Ask(ClientCookie, transport: TransportKind.Tcp)).Length);
    }

    [Fact]
    public void Without_a_cookie_option_no_cookie_is_sent()
    {
        Assert.Empty(CookieOf(Ask(null)));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(12)]
    [InlineData(41)]
    public void Rfc7873_5_2_2_a_malformed_cookie_is_formerr_with_an_opt_record(int length)
    {
        var query = TestQueries.Query("www.example.com", RRType.A, udpSize: 1232, cookie: new byte[length]);
        var response = Answer(Handler(), query, TransportKind.Udp, Resolver);
        Assert.Equal(Rcode.FormErr, ResponseCode(response));
        Assert.True(Read(response).Edns.Present);
        Assert.Equal(0, Header(response).AnswerCount);
    }

    [Fact]
    public void Rfc7830_4_no_padding_on_an_unencrypted_transport()
    {
        // RFC 7830 §4 and RFC 8467 §4: padding serves encrypted transports; UDP and TCP here are not.
        var options = new OptRecord { UdpPayloadSize = 1232, PaddingLength = 20 };
        var query = QueryMessage.Create(1, Opcode.Query, HeaderFlags.None, Zone.Names.DnsName.Parse("www.example.com.").Wire, RRType.A,
            RRClass.IN, edns: true, options);
        Assert.True(Read(query).Edns.Padded);
        foreach (var transport in (TransportKind[])[TransportKind.Udp, TransportKind.Tcp])
        {
            var response = Answer(Handler(), query, transport, Resolver);
            Assert.Equal(Rcode.NoError, ResponseCode(response));
            Assert.False(Read(response).Edns.Padded);
        }
    }

    [Fact]
    public void Rfc5001_nsid_and_cookie_together()
    {
        var query = TestQueries.Query("www.example.com", RRType.A, udpSize: 1232, nsid: true, cookie: ClientCookie);
        var edns = Read(Answer(Handler(), query, TransportKind.Udp, Resolver)).Edns;
        var codes = new List<ushort>();
        foreach (var option in edns.Options) { codes.Add(option.Code); }
        Assert.Equal([EdnsOptionCode.Nsid, EdnsOptionCode.Cookie], codes);
    }
}
