using System.Net;
using Desec.Zone.Messages;

namespace Desec.Zone.Tests.Messages;

/// <summary>
/// SipHash-2-4 against the test vector of its paper, and the RFC 9018 server cookie against the
/// examples of RFC 9018 Appendix A (the same values as every interoperable implementation).
/// </summary>
public class ServerCookieTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex);
    private static byte[] Address(string text) => IPAddress.Parse(text).GetAddressBytes();

    [Fact]
    public void SipHash24_paper_appendix_a_vector()
    {
        // Key 00..0f, message 00..0e (15 octets): 0xa129ca6149be45e5.
        var key = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        var message = Enumerable.Range(0, 15).Select(i => (byte)i).ToArray();
        Assert.Equal(0xa129ca6149be45e5UL, SipHash24.Hash(key, message));
    }

    [Fact]
    public void SipHash24_of_the_empty_message()
    {
        // The first entry of the reference implementation's vector table: 31 0e 0e dd 47 db 6f 72 (octets, little-endian).
        var key = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        Assert.Equal(0x726fdb47dd0e0e31UL, SipHash24.Hash(key, []));
    }

    [Fact]
    public void Rfc9018_A_1_learning_a_new_server_cookie()
    {
        var cookie = new byte[16];
        ServerCookie.Write(cookie, Hex("2464c4abcf10c957"), 1559731985, Address("198.51.100.100"), Hex("e5e973e5a6b2a43f48e7dc849e37bfcf"));
        Assert.Equal(Hex("010000005cf79f111f8130c3eee29480"), cookie);
    }

    [Fact]
    public void Rfc9018_A_2_the_same_client_learning_a_renewed_cookie()
    {
        var secret = Hex("e5e973e5a6b2a43f48e7dc849e37bfcf");
        var client = Hex("2464c4abcf10c957");
        var address = Address("198.51.100.100");
        var old = Hex("010000005cf79f111f8130c3eee29480");
        // 40 minutes later the old cookie is still valid but due for renewal (§4.3).
        Assert.Equal(ServerCookieCheck.Renew, ServerCookie.Check(old, client, address, secret, 1559734385));
        var cookie = new byte[16];
        ServerCookie.Write(cookie, client, 1559734385, address, secret);
        Assert.Equal(Hex("010000005cf7a871d4a564a1442aca77"), cookie);
    }

    [Fact]
    public void Rfc9018_A_3_another_clients_cookie_with_reserved_octets_set_verifies()
    {
        var cookie = Hex("01abcdef5cf78f71a314227b6679ebf5");
        Assert.Equal(ServerCookieCheck.Valid, ServerCookie.Check(cookie, Hex("fc93fc62807ddb86"), Address("203.0.113.203"),
            Hex("e5e973e5a6b2a43f48e7dc849e37bfcf"), 1559727985));
    }

    [Fact]
    public void Rfc9018_A_4_ipv6_query_with_a_rolled_over_secret()
    {
        var client = Hex("22681ab97d52c298");
        var address = Address("2001:db8:220:1:59de:d0f4:8769:82b8");
        var oldSecret = Hex("dd3bdf9344b678b185a6f5cb60fca715");
        var cookie = new byte[16];
        ServerCookie.Write(cookie, client, 1559741817, address, oldSecret);
        Assert.Equal(Hex("010000005cf7c57926556bd0934c72f8"), cookie);
        Assert.Equal(ServerCookieCheck.Valid, ServerCookie.Check(cookie, client, address, oldSecret, 1559741961));
        ServerCookie.Write(cookie, client, 1559741961, address, Hex("445536bcd2513298075a5d379663c962"));
        Assert.Equal(Hex("010000005cf7c609a6bb79d16625507a"), cookie);
    }

    [Theory]
    [InlineData(1559731985u + 3601, "an hour old")]
    [InlineData(1559731985u - 301, "more than five minutes ahead")]
    public void Rfc9018_4_3_cookies_outside_the_time_window_are_invalid(uint now, string why)
    {
        var cookie = Hex("010000005cf79f111f8130c3eee29480");
        Assert.True(ServerCookieCheck.Invalid == ServerCookie.Check(cookie, Hex("2464c4abcf10c957"), Address("198.51.100.100"),
            Hex("e5e973e5a6b2a43f48e7dc849e37bfcf"), now), why);
    }

    [Fact]
    public void A_cookie_for_another_address_version_or_length_is_invalid()
    {
        var secret = Hex("e5e973e5a6b2a43f48e7dc849e37bfcf");
        var client = Hex("2464c4abcf10c957");
        var cookie = Hex("010000005cf79f111f8130c3eee29480");
        Assert.Equal(ServerCookieCheck.Invalid, ServerCookie.Check(cookie, client, Address("198.51.100.101"), secret, 1559731985));
        var otherVersion = (byte[])cookie.Clone();
        otherVersion[0] = 2;
        Assert.Equal(ServerCookieCheck.Invalid, ServerCookie.Check(otherVersion, client, Address("198.51.100.100"), secret, 1559731985));
        Assert.Equal(ServerCookieCheck.Invalid, ServerCookie.Check(cookie[..12], client, Address("198.51.100.100"), secret, 1559731985));
    }
}
