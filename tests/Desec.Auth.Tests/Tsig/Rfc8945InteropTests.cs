using Desec.Zone.Names;
using Desec.Zone.Tsig;

namespace Desec.Auth.Tests.Tsig;

/// <summary>
/// RFC 8945 against real peers: dig (BIND 9) and kdig (Knot) sign requests that our verifier
/// must accept, and check the MACs we put on responses and on every message of a transfer.
/// </summary>
public sealed class Rfc8945InteropTests
{
    public static TheoryData<string> Algorithms => new("hmac-sha1", "hmac-sha256", "hmac-sha384", "hmac-sha512");

    private static TsigKey Key(string algorithm) => DnsTools.NewKey("xfr-key.example.", TsigAlgorithm.FromMnemonic(algorithm)!);

    /// <summary>§4.3.2 (request MAC), §5.3 (response MAC over the request MAC): dig signs, we verify; we sign, dig verifies.</summary>
    [Theory, MemberData(nameof(Algorithms))]
    public void Section5_3_dig_request_verifies_and_dig_accepts_our_signed_answer(string algorithm)
    {
        var key = Key(algorithm);
        using var server = new TsigTestServer(new TsigKeyring([key]));
        var (_, output) = DnsTools.Run("dig", "-y", DnsTools.KeyArgument(key), "@127.0.0.1", "-p", server.UdpPort.ToString(),
            "www.example.", "A", "+tries=1", "+time=5");
        Assert.Equal([TsigResult.Ok], server.Results);
        Assert.Contains(";; TSIG PSEUDOSECTION:", output);
        Assert.Contains("status: NOERROR", output);
        Assert.Contains("192.0.2.1", output);
        Assert.DoesNotContain("failure", output);
        Assert.DoesNotContain("Couldn't verify", output);
    }

    [Theory, MemberData(nameof(Algorithms))]
    public void Section5_3_kdig_request_verifies_and_kdig_accepts_our_signed_answer(string algorithm)
    {
        var key = Key(algorithm);
        using var server = new TsigTestServer(new TsigKeyring([key]));
        var (code, output) = DnsTools.Run("kdig", "-y", DnsTools.KeyArgument(key), "@127.0.0.1", "-p", server.UdpPort.ToString(),
            "www.example.", "A", "+retry=0", "+time=5");
        Assert.Equal([TsigResult.Ok], server.Results);
        Assert.Equal(0, code);
        Assert.Contains(";; TSIG PSEUDOSECTION:", output);
        Assert.Contains("NOERROR", output);
        Assert.Contains("192.0.2.1", output);
        Assert.DoesNotContain("WARNING", output);
    }

    /// <summary>§5.3.1: each of three AXFR messages signed, chained to the prior MAC; dig checks every one.</summary>
    [Theory, MemberData(nameof(Algorithms))]
    public void Section5_3_1_dig_accepts_every_message_of_a_signed_transfer(string algorithm)
    {
        var key = Key(algorithm);
        using var server = new TsigTestServer(new TsigKeyring([key]));
        var (_, output) = DnsTools.Run("dig", "-y", DnsTools.KeyArgument(key), "@127.0.0.1", "-p", server.TcpPort.ToString(),
            "example.", "AXFR", "+tries=1", "+time=5");
        Assert.Equal([TsigResult.Ok], server.Results);
        Assert.Contains("XFR size: 3 records (messages 3", output);
        Assert.DoesNotContain("failed", output);
        Assert.DoesNotContain("failure", output);
        Assert.DoesNotContain("could not be validated", output);
    }

    [Theory, MemberData(nameof(Algorithms))]
    public void Section5_3_1_kdig_accepts_every_message_of_a_signed_transfer(string algorithm)
    {
        var key = Key(algorithm);
        using var server = new TsigTestServer(new TsigKeyring([key]));
        var (code, output) = DnsTools.Run("kdig", "-y", DnsTools.KeyArgument(key), "@127.0.0.1", "-p", server.TcpPort.ToString(),
            "example.", "AXFR", "+retry=0", "+time=5");
        Assert.Equal([TsigResult.Ok], server.Results);
        Assert.Equal(0, code);
        Assert.Contains("Received", output);
        Assert.Contains("3 records", output);
        Assert.DoesNotContain("WARNING", output);
    }

