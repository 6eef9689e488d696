using Interop.Tests.Serving;

namespace Interop.Tests.Transfer;

/// <summary>
/// Transfers allowed by TSIG key only (RFC 8945): dig and kdig with the key transfer the zone and
/// verify every message; without the key (REFUSED), with a wrong secret (BADSIG), an unknown key
/// name (BADKEY) or a stale time (BADTIME) they are turned away with the right error. Plain queries signed with the key get signed answers.
/// </summary>
public sealed class TsigTransferTests : IDisposable
{
    private const string KeyName = "xfr-key";
    private const string Secret = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTAxMjM=";
    private const string WrongSecret = "d3Jvbmctd3Jvbmctd3Jvbmctd3Jvbmctd3JvbmctMDA=";
    private readonly string _config = Path.Combine(Path.GetTempPath(), $"tsig-config-{Guid.NewGuid():N}.json");
    private readonly ServerProcess _server;

    public TsigTransferTests()
    {
        File.WriteAllText(_config, $$"""
            {
              "tsig-keys": [ { "name": "{{KeyName}}", "algorithm": "hmac-sha256", "secret": "{{Secret}}" } ],
              "allow-transfer": [ "key:{{KeyName}}" ]
            }
            """);
        _server = new ServerProcess(Path.Combine(AppContext.BaseDirectory, "ServeZones"), "--config", _config);
    }

    public void Dispose()
    {
        _server.Dispose();
        File.Delete(_config);
    }

    private ExternalTool.Result Dig(params string[] arguments) =>
        ExternalTool.Run("dig", ["@127.0.0.1", "-p", _server.Port.ToString(), "+tries=1", "+time=10", .. arguments]);

    [Fact]
    public void Dig_with_the_key_transfers_and_every_message_verifies()
    {
        var r = Dig("-y", $"hmac-sha256:{KeyName}:{Secret}", "example.com.", "AXFR");
        Assert.DoesNotContain("Transfer failed", r.Output);
        Assert.DoesNotContain("tsig verify failure", r.Output + r.Error);
        Assert.Contains("\tTSIG\t", r.Output);
        Assert.Matches(@"example\.com\.\s+\d+\s+IN\s+DNSKEY", r.Output);
    }

