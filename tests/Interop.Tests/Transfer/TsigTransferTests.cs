using Interop.Tests.Serving;

namespace Interop.Tests.Transfer;

/// <summary>
/// Transfers allowed by TSIG key only (RFC 8945): dig and kdig with the key transfer the zone and
/// verify every message; without the key, with a wrong secret or an unknown key name they are
/// turned away with the right error. Plain queries signed with the key get signed answers.
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
    public void A_signed_query_gets_a_signed_answer()
    {
        var r = Dig("-y", $"hmac-sha256:{KeyName}:{Secret}", "www.example.com.", "A");
        Assert.Contains("status: NOERROR", r.Output);
        Assert.Contains("TSIG PSEUDOSECTION", r.Output);
        Assert.DoesNotContain("tsig verify failure", r.Output + r.Error);
    }
}