    /// <summary>
    /// Negative control: dig checks the MAC of every message of a transfer, reporting (and
    /// carrying on) when one fails; so the clean run above proves all three verified.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Section5_3_1_dig_reports_a_damaged_MAC_in_any_message(int damaged)
    {
        var key = Key("hmac-sha256");
        using var server = new TsigTestServer(new TsigKeyring([key]),
            tamperTransfer: (i, message) => { if (i == damaged) { message[^7] ^= 1; } });
        var (_, output) = DnsTools.Run("dig", "-y", DnsTools.KeyArgument(key), "@127.0.0.1", "-p", server.TcpPort.ToString(),
            "example.", "AXFR", "+tries=1", "+time=5");
        Assert.Equal([TsigResult.Ok], server.Results);
        Assert.True(output.Contains("tsig verify failure", StringComparison.Ordinal), output);
        Assert.Contains("Some TSIG could not be validated", output);
    }

    /// <summary>
    /// Negative control for kdig: it refuses a transfer whose first MAC is damaged. (kdig 3.x
    /// checks only the first message's TSIG, so the later ones rest on dig and the reference.)
    /// </summary>
    [Fact]
    public void Section5_3_1_kdig_refuses_a_transfer_with_a_damaged_first_MAC()
    {
        var key = Key("hmac-sha256");
        using var server = new TsigTestServer(new TsigKeyring([key]),
            tamperTransfer: (i, message) => { if (i == 0) { message[^7] ^= 1; } });
        var (_, output) = DnsTools.Run("kdig", "-y", DnsTools.KeyArgument(key), "@127.0.0.1", "-p", server.TcpPort.ToString(),
            "example.", "AXFR", "+retry=0", "+time=5");
        Assert.Equal([TsigResult.Ok], server.Results);
        Assert.True(output.Contains("fail", StringComparison.OrdinalIgnoreCase), output);
        Assert.DoesNotContain("3 records", output);
    }

    /// <summary>§5.2.1: a key we do not have is answered NOTAUTH with TSIG error BADKEY, unsigned.</summary>
    [Fact]
    public void Section5_2_1_unknown_key_name_is_BADKEY()
    {
        var ours = Key("hmac-sha256");
        var theirs = new TsigKey(DnsName.Parse("other-key.example."), ours.Algorithm, ours.Secret);
        using var server = new TsigTestServer(new TsigKeyring([ours]));
        var (_, output) = DnsTools.Run("dig", "-y", DnsTools.KeyArgument(theirs), "@127.0.0.1", "-p", server.UdpPort.ToString(),
            "www.example.", "A", "+tries=1", "+time=5");
        Assert.Equal([TsigResult.BadKey], server.Results);
        Assert.Contains("BADKEY", output);
    }

    /// <summary>§5.2.1: a known key name with another algorithm is BADKEY too.</summary>
    [Fact]
    public void Section5_2_1_known_key_with_another_algorithm_is_BADKEY()
    {
        var ours = Key("hmac-sha256");
        var theirs = new TsigKey(ours.Name, TsigAlgorithm.HmacSha512, ours.Secret);
        using var server = new TsigTestServer(new TsigKeyring([ours]));
        var (_, output) = DnsTools.Run("kdig", "-y", DnsTools.KeyArgument(theirs), "@127.0.0.1", "-p", server.UdpPort.ToString(),
            "www.example.", "A", "+retry=0", "+time=5");
        Assert.Equal([TsigResult.BadKey], server.Results);
        Assert.Contains("BADKEY", output);
    }