    [Fact]
    public void Kdig_with_the_key_transfers()
    {
        var r = ExternalTool.Run("kdig", ["@127.0.0.1", "-p", _server.Port.ToString(), "-y", $"hmac-sha256:{KeyName}:{Secret}",
            "example.com.", "AXFR"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("DNSKEY", r.Output);
        Assert.DoesNotContain("failed", r.Output + r.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Without_the_key_the_transfer_is_refused()
    {
        var r = Dig("example.com.", "AXFR");
        Assert.Contains("Transfer failed", r.Output);
    }

    [Fact]
    public void A_wrong_secret_gets_badsig()
    {
        var r = Dig("-y", $"hmac-sha256:{KeyName}:{WrongSecret}", "www.example.com.", "A");
        Assert.Contains("NOTAUTH", r.Output);
        Assert.Contains("BADSIG", r.Output);
    }

    [Fact]
    public void An_unknown_key_gets_badkey()
    {
        var r = Dig("-y", $"hmac-sha256:other-key:{Secret}", "www.example.com.", "A");
        Assert.Contains("NOTAUTH", r.Output);
        Assert.Contains("BADKEY", r.Output);
    }

    [Fact]
    public void A_transfer_with_a_wrong_secret_gets_badsig()
    {
        var r = ExternalTool.Run("kdig", ["@127.0.0.1", "-p", _server.Port.ToString(), "-y", $"hmac-sha256:{KeyName}:{WrongSecret}",
            "+retry=0", "+time=5", "example.com.", "AXFR"]);
        Assert.Contains("BADSIG", r.Output + r.Error);
        Assert.DoesNotContain("DNSKEY", r.Output);
    }

    [Fact]
    public void A_transfer_with_an_unknown_key_gets_badkey()
    {
        var r = ExternalTool.Run("kdig", ["@127.0.0.1", "-p", _server.Port.ToString(), "-y", $"hmac-sha256:other-key:{Secret}",
            "+retry=0", "+time=5", "example.com.", "AXFR"]);
        Assert.Contains("BADKEY", r.Output + r.Error);
        Assert.DoesNotContain("DNSKEY", r.Output);
    }

    /// <summary>
    /// RFC 8945 §5.2.3: kdig run an hour in the past (libfaketime; dig's event loop does not run under
    /// it) signs with a stale time and gets BADTIME, and nothing of the zone.
    /// </summary>
    [Fact]
    public void A_transfer_signed_at_a_stale_time_gets_badtime()
    {
        var r = ExternalTool.Run("env", ["FAKETIME_DONT_FAKE_MONOTONIC=1", "faketime", "-f", "-1h", "kdig", "@127.0.0.1", "-p", _server.Port.ToString(), "-y", $"hmac-sha256:{KeyName}:{Secret}",
            "+retry=0", "+time=5", "example.com.", "AXFR"]);
        Assert.Contains("BADTIME", r.Output + r.Error);
        Assert.DoesNotContain("DNSKEY", r.Output);
        // Negative control: the same kdig at the right time is let in.
        var ok = ExternalTool.Run("env", ["FAKETIME_DONT_FAKE_MONOTONIC=1", "faketime", "-f", "+0", "kdig", "@127.0.0.1", "-p", _server.Port.ToString(), "-y", $"hmac-sha256:{KeyName}:{Secret}",
            "+retry=0", "+time=5", "example.com.", "AXFR"]);
        Assert.Contains("DNSKEY", ok.Output);
    }

    [Fact]
    public void A_transfer_without_tsig_is_refused_even_from_an_allowed_looking_address()
    {
        var r = ExternalTool.Run("kdig", ["@127.0.0.1", "-p", _server.Port.ToString(), "+retry=0", "+time=5", "example.com.", "AXFR"]);
        Assert.Contains("REFUSED", r.Output + r.Error);
        Assert.DoesNotContain("DNSKEY", r.Output);
    }

    [Fact]
    public void A_signed_query_gets_a_signed_answer()
    {
        var r = Dig("-y", $"hmac-sha256:{KeyName}:{Secret}", "www.example.com.", "A");
        Assert.Contains("status: NOERROR", r.Output);
        Assert.Contains("TSIG PSEUDOSECTION", r.Output);
        Assert.DoesNotContain("tsig verify failure", r.Output + r.Error);
    }

    [Theory]
    [InlineData("+notcp")]
    [InlineData("+tcp")]
    public void Kdig_signed_query_gets_a_signed_answer_that_kdig_verifies(string transport)
    {
        var r = ExternalTool.Run("kdig", ["@127.0.0.1", "-p", _server.Port.ToString(), "-y", $"hmac-sha256:{KeyName}:{Secret}",
            "+retry=0", "+time=5", transport, "www.example.com.", "A"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("NOERROR", r.Output);
        Assert.Contains("TSIG PSEUDOSECTION", r.Output);
        Assert.DoesNotContain("WARNING", r.Output + r.Error);
    }

    /// <summary>
    /// RFC 1995 §2 over UDP with a key-only ACL (the peer is known by its key, RFC 8945): the client's
    /// serial is unknown to the journal, so the answer is the current SOA alone, signed.
    /// </summary>
    [Fact]
    public void An_ixfr_over_udp_with_the_key_gets_the_signed_soa_alone()
    {
        var r = Dig("-y", $"hmac-sha256:{KeyName}:{Secret}", "+notcp", "+bufsize=1232", "example.com.", "IXFR=1000000");
        Assert.Matches(@"(?m)^example\.com\.\s+\d+\s+IN\s+SOA\s", r.Output);
        Assert.Contains("\tTSIG\t", r.Output);
        Assert.Contains("(UDP)", r.Output);
        Assert.DoesNotContain("tsig verify failure", r.Output + r.Error);
        Assert.DoesNotContain("DNSKEY", r.Output);
    }
}