    /// <summary>§5.2.2: the right name with a wrong secret is answered NOTAUTH with BADSIG, unsigned.</summary>
    [Theory]
    [InlineData("dig")]
    [InlineData("kdig")]
    public void Section5_2_2_wrong_secret_is_BADSIG(string tool)
    {
        var ours = Key("hmac-sha256");
        var theirs = DnsTools.NewKey(ours.Name.ToString(), ours.Algorithm);
        using var server = new TsigTestServer(new TsigKeyring([ours]));
        var (_, output) = DnsTools.Run(tool, "-y", DnsTools.KeyArgument(theirs), "@127.0.0.1", "-p", server.UdpPort.ToString(),
            "www.example.", "A", tool == "dig" ? "+tries=1" : "+retry=0", "+time=5");
        Assert.Equal([TsigResult.BadSig], server.Results);
        Assert.Contains("BADSIG", output);
    }

    /// <summary>No TSIG: answered, unsigned.</summary>
    [Fact]
    public void Missing_TSIG_is_NoTsig_and_the_answer_is_unsigned()
    {
        using var server = new TsigTestServer(new TsigKeyring([Key("hmac-sha256")]));
        var (_, output) = DnsTools.Run("dig", "@127.0.0.1", "-p", server.UdpPort.ToString(), "www.example.", "A", "+tries=1", "+time=5");
        Assert.Equal([TsigResult.NoTsig], server.Results);
        Assert.DoesNotContain("TSIG", output);
        Assert.Contains("192.0.2.1", output);
    }

    /// <summary>Negative control for the tests above: one flipped octet of our answer's MAC and both tools refuse it.</summary>
    [Theory]
    [InlineData("dig", "tsig verify failure")]
    [InlineData("kdig", "failed to verify")]
    public void Section5_3_tools_refuse_an_answer_with_a_damaged_MAC(string tool, string report)
    {
        var key = Key("hmac-sha256");
        using var server = new TsigTestServer(new TsigKeyring([key]), tamper: response => response[^7] ^= 1);
        var (_, output) = DnsTools.Run(tool, "-y", DnsTools.KeyArgument(key), "@127.0.0.1", "-p", server.UdpPort.ToString(),
            "www.example.", "A", tool == "dig" ? "+tries=1" : "+retry=0", "+time=5");
        Assert.Equal([TsigResult.Ok], server.Results);
        Assert.True(output.Contains(report, StringComparison.Ordinal), output);
    }

    /// <summary>
    /// §5.2.3: with our clock an hour ahead, the tool's request is BADTIME; the answer is signed
    /// (over the request MAC, Time Signed echoed, our time in Other Data). The tools check that
    /// MAC before they report the clock skew: with one MAC octet flipped they report a bad
    /// signature instead, which shows the check happened.
    /// </summary>
    [Theory]
    [InlineData("dig", false, "Couldn't verify signature: clocks are unsynchronized")]
    [InlineData("dig", true, "tsig verify failure")]
    [InlineData("kdig", false, "TSIG out of time window")]
    [InlineData("kdig", true, "failed to verify")]
    public void Section5_2_3_stale_request_is_BADTIME_and_the_signed_answer_verifies(string tool, bool flipMac, string report)
    {
        var key = Key("hmac-sha256");
        // The MAC's last octet sits before Original ID, Error, Other Len and 6 octets of Other Data.
        using var server = new TsigTestServer(new TsigKeyring([key]), clockSkew: TimeSpan.FromHours(1),
            tamper: flipMac ? response => response[^13] ^= 1 : null);
        var (_, output) = DnsTools.Run(tool, "-y", DnsTools.KeyArgument(key), "@127.0.0.1", "-p", server.UdpPort.ToString(),
            "www.example.", "A", tool == "dig" ? "+tries=1" : "+retry=0", "+time=5");
        Assert.Equal([TsigResult.BadTime], server.Results);
        Assert.Contains("BADTIME", output);
        Assert.True(output.Contains(report, StringComparison.Ordinal), output);
    }
}
